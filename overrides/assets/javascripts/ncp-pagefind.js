// Pagefind, loaded on first use only: a page load fetches nothing of the search index.
// The bundle lives at the site root (pagefind/), two folders above this file; results link under
// the site's own path, so the site works at / as well as under a subpath such as /ncp-site/.
// Pagefind searches the index of the page's language (<html lang>).
//
// A language with many pages is indexed in parts (ncp_site/site/search_index.py): the first in
// pagefind/, the others in bundles of their own listed in pagefind/ncp-parts.json, newest pages
// first. Each bundle is a Pagefind of its own (a module imported from its own address keeps its own
// state), searched together here: by score for a query, one part after the other for a sorted list.

const siteRoot = new URL("../../", import.meta.url);
const bundle = new URL("pagefind/", siteRoot);
let loading = null;

async function open(url) {
  const api = await import(new URL("pagefind.js", url).href);
  await api.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
  await api.init();
  return api;
}

async function partsOf(lang) {
  const response = await fetch(new URL("ncp-parts.json", bundle));
  return response.ok ? ((await response.json())[lang] ?? []) : [];
}

export function pagefind() {
  loading ??= Promise.all([open(bundle), partsOf(document.documentElement.lang)]).then(async ([first, parts]) =>
    parts.length ? together([first, ...(await Promise.all(parts.map((part) => open(new URL(part, bundle)))))]) : first);
  return loading;
}

// Counts per filter value, added up over the parts.
function added(all) {
  const sum = {};
  for (const filters of all) {
    for (const [name, values] of Object.entries(filters ?? {})) {
      sum[name] ??= {};
      for (const [value, n] of Object.entries(values)) sum[name][value] = (sum[name][value] ?? 0) + n;
    }
  }
  return sum;
}

// The parts as one Pagefind (what the site's scripts use of it: search, debouncedSearch, filters).
function together(apis) {
  async function search(term, options = {}) {
    const found = await Promise.all(apis.map((api) => api.search(term, options)));
    const [order] = Object.values(options.sort ?? {});
    const results = order
      ? (order === "asc" ? [...found].reverse() : found).flatMap((part) => part.results)
      : found.flatMap((part) => part.results).sort((a, b) => b.score - a.score);
    return {
      results,
      filters: added(found.map((part) => part.filters)),
      totalFilters: added(found.map((part) => part.totalFilters)),
      unfilteredResultCount: found.reduce((n, part) => n + part.unfilteredResultCount, 0),
    };
  }
  let latest = 0;
  return {
    search,
    filters: async () => added(await Promise.all(apis.map((api) => api.filters()))),
    async debouncedSearch(term, options = {}, wait = 300) {
      const mine = ++latest;
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (mine !== latest) return null;
      const found = await search(term, options);
      return mine === latest ? found : null;
    },
  };
}

// "Pages found: {n}" with n written the way the page's language writes numbers.
export function counted(template, n) {
  return template.replace("{n}", new Intl.NumberFormat(document.documentElement.lang).format(n));
}

// Up to `count` results' data (URL, title, excerpt, meta), in their order.
export function load(results, from, count) {
  return Promise.all(results.slice(from, from + count).map((result) => result.data()));
}
