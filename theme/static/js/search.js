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
const FIRST_PAINT = 5; // results drawn before the rest of a page of them is fetched
let pagefind = null;
let current = { order: null, shown: 0, query: "" };
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

// The other spellings of a page's places (search_facets.html, #search-spellings)
// are indexed so that "Idleb" finds Idlib, but they are no text of the page: an
// excerpt leaves them out. Pagefind has no option for words that match but are
// not quoted, so the excerpt is made again here, as Pagefind makes it (the
// densest run of matches, EXCERPT_WORDS long), from the page's words without
// that block's. Pagefind gives the block's place as an anchor (its id) and its
// words as the anchor's text.
const EXCERPT_WORDS = 24;
const SPELLINGS_ID = "search-spellings";

function splitWords(text) {
  return text.split(/[\r\n\s]+/g).filter(Boolean);
}

function excerptOf(data) {
  const block = (data.anchors || []).find((anchor) => anchor.id === SPELLINGS_ID);
  if (!block || !data.raw_content) return data.excerpt || "";
  const words = data.raw_content.split(/[\r\n\s]+/g);
  const from = block.location;
  const to = from + splitWords(block.text || "").length;
  const kept = [...words.slice(0, from), ...words.slice(to)];
  const scores = [];
  for (const found of data.weighted_locations || []) {
    if (found.location >= from && found.location < to) continue;
    const at = found.location < from ? found.location : found.location - (to - from);
    scores[at] = (scores[at] || 0) + found.balanced_score;
  }
  // The window of EXCERPT_WORDS words with the most matches; of equal ones in a
  // row, the middle one (the match near the middle of the excerpt).
  const windows = [];
  let sum = 0;
  for (let end = 0; end < kept.length; end++) {
    sum += scores[end] || 0;
    if (end >= EXCERPT_WORDS) sum -= scores[end - EXCERPT_WORDS] || 0;
    windows.push(sum); // the window ending at `end`
  }
  const best = windows.reduce((most, value) => Math.max(most, value), 0);
  let start = 0; // no match outside the block: the page's first words
  if (best > 0) {
    const first = windows.indexOf(best);
    let last = first;
    while (windows[last + 1] === best) last++;
    start = Math.floor((first + last) / 2) - EXCERPT_WORDS + 1;
  }
  start = Math.max(0, Math.min(start, kept.length - EXCERPT_WORDS));
  return kept
    .slice(start, start + EXCERPT_WORDS)
    .map((word, i) => (scores[start + i] ? `<mark>${word}</mark>` : word))
    .join(" ")
    .trim();
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
  excerpt.append(...excerptNodes(excerptOf(data)));
  item.append(heading, meta, excerpt);
  return item;
}

// Two parts of the index (docs/search.md, "In the browser"): stories, datasets,
// places and charts first; the records part is merged in (mergeIndex) once the
// first results are drawn. A synthetic filter (mergeFilter) names each part.
const PART = "part";
const MAIN_PART = "main";
const RECORDS_PART = "records";
const RECORD_KIND = "record";
const NO_RESULTS = { results: [] };
let recordsPart = null; // the merge of the records part, once started

function mergeRecordsPart() {
  recordsPart ??= pagefind.mergeIndex(new URL(form.dataset.records, document.baseURI).pathname, {
    baseUrl: new URL(form.dataset.site, document.baseURI).pathname,
    excerptLength: EXCERPT_WORDS,
    mergeFilter: { [PART]: RECORDS_PART },
  });
  return recordsPart;
}

function searchPart(part, query, options) {
  return pagefind.search(query || null, { ...options, filters: { ...options.filters, [PART]: part } });
}

// The first part's best few (drawn first, they never move), then the rest of
// both by score relative to the best of its part (a part's scores weigh a word
// by its rarity in that part). The same order whenever the records arrive.
function bestFirst(main, records) {
  const relative = (results) => {
    const best = results.length ? results[0].score || 1 : 1;
    return results.map((result) => ({ result, score: result.score / best }));
  };
  const rest = [...relative(main).slice(FIRST_PAINT), ...relative(records)]
    .sort((a, b) => b.score - a.score) // stable: on equal scores, the first part's first
    .map((entry) => entry.result);
  return listOrder([...main.slice(0, FIRST_PAINT), ...rest]);
}

function listOrder(results) {
  let at = 0;
  return {
    total: results.length,
    skip(count) {
      at += count;
    },
    async take(count) {
      const part = results.slice(at, at + count);
      at += part.length;
      return Promise.all(part.map((r) => r.data()));
    },
  };
}

// By date: the parts' date-sorted lists merged by each result's "day" filter
// (in its fragment), fetching the fragments shown and the next of each list.
function byDate(lists, direction) {
  const heads = lists.map((results) => ({ results, at: 0 }));
  const dayOf = (data) => (data.filters.day || [""])[0];
  const before = direction === "asc" ? (a, b) => a < b : (a, b) => a > b;
  return {
    total: lists.reduce((sum, results) => sum + results.length, 0),
    skip(count) {
      if (count) throw new Error("search: a date order is drawn from its start");
    },
    async take(count) {
      const taken = [];
      while (taken.length < count) {
        const open = heads.filter((head) => head.at < head.results.length);
        if (!open.length) break;
        const datas = await Promise.all(open.map((head) => head.results[head.at].data()));
        let next = 0; // on the same day, the first part's page (a story) first
        for (let i = 1; i < open.length; i++) if (before(dayOf(datas[i]), dayOf(datas[next]))) next = i;
        taken.push(datas[next]);
        open[next].at++;
      }
      return taken;
    },
  };
}

// Draws up to `count` more results, the first few painted before the rest are
// asked for (benchmarks/search_cost.py weighs what comes before the first).
async function showMore(count = PAGE_SIZE) {
  const mine = generation;
  const first = Math.min(count, FIRST_PAINT);
  for (const size of [first, count - first]) {
    if (size <= 0) continue;
    const datas = await current.order.take(size);
    if (mine !== generation) return;
    if (!datas.length) break;
    list.append(...datas.map(resultItem));
    current.shown += datas.length;
    await painted();
    if (mine !== generation) return;
  }
  more.parentElement.hidden = current.shown >= current.order.total;
}

// After the next frame is painted (or 100 ms, for a tab in the background, which
// paints no frame).
function painted() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
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
  // The kind filter names the one part that can hold its pages.
  const inMain = filters.kind !== RECORD_KIND;
  const inRecords = Boolean(form.dataset.records) && (!filters.kind || filters.kind === RECORD_KIND);
  let main = NO_RESULTS;
  let records = NO_RESULTS;
  try {
    if (inMain) main = await searchPart(MAIN_PART, query, options);
    if (mine !== generation || main === null) return;
    current = { query, shown: 0, order: listOrder([]) };
    list.replaceChildren();
    if (!options.sort) {
      // The first results, from the first part alone.
      current.order = listOrder(main.results.slice(0, FIRST_PAINT));
      await showMore(FIRST_PAINT);
      if (mine !== generation) return;
    }
    if (inRecords) {
      await mergeRecordsPart();
      records = await searchPart(RECORDS_PART, query, options);
      if (mine !== generation || records === null) return;
    }
  } catch (error) {
    if (mine !== generation) return;
    say("failed");
    console.warn("search:", error);
    return;
  }
  current.order = options.sort ? byDate([main.results, records.results], options.sort.date) : bestFirst(main.results, records.results);
  current.order.skip(current.shown);
  await showMore(PAGE_SIZE - current.shown);
  if (mine !== generation) return;
  // Announced once the results are in the page.
  const count = current.order.total;
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
      excerptLength: EXCERPT_WORDS,
      mergeFilter: { [PART]: MAIN_PART },
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
  more.addEventListener("click", () => showMore());
  window.addEventListener("hashchange", () => {
    const words = queryFromAddress();
    if (words !== input.value.trim()) {
      input.value = words;
      run();
    }
  });
  // Words typed while Pagefind was loading had no listener yet: they are searched
  // now, not replaced (a query in the address, #q=, wins).
  const fromAddress = queryFromAddress();
  if (fromAddress) input.value = fromAddress;
  if (input.value.trim()) run();
  input.focus();
}

start();
