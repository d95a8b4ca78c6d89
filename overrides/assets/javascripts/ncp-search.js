// The search page (search/ in each language): Pagefind over the page language's index.
// The query lives in the URL's #fragment (#q=...), which the browser never sends to the server:
// a search can be bookmarked or shared, and what is typed stays in the browser.
import { counted, load, pagefind } from "./ncp-pagefind.js";

const PAGE_SIZE = 10;
const form = document.querySelector("form[data-ncp-search]");
const input = form.querySelector("input[type=search]");
const status = document.querySelector("[data-ncp-search-status]");
const list = document.querySelector("[data-ncp-search-results]");
const more = document.querySelector("[data-ncp-search-more]");
let current = { results: [], shown: 0 };
let generation = 0;

function queryInUrl() {
  return new URLSearchParams(location.hash.slice(1)).get("q") ?? "";
}

function keepInUrl(query) {
  const hash = query ? "#" + new URLSearchParams({ q: query }) : "";
  history.replaceState(null, "", location.pathname + location.search + hash);
}

function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  li.append(link, excerptOf(data.excerpt));
  return li;
}

// The excerpt as text with its <mark> highlights: page text is never parsed as live HTML (a
// published text may hold "<img onerror=...>"). The whole excerpt is parsed once, in an inert
// document (no script runs, nothing loads), so the spaces around each highlight stay where they are
// ("Telia <mark>Company</mark> AB"); only its text and its marks are copied into the page.
function excerptOf(html) {
  const excerpt = document.createElement("p");
  const inert = new DOMParser().parseFromString(html || "", "text/html").body;
  for (const node of inert.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      excerpt.append(mark);
    } else {
      excerpt.append(document.createTextNode(node.textContent));
    }
  }
  return excerpt;
}

async function showMore(run, focusFirst) {
  const batch = await load(current.results, current.shown, PAGE_SIZE);
  if (run !== generation) return;
  const items = batch.map(item);
  list.append(...items);
  current.shown += batch.length;
  more.hidden = current.shown >= current.results.length;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

async function search(query, immediately) {
  const run = ++generation;
  keepInUrl(query.trim());
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = "";
    more.hidden = true;
    return;
  }
  try {
    const api = await pagefind();
    const found = immediately ? await api.search(query) : await api.debouncedSearch(query);
    if (found === null || run !== generation) return;
    current = { results: found.results, shown: 0 };
    list.replaceChildren();
    await showMore(run, false);
    if (run !== generation) return;
    status.textContent = found.results.length ? counted(form.dataset.found, found.results.length) : form.dataset.none;
  } catch (error) {
    status.textContent = form.dataset.failed;
    throw error;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value, true);
});
input.addEventListener("input", () => search(input.value, false));
more.addEventListener("click", () => showMore(generation, true));
window.addEventListener("hashchange", () => {
  if (queryInUrl() !== input.value.trim()) {
    input.value = queryInUrl();
    search(input.value, true);
  }
});
input.value = queryInUrl();
if (input.value) search(input.value, true);
