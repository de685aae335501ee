// Marsad's development server (make serve) adds this file to every page it
// serves; the published site never has it. It tells the server which page is
// open, reloads it when its page changed, and shows the build's problems.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = (script && script.dataset.version) || "";
  var overlay = null;

  function showProblems(problems) {
    if (!document.getElementById("marsad-devserver-css")) {
      var css = document.createElement("link");
      css.id = "marsad-devserver-css";
      css.rel = "stylesheet";
      css.href = "/_marsad/devserver.css";
      document.head.appendChild(css);
    }
    if (!overlay) {
      overlay = document.createElement("section");
      overlay.id = "marsad-devserver-problems";
      overlay.setAttribute("role", "alert");
      overlay.setAttribute("dir", "ltr");
      overlay.setAttribute("lang", "en");
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = "The build failed with " + problems.length +
      (problems.length === 1 ? " problem" : " problems") + " (this page is the last good one)";
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
    var hint = document.createElement("p");
    hint.textContent = "Fix the file and save: this box goes away by itself.";
    overlay.append(heading, list, hint);
  }

  function hideProblems() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  var address = "/_marsad/events?page=" + encodeURIComponent(location.pathname) +
    "&version=" + encodeURIComponent(version);
  var events = new EventSource(address);
  events.addEventListener("reload", function () {
    events.close();
    location.reload();
  });
  events.addEventListener("problems", function (event) {
    showProblems(JSON.parse(event.data));
  });
  events.addEventListener("ok", hideProblems);
})();
