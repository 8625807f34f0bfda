/* Tables that do not fit their column (issue 14).
 *
 * Material wraps every table in div.md-typeset__scrollwrap, which scrolls sideways when the table is
 * wider than the text column. This script
 *  - shows a table that cites a source (a "Källa" or "Dokument" column) as stacked cards
 *    (data-kort-visas) wherever it would not fit as a table, so the source is never a column that is
 *    off-screen: each cell gets its column's name
 *    (data-etikett, painted by extra.css), and the table keeps its table semantics through ARIA roles,
 *    which Chromium and Safari drop when a table is no longer displayed as one;
 *  - marks a wrapper that still scrolls (data-rullar): it becomes a named, keyboard-focusable region
 *    (WCAG 2.1.1: a scrollable region must be reachable without a mouse), described by a visible hint
 *    "Svep för att se fler kolumner"; extra.css keeps its first column in view and paints a shadow on
 *    the edge where more columns are hidden (data-mer-hoger, data-mer-vanster on its frame).
 * It re-measures when the window or a wrapper changes size, and undoes all of it when a table fits.
 */
(function () {
  "use strict";
  var SOURCE_COLUMNS = ["Källa", "Dokument"];
  var HINT = "Svep för att se fler kolumner";
  var counter = 0;

  function headings(table) {
    var head = table.tHead && table.tHead.rows[0];
    return head ? Array.prototype.map.call(head.cells, function (cell) { return cell.textContent.trim(); }) : [];
  }

  /* The name of a table as a region: its caption, else the nearest heading before it. */
  function nameOf(wrapper, table) {
    if (table.caption && table.caption.textContent.trim()) return "Tabell: " + table.caption.textContent.trim();
    var node = wrapper.closest(".tabell-ram") || wrapper;
    for (; node; node = node.previousElementSibling || node.parentElement) {
      if (/^H[1-6]$/.test(node.tagName)) {
        var clone = node.cloneNode(true);
        clone.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
        return "Tabell: " + clone.textContent.trim();
      }
      if (node.tagName === "ARTICLE" || node === document.body) break;
    }
    return "Tabell";
  }

  /* Stacked cards for a table with a source column: labels and ARIA roles, the layout is CSS. */
  function prepareCards(wrapper, table) {
    var names = headings(table);
    if (!names.some(function (name) { return SOURCE_COLUMNS.indexOf(name) >= 0; })) return;
    wrapper.setAttribute("data-kort", "");
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell, index) {
        if (cell.tagName === "TH") {
          cell.setAttribute("role", row.parentElement.tagName === "THEAD" ? "columnheader" : "rowheader");
        } else {
          cell.setAttribute("role", "cell");
          if (names[index]) cell.setAttribute("data-etikett", names[index]);
        }
      });
    });
  }

  function setup(wrapper) {
    var table = wrapper.querySelector("table");
    if (!table || wrapper.hasAttribute("data-tabell")) return null;
    wrapper.setAttribute("data-tabell", "");
    prepareCards(wrapper, table);
    var frame = document.createElement("div");
    frame.className = "tabell-ram";
    wrapper.parentNode.insertBefore(frame, wrapper);
    frame.appendChild(wrapper);
    var hint = document.createElement("p");
    hint.className = "tabell-svep";
    hint.id = "tabell-svep-" + (++counter);
    hint.hidden = true;
    hint.textContent = HINT;
    frame.parentNode.insertBefore(hint, frame);
    var state = { wrapper: wrapper, table: table, frame: frame, hint: hint };
    wrapper.addEventListener("scroll", function () { edges(state); }, { passive: true });
    return state;
  }

  function edges(state) {
    var w = state.wrapper;
    var scrolls = w.hasAttribute("data-rullar");
    toggle(state.frame, "data-mer-vanster", scrolls && w.scrollLeft > 1);
    toggle(state.frame, "data-mer-hoger", scrolls && w.scrollLeft + w.clientWidth < w.scrollWidth - 1);
  }

  function toggle(element, name, on) {
    if (on) element.setAttribute(name, "");
    else element.removeAttribute(name);
  }

  function overflows(w) {
    return w.scrollWidth - w.clientWidth > 1;
  }

  function measure(state) {
    var w = state.wrapper;
    if (w.hasAttribute("data-kort")) {
      /* Cards only where the table itself would have to scroll. */
      w.removeAttribute("data-kort-visas");
      if (overflows(w)) w.setAttribute("data-kort-visas", "");
    }
    var scrolls = overflows(w);
    if (scrolls && !w.hasAttribute("data-rullar")) {
      w.setAttribute("data-rullar", "");
      w.setAttribute("role", "region");
      w.setAttribute("tabindex", "0");
      w.setAttribute("aria-label", nameOf(w, state.table));
      w.setAttribute("aria-describedby", state.hint.id);
      state.hint.hidden = false;
    } else if (!scrolls && w.hasAttribute("data-rullar")) {
      ["data-rullar", "role", "tabindex", "aria-label", "aria-describedby"].forEach(function (name) {
        w.removeAttribute(name);
      });
      state.hint.hidden = true;
    }
    edges(state);
  }

  var states = [];
  function scan() {
    document.querySelectorAll(".md-typeset .md-typeset__scrollwrap").forEach(function (wrapper) {
      var state = setup(wrapper);
      if (state) {
        states.push(state);
        if (observer) observer.observe(wrapper);
      }
    });
    states = states.filter(function (state) { return state.wrapper.isConnected; });
    states.forEach(measure);
  }

  /* Re-measured when a wrapper's width changes (not its height, which the cards themselves change). */
  var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var state = states.filter(function (s) { return s.wrapper === entry.target; })[0];
      var width = entry.contentRect.width;
      if (state && state.width !== width) {
        state.width = width;
        measure(state);
      }
    });
  }) : null;
  window.addEventListener("resize", function () { states.forEach(measure); });
  /* Material wraps the tables when a page is shown (document$); run after it, on every page. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { scan(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
