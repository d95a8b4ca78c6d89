"""The menu (Material's primary sidebar on a wide screen, its drawer on a phone) as a visitor sees it
while scrolling it: its title never covers an item, and a title is never cut.

"Covers" is judged by the boxes, whatever the title's opacity: at every scroll position the first menu
item in sight (even in part) and every title on the screen do not meet. A transparent title would
print over the item; an opaque sticky one, "on top" as Material draws it, leaves the items sliding
under it half-hidden, which is what the reviewers reported ("the sidebar title overlaps the scrolled
menu"): both fail here."""

from __future__ import annotations

import re

import pytest

from browsing import offline_context

from .conftest import LANGS, lang_path, settled

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
STEP = 17
"""px between the scroll positions tried: not a multiple of an item's height, so that items straddle the
top of the list at one position or another."""

SCROLLERS = """() => [...document.querySelectorAll('.md-sidebar--primary *')].filter((el) => {
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return ['auto', 'scroll'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1
    && box.width > 0 && box.left >= 0 && box.right <= innerWidth && style.visibility === 'visible';
}).length"""

# At each scroll position of the menu's scrolling box: the first item seen in it (even in part), the
# titles on the screen, and whether their boxes meet.
COVERED = """(step) => {
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth
      && getComputedStyle(el).visibility === 'visible';
  };
  const atop = (el) => {  // not under another level of the drawer
    const box = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
  };
  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const scroller = [...document.querySelectorAll('.md-sidebar--primary *')].find((el) => {
    const style = getComputedStyle(el);
    return ['auto', 'scroll'].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1 && shown(el)
      && el.getBoundingClientRect().left >= 0;
  });
  const problems = [];
  const last = scroller.scrollHeight - scroller.clientHeight;
  for (let top = 0; top <= last + step; top += step) {
    scroller.scrollTop = Math.min(top, last);
    const view = scroller.getBoundingClientRect();
    const items = [...scroller.querySelectorAll('.md-nav__link')].filter(shown).map((el) => [el, el.getBoundingClientRect()])
      .filter(([, box]) => box.bottom > view.top + 1 && box.top < view.bottom && box.left < view.right && box.right > view.left)
      .sort((a, b) => a[1].top - b[1].top);
    if (!items.length) { problems.push(`scrollTop ${scroller.scrollTop}: no item in sight`); continue; }
    const [item, whole] = items[0];
    const box = {left: Math.max(whole.left, view.left), right: Math.min(whole.right, view.right),
                 top: Math.max(whole.top, view.top), bottom: Math.min(whole.bottom, view.bottom)};  // the part in sight
    const name = item.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
    for (const title of document.querySelectorAll('.md-sidebar--primary .md-nav__title')) {
      if (shown(title) && atop(title) && meet(title.getBoundingClientRect(), box)) {
        problems.push(`scrollTop ${scroller.scrollTop}: the title «${title.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40)}» `
                      + `(${Math.round(title.getBoundingClientRect().bottom)} px) covers «${name}» (top ${Math.round(box.top)} px)`);
      }
    }
  }
  return {scrolled: last, problems: [...new Set(problems)].slice(0, 8)};
}"""

CUT_TITLES = """() => [...document.querySelectorAll('.md-sidebar--primary .md-nav__title')].filter((title) => {
  const box = title.getBoundingClientRect();
  return box.width > 0 && box.left >= 0 && box.right <= innerWidth && getComputedStyle(title).visibility === 'visible'
    && title.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2));
}).filter((title) => title.scrollWidth > title.clientWidth + 1 || title.scrollHeight > title.clientHeight + 1
  || (getComputedStyle(title).whiteSpace === 'nowrap' && getComputedStyle(title).textOverflow === 'ellipsis'))
  .map((title) => title.textContent.trim().replace(/\\s+/g, ' '))"""


def still(page, selector: str) -> None:
    """Wait until the drawer's slide is over: the element's box the same in two frames running."""
    for _ in range(50):
        before = page.locator(selector).first.bounding_box()
        settled(page)
        if page.locator(selector).first.bounding_box() == before:
            return
    pytest.fail(f"{selector} still moving")


def most_sections(site) -> str:
    """The menu's page whose contents list (the drawer's longest level) has the most entries."""
    def entries(path: str) -> int:
        html = site.html("kk", path)
        if 'class="md-nav__link md-nav__link--active" for="__toc"' not in html:
            return 0  # not in the menu, or no contents
        nav = html.partition('class="md-nav md-nav--secondary"')[2].partition("</nav>")[0]
        return len(re.findall(r'class="md-nav__link"', nav))
    pages = [p.removesuffix("index.html") for p in site.pages("kk") if p.endswith("/index.html")]
    return max(sorted(pages), key=entries)


SCROLL_RANGE = """() => [...document.querySelectorAll('.md-sidebar--primary *')]
  .map((el) => el.scrollHeight - el.clientHeight).filter((range) => range > 1)"""


def check_scrolled(page) -> None:
    steady = None
    for _ in range(50):  # Material's script sizes the menu to the window once the page is laid out
        ranges = page.evaluate(SCROLL_RANGE)
        if ranges == steady:
            break
        steady = ranges
        settled(page)
    assert page.evaluate(SCROLLERS) == 1, "premise: the menu scrolls (one scrolling list in sight)"
    found = page.evaluate(COVERED, STEP)
    assert found["scrolled"] > 2 * STEP, f"premise: the menu scrolls by more than {2 * STEP} px"
    assert not found["problems"], "\n".join(found["problems"])


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_title_does_not_cover_the_scrolled_menu_on_a_wide_screen(chromium, served_url, lang):
    context = offline_context(chromium, served_url, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(served_url + lang_path(lang, "cases/"), wait_until="load")
        assert page.locator(".md-sidebar--primary").is_visible(), "premise: the menu is beside the page"
        check_scrolled(page)
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_menu_title_does_not_cover_the_scrolled_menu_and_is_never_cut(chromium, served_url, site, lang):
    """In the drawer: the level it opens on (the page's section), then the page's contents, the longest
    level there is (the page with the most sections)."""
    context = offline_context(chromium, served_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(served_url + lang_path(lang, most_sections(site)), wait_until="load")
        page.locator(".ncp-menu").click()
        still(page, ".md-sidebar--primary")
        assert page.evaluate(CUT_TITLES) == [], "a title of the menu is cut"
        page.locator(".md-sidebar--primary label.md-nav__link--active[for='__toc']").click()
        still(page, ".md-sidebar--primary .md-nav--secondary")
        assert page.evaluate(CUT_TITLES) == [], "a title of the menu's contents is cut"
        check_scrolled(page)
    finally:
        context.close()
