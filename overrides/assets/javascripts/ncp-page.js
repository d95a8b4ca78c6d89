/* Every page, loaded right after the content (partials/javascripts/content.html). Without it the page
   still works: tables turn into cards below 600 px by CSS alone, links print without their address.
   - A data table too wide for its column becomes cards (ncp.css: table.ncp-cards.ncp-stacked): no
     word is broken and no column is hidden or scrolled away.
   - The language links keep the page's state: the search query (#q=...) and a register's filters
     (#chapter=IV&role=lead) live in the address after "#", which a plain link would drop.
   - The menu on a narrow screen opens from a button the keyboard reaches too.
   - A link to a section that opens (details) opens it.
   - Print: each link of the content is followed by its absolute address, the header line by the
     day it is printed, and every section is open. */
(function () {
  "use strict";
  var content = document.querySelector(".md-content");
  var inner = document.querySelector(".md-content__inner");
  var tables = inner ? inner.querySelectorAll("table.ncp-cards") : [];
  var NARROW = 600; /* px: below, the stylesheet shows every such table as cards */

  function fit() {
    if (!inner) return;
    var box = inner.getBoundingClientRect();
    var narrow = content.clientWidth < NARROW;
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      table.classList.remove("ncp-stacked");
      if (!narrow && table.getBoundingClientRect().right > box.right + 1) table.classList.add("ncp-stacked");
    }
  }
  if (tables.length) {
    fit();
    if (window.ResizeObserver) new ResizeObserver(fit).observe(content); /* its width never depends on the tables */
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-ncp-language]");
    if (link && /^#.*=/.test(location.hash)) link.hash = location.hash;
  });

  /* The menu on a narrow screen (Material's drawer, a checkbox toggled by a label only a pointer can
     use): a button that the keyboard reaches too, saying whether the menu is open; Escape closes it. */
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".ncp-menu");
  if (drawer && menu) {
    var label = document.querySelector(".md-header__button[for=__drawer]");
    var setDrawer = function (open) {
      drawer.checked = open;
      drawer.dispatchEvent(new Event("change"));
      menu.setAttribute("aria-expanded", String(open));
    };
    if (label) label.hidden = true;
    menu.hidden = false;
    menu.addEventListener("click", function () {
      setDrawer(!drawer.checked);
      var first = drawer.checked && document.querySelector(".md-sidebar--primary .md-nav__link[href]");
      if (first) first.focus();
    });
    drawer.addEventListener("change", function () { menu.setAttribute("aria-expanded", String(drawer.checked)); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        setDrawer(false);
        menu.focus();
      }
    });
  }

  /* A link to a section that opens (details.ncp-section) opens it. */
  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  reveal();
  window.addEventListener("hashchange", reveal);

  /* Addresses as published (the canonical address of the page), whatever host the page is read from. */
  var canonical = document.querySelector("link[rel=canonical]");
  var base = canonical ? canonical.href : location.href;

  function forPrint() {
    var links = inner ? inner.querySelectorAll("a[href]") : [];
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href");
      if (href.charAt(0) !== "#" && !/^(mailto|tel):/.test(href)) links[i].setAttribute("data-ncp-print-href", new URL(href, base).href);
    }
    var day = document.querySelector("[data-ncp-print-date]");
    if (day) {
      var today = new Date();
      var iso = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map(function (n) {
        return String(n).padStart(2, "0");
      }).join("-"); /* ISO 8601: the same in every language, and unambiguous */
      day.textContent = iso;
    }
  }
  forPrint();
  window.addEventListener("beforeprint", function () {
    forPrint();
    var closed = inner ? inner.querySelectorAll("details:not([open])") : [];
    for (var i = 0; i < closed.length; i++) closed[i].open = true;
  });
})();
