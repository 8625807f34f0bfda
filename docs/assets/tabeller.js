/* Tables that do not fit their column (issue 14).
 *
 * Material wraps every table in div.md-typeset__scrollwrap, which scrolls sideways when the table is
 * wider than the text column. A table that cites a source is marked at build time (data-kort,
 * generator/pagemarks.py) and shown as stacked cards on small screens by extra.css alone. This script
 *  - gives such a table ARIA roles, so it keeps its table semantics when it is displayed as cards
 *    (Chromium and Safari drop them when a table is no longer displayed as one), in idle time, table by
 *    table: set all at once in the load task they made the browser restyle ~900 elements of the 2026
 *    agreement (60 ms of a throttled phone's main thread);
 *  - marks a wrapper that still scrolls (data-rullar): it becomes a named, keyboard-focusable region
 *    (WCAG 2.1.1: a scrollable region must be reachable without a mouse), described by a visible hint
 *    "Svep för att se fler kolumner"; extra.css keeps its first column in view and paints a shadow on
 *    the edge where more columns are hidden (data-mer-hoger, data-mer-vanster on its frame).
 * It measures when a wrapper is first laid out and again when its width changes, and undoes the marks
 * when a table fits.
 * In every table, an amount or a date written in running text (the generator wraps the ones it
 * formats itself) is wrapped in span.belopp or span.datum, which extra.css keeps on one line (issue 21).
 */
(function () {
  "use strict";
  var HINT = "Svep för att se fler kolumner";
  var counter = 0;
  /* "1 320 000 000 kr", "497,35 mnkr", "250 000 tkr", "+10,0 %", "4 mars 2026", "2026-03-04"; group 1 is
     what precedes the value (no lookbehind: older Safari would reject the whole script). */
  var WHOLE = new RegExp("(^|[^\\d,.])((?:[−+-]?\\d{1,3}(?:[ \u00a0\u202f]\\d{3})*(?:,\\d+)?[ \u00a0\u202f]?(?:mnkr|tkr|kronor|kr|%)(?![A-Za-zÅÄÖåäöÉé]))" +
    "|(?:\\d{1,2}[ \u00a0](?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)[ \u00a0]\\d{4})" +
    "|(?:\\d{4}-\\d{2}-\\d{2}(?!\\d)))");

  var UNIT = /^(?:mnkr|tkr|kr)$/;
  var NUMBER_BEFORE_UNIT = new RegExp("(^|[^\\d,.])([−+-]?\\d{1,3}(?:[ \u00a0\u202f]\\d{3})*(?:,\\d+)?[ \u00a0\u202f]?)$");

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

  /* Table semantics kept through ARIA roles for a table that may be displayed as cards (data-kort). */
  function keepSemantics(table) {
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (cell.tagName === "TD") cell.setAttribute("role", "cell");
        else cell.setAttribute("role", row.parentElement.tagName === "THEAD" ? "columnheader" : "rowheader");
      });
    });
  }

  var idle = window.requestIdleCallback || function (task) { return window.setTimeout(task, 1); };

  /* Amounts and dates in the table's text, each in a span that does not break (text nodes split and
     moved, never parsed as markup). */
  function keepWhole(table) {
    var walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest(".belopp, .datum, code") && WHOLE.test(node.data)) nodes.push(node);
    }
    nodes.forEach(function (text) {
      var match;
      while (text && (match = WHOLE.exec(text.data))) {
        var value = text.splitText(match.index + match[1].length);
        text = value.splitText(match[2].length);
        var span = document.createElement("span");
        span.className = /\d$/.test(match[2]) ? "datum" : "belopp";
        value.parentNode.insertBefore(span, value);
        span.appendChild(value);
      }
    });
    // An amount whose unit is an explained abbreviation (<abbr>tkr</abbr>, from the glossary): the number
    // ends the text node before it, and both go into one span.
    Array.prototype.forEach.call(table.querySelectorAll("abbr"), function (abbr) {
      var before = abbr.previousSibling;
      if (!UNIT.test(abbr.textContent) || abbr.parentElement.closest(".belopp, .datum") || !before || before.nodeType !== 3) return;
      var match = NUMBER_BEFORE_UNIT.exec(before.data);
      if (!match) return;
      var number = before.splitText(match.index + match[1].length);
      var span = document.createElement("span");
      span.className = "belopp";
      abbr.parentNode.insertBefore(span, number);
      span.appendChild(number);
      span.appendChild(abbr);
    });
  }

  function setup(wrapper) {
    var table = wrapper.querySelector("table");
    if (!table || wrapper.hasAttribute("data-tabell")) return null;
    wrapper.setAttribute("data-tabell", "");
    keepWhole(table);
    if (table.hasAttribute("data-kort")) idle(function () { keepSemantics(table); });
    // Framed at build time (generator/pagemarks.py): the frame around Material's wrapper, the hint before it.
    var frame = wrapper.parentElement && wrapper.parentElement.classList.contains("tabell-ram") ? wrapper.parentElement : null;
    var hint = frame && frame.previousElementSibling && frame.previousElementSibling.classList.contains("tabell-svep") ? frame.previousElementSibling : null;
    var state = { wrapper: wrapper, table: table, frame: hint ? frame : null, hint: hint };
    wrapper.addEventListener("scroll", function () { edges(state); }, { passive: true });
    return state;
  }

  /* The frame (for the edge shadows, which must not scroll with the table) and the hint. The build writes both
     around each Markdown table; for any other table they are made the first time it scrolls: moving a table into
     a frame makes the browser restyle and lay out all of it again (profiled on the 2026 agreement: ~100 ms of a
     throttled phone's main thread at load when every table was moved). */
  function frameOf(state) {
    if (state.frame) return state.frame;
    var wrapper = state.wrapper;
    var frame = document.createElement("div");
    frame.className = "tabell-ram";
    wrapper.parentNode.insertBefore(frame, wrapper);
    frame.appendChild(wrapper);
    var hint = document.createElement("p");
    hint.className = "tabell-svep";
    hint.id = "tabell-svep-skript-" + (++counter); /* not the build's tabell-svep-N */
    hint.hidden = true;
    hint.textContent = HINT;
    frame.parentNode.insertBefore(hint, frame);
    state.frame = frame;
    state.hint = hint;
    return frame;
  }

  function sidesOf(w) {
    return { left: w.scrollLeft, width: w.clientWidth, full: w.scrollWidth };
  }

  /* Shadows on the edges where more columns are hidden; `sides` when measured with other tables. */
  function edges(state, sides) {
    if (!state.frame) return;
    var scrolls = state.wrapper.hasAttribute("data-rullar");
    var at = scrolls ? sides || sidesOf(state.wrapper) : null;
    toggle(state.frame, "data-mer-vanster", scrolls && at.left > 1);
    toggle(state.frame, "data-mer-hoger", scrolls && at.left + at.width < at.full - 1);
  }

  function toggle(element, name, on) {
    if (on) element.setAttribute(name, "");
    else element.removeAttribute(name);
  }

  /* Whether the table's box (Material's div.md-typeset__table) reaches past the wrapper's visible width.
     Not w.scrollWidth: Chromium recomputes a scroll container's overflow on every such read, a layout per
     table (profiled on Tidsfrister: 60 of the script's 66 ms at page load). */
  function overflows(w) {
    var box = w.firstElementChild || w;
    var reach = box.getBoundingClientRect().right - w.getBoundingClientRect().left - w.clientLeft + w.scrollLeft;
    return reach - w.clientWidth > 1;
  }

  function markScrolling(state, scrolls) {
    var w = state.wrapper;
    if (scrolls && !w.hasAttribute("data-rullar")) {
      frameOf(state);
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
  }

  /* Every table measured in one pass that first reads all, then writes all: it costs the page one layout
     at most, however many tables it has (measuring table by table cost two layouts per table). */
  function measure(list) {
    var scrolling = list.map(function (state) { return overflows(state.wrapper); });
    var sides = list.map(function (state, i) { return scrolling[i] ? sidesOf(state.wrapper) : null; });
    list.forEach(function (state, i) {
      markScrolling(state, scrolling[i]);
      edges(state, sides[i]);
    });
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
    /* With a ResizeObserver the first measuring is its first callback, which comes after the browser's own
       layout of the page and before it paints: reading then costs no extra layout. */
    if (!observer) measure(states);
  }

  /* Re-measured when a wrapper's width changes (not its height, which the hint and the cards change). */
  var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    var changed = [];
    entries.forEach(function (entry) {
      var state = states.filter(function (s) { return s.wrapper === entry.target; })[0];
      var width = entry.contentRect.width;
      if (state && state.width !== width) {
        state.width = width;
        changed.push(state);
      }
    });
    if (changed.length) measure(changed);
  }) : null;
  /* Without one, the window's size is the signal (with one, a wrapper's width follows the window's). */
  if (!observer) window.addEventListener("resize", function () { measure(states); });
  /* Material wraps the tables when a page is shown (document$); run after it, on every page. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { scan(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();
