/* Marsad embed pages (plugins/chartpages): tell the framing page how tall this
 * page is, so that a host may size its <iframe> to the chart (docs/charts.md,
 * "Chart pages and embeds", has the host's few lines). Posts
 * {type: "marsad:embed-height", height: <CSS px>, src: <this page's address>}
 * to the parent window on load and whenever the page's height changes (the
 * interactive view replacing the static drawing, a resized frame). Nothing is
 * read from the host; outside a frame it does nothing. The <iframe>'s own
 * height attribute, computed at build time, already shows the whole page. */
(function () {
  "use strict";
  if (window.parent === window || !window.postMessage) {
    return;
  }
  var sent = 0;
  function post() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== sent) {
      sent = height;
      window.parent.postMessage({ type: "marsad:embed-height", height: height, src: location.href }, "*");
    }
  }
  window.addEventListener("load", post);
  if (window.ResizeObserver) {
    new window.ResizeObserver(post).observe(document.body);
  } else {
    window.addEventListener("resize", post);
  }
  post();
})();
