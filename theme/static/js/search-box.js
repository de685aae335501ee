// The header's search box: open the search page with the words after '#', so
// they stay in the browser (a fragment is never sent to a server).
for (const form of document.querySelectorAll("form[data-search-box]")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const words = form.querySelector("input").value.trim();
    const target = new URL(form.getAttribute("action"), document.baseURI);
    target.hash = words ? "q=" + encodeURIComponent(words) : "";
    window.location.assign(target.href);
  });
}
