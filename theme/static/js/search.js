// The search page: Pagefind's JavaScript API over the site's own index
// (plugins/search). Every file comes from the site; the words typed stay in the
// browser (in the address only after '#'). Interface text comes from the page,
// so each edition's template gives it in its own language.

const form = document.getElementById("search-form");
const input = document.getElementById("search-query");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const sortSelect = document.getElementById("search-sort");
const filterSelects = [...form.querySelectorAll("select[data-filter]")];
const kindLabels = Object.fromEntries(
  [...document.querySelectorAll("#search-kind option[data-label]")].map((o) => [o.value, o.dataset.label]),
);
const PAGE_SIZE = 10;
let pagefind = null;
let current = { results: [], shown: 0, query: "" };
let generation = 0;

function say(key, values = {}) {
  const text = status.dataset[key] || "";
  status.textContent = text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
}

// Pagefind's excerpt is its own escaped text with <mark> around matches; keep
// only text and <mark>, rebuilt as DOM nodes, so nothing else can get in.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const nodes = [];
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.ELEMENT_NODE && node.localName === "mark") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const kind = (data.filters.kind || [])[0];
  const meta = document.createElement("p");
  meta.className = "search-result__meta";
  meta.textContent = [kindLabels[kind] || "", data.meta.date || ""].filter(Boolean).join(" · ");
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  excerpt.append(...excerptNodes(data.excerpt || ""));
  item.append(heading, meta, excerpt);
  return item;
}

async function showMore() {
  const mine = generation;
  const next = current.results.slice(current.shown, current.shown + PAGE_SIZE);
  const datas = await Promise.all(next.map((r) => r.data()));
  if (mine !== generation) return;
  list.append(...datas.map(resultItem));
  current.shown += next.length;
  more.parentElement.hidden = current.shown >= current.results.length;
}

function chosenFilters() {
  const filters = {};
  for (const select of filterSelects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return filters;
}

async function run() {
  const query = input.value.trim();
  const filters = chosenFilters();
  const mine = ++generation;
  history.replaceState(null, "", query ? "#q=" + encodeURIComponent(query) : location.pathname);
  if (!query && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    more.parentElement.hidden = true;
    return;
  }
  say("searching");
  const options = { filters };
  if (sortSelect.value) options.sort = { date: sortSelect.value };
  const search = await pagefind.search(query || null, options);
  if (mine !== generation || search === null) return;
  current = { results: search.results, shown: 0, query };
  list.replaceChildren();
  await showMore();
  if (mine !== generation) return;
  // Announced once the results are in the page.
  const count = search.results.length;
  if (count === 0) say("none", { query });
  else say("results" + capitalized(plurals.select(count)), { count: numbers.format(count), query });
}

// The count's wording in the page's language: search.html gives the catalog's
// message for each CLDR plural category (data-results-one, -two, -few, ...);
// Intl.PluralRules picks the category, as Babel does for the catalog.
const plurals = new Intl.PluralRules(document.documentElement.lang);
const numbers = new Intl.NumberFormat(document.documentElement.lang, {
  numberingSystem: status.dataset.digits || "latn",
  useGrouping: true,
});

function capitalized(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

// Keyboard: Enter searches at once; Down moves from the field into the results,
// Up and Down move between them, Up from the first result returns to the field.
function resultLinks() {
  return [...list.querySelectorAll(".search-result__title a")];
}

input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" && resultLinks().length) {
    event.preventDefault();
    resultLinks()[0].focus();
  }
});

list.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = resultLinks();
  const at = links.indexOf(document.activeElement);
  if (at < 0) return;
  event.preventDefault();
  if (event.key === "ArrowDown") links[Math.min(at + 1, links.length - 1)].focus();
  else if (at === 0) input.focus();
  else links[at - 1].focus();
});

function queryFromAddress() {
  const found = /(?:^|&)q=([^&]*)/.exec(location.hash.slice(1));
  return found ? decodeURIComponent(found[1].replace(/\+/g, " ")) : "";
}

async function start() {
  form.hidden = false;
  try {
    const bundle = new URL(form.dataset.bundle, document.baseURI);
    const site = new URL(form.dataset.site, document.baseURI);
    pagefind = await import(new URL("pagefind.js", bundle).href);
    // noWorker: Pagefind searches in this page rather than in a web worker, which
    // would be one more script (12 KB) to fetch before the first results.
    await pagefind.options({
      basePath: bundle.pathname,
      baseUrl: site.pathname,
      excerptLength: 24,
      noWorker: true,
    });
    await pagefind.init();
  } catch (error) {
    say("failed");
    console.warn("search:", error);
    return;
  }
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  for (const select of [...filterSelects, sortSelect]) select.addEventListener("change", run);
  more.addEventListener("click", showMore);
  window.addEventListener("hashchange", () => {
    const words = queryFromAddress();
    if (words !== input.value.trim()) {
      input.value = words;
      run();
    }
  });
  input.value = queryFromAddress();
  if (input.value) run();
  input.focus();
}

start();
