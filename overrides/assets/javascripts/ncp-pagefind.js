// Pagefind, loaded on first use only: a page load fetches nothing of the search index.
// The bundle lives at the site root (pagefind/), two folders above this file; results link under
// the site's own path, so the site works at / as well as under a subpath such as /ncp-site/.
// Pagefind searches the index of the page's language (<html lang>).

const siteRoot = new URL("../../", import.meta.url);
let loading = null;

export function pagefind() {
  loading ??= import(new URL("pagefind/pagefind.js", siteRoot).href).then(async (api) => {
    await api.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
    await api.init();
    return api;
  });
  return loading;
}

// "Pages found: {n}" with n written the way the page's language writes numbers.
export function counted(template, n) {
  return template.replace("{n}", new Intl.NumberFormat(document.documentElement.lang).format(n));
}

// Up to `count` results' data (URL, title, excerpt, meta), in their order.
export function load(results, from, count) {
  return Promise.all(results.slice(from, from + count).map((result) => result.data()));
}
