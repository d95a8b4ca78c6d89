// The filters of a list (the register of specific instances, the events, the documents): a text
// query and one list per filter, over Pagefind's index of the list's record pages (their
// data-pagefind-filter and data-pagefind-sort; ncp_site/core/facets.py). Every
// form[data-ncp-register] on the page works this way, with its own filters (its <select>s), the list
// it searches (data-ncp-register), its sort key (data-sort) and its results (data-results: an id).
// Without JavaScript the form stays hidden and the complete static list below is the page.
// The filter state lives in the URL's #fragment (#chapter=IV&role=lead), restored on load, so a
// filtered view can be bookmarked and shared; nothing is fetched until a filter is used.
// The fields sit in a disclosure (details) that a phone shows closed, so that the list itself starts
// on the first screen: open where there is room (WIDE) or when the URL sets a filter; its summary
// says how many filters are in use.
import { counted, load, pagefind } from "./ncp-pagefind.js";

const PAGE_SIZE = 20;
const WIDE = "(min-width: 45em) and (min-height: 40em)";
const numbers = new Intl.NumberFormat(document.documentElement.lang);

// Each value's count: how many records the view would show with that value chosen instead.
function showCounts(select, counts) {
  for (const option of select.options) {
    if (!option.value) continue;
    const n = counts ? counts[option.value] ?? 0 : Number(option.dataset.count);
    option.textContent = `${option.dataset.label} (${numbers.format(n)})`;
    option.disabled = n === 0 && option.value !== select.value;
  }
}

// A result: the record's title (a link), what its page says of it (data-pagefind-meta "detail"),
// and its date ("date", with "date_on" as machine-readable).
function item(data) {
  const li = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  li.append(link);
  if (data.meta.detail) li.append(` — ${data.meta.detail}`);
  if (data.meta.date) {
    const time = document.createElement("time");
    time.dateTime = data.meta.date_on;
    time.textContent = data.meta.date;
    li.append(data.meta.detail ? ", " : " — ", time);
  }
  return li;
}

function setUp(form) {
  const selects = [...form.querySelectorAll("select")];
  const query = form.elements.q;
  const status = form.querySelector("[role=status]");
  const disclosure = form.querySelector("details");
  const active = disclosure.querySelector(".ncp-filters__active");
  const section = document.getElementById(form.dataset.results);
  const list = section.querySelector("ol");
  const more = section.querySelector("button");
  let current = { results: [], shown: 0 };
  let generation = 0;
  let typing = null;

  function chosen() {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.name] = select.value;
    return { q: query.value.trim(), filters };
  }

  function inUse({ q, filters }) {
    return Object.keys(filters).length + (q ? 1 : 0);
  }

  function showInUse(state) {
    const n = inUse(state);
    active.textContent = n ? counted(active.dataset.template, n) : "";
  }

  function keepInUrl({ q, filters }) {
    const params = new URLSearchParams(filters);
    if (q) params.set("q", q);
    const hash = params.size ? "#" + params : "";
    history.replaceState(null, "", location.pathname + location.search + hash);
  }

  function restoreFromUrl() {
    const params = new URLSearchParams(location.hash.slice(1));
    query.value = params.get("q") ?? "";
    for (const select of selects) {
      const value = params.get(select.name) ?? "";
      select.value = [...select.options].some((option) => option.value === value) ? value : "";
    }
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

  async function update() {
    const run = ++generation;
    const state = chosen();
    keepInUrl(state);
    showInUse(state);
    if (!state.q && !Object.keys(state.filters).length) {
      selects.forEach((select) => showCounts(select, null));
      section.hidden = true;
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    try {
      const api = await pagefind();
      await api.filters(); // loads the filter data, so that searches return counts per value
      // Filters alone: search words every record page has (data-every) rather than nothing, for
      // which Pagefind would fetch the whole index of the language, growing with every record.
      const term = state.q || form.dataset.every;
      const scope = { register: form.dataset.ncpRegister };
      const options = (filters) => ({ filters: { ...scope, ...filters }, sort: { [form.dataset.sort]: "desc" } });
      const found = await api.search(term, options(state.filters));
      const counts = {};
      for (const select of selects) {
        const others = { ...state.filters };
        delete others[select.name];
        const view = select.value ? await api.search(term, options(others)) : found;
        counts[select.name] = view.filters[select.name] ?? {};
      }
      if (run !== generation) return;
      selects.forEach((select) => showCounts(select, counts[select.name]));
      current = { results: found.results, shown: 0 };
      list.replaceChildren();
      await showMore(run, false);
      if (run !== generation) return;
      section.hidden = false;
      status.textContent = counted(form.dataset.found, found.results.length);
    } catch (error) {
      status.textContent = form.dataset.failed;
      throw error;
    }
  }

  form.addEventListener("change", (event) => {
    if (event.target !== query) update();
  });
  query.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(update, 300);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("reset", () => setTimeout(update));
  more.addEventListener("click", () => showMore(generation, true));
  window.addEventListener("hashchange", () => {
    restoreFromUrl();
    if (inUse(chosen())) disclosure.open = true;
    update();
  });
  restoreFromUrl();
  disclosure.open = matchMedia(WIDE).matches || inUse(chosen()) > 0;
  form.hidden = false;
  if (location.hash.length > 1) update();
}

document.querySelectorAll("form[data-ncp-register]").forEach(setUp);
