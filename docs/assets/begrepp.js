/* Definitions and abbreviations shown in place, on tap and on keyboard focus (issue 21).
 *
 * Without this script a defined term is a plain link to its entry on the page Begrepp (the definition
 * in its title, set and escaped by the generator) and an abbreviation is an <abbr title> (from
 * content/forkortningar.yaml). A phone has nothing to hover, and a tap on the link leaves the page.
 *
 * With it, a short note opens right after the word, inside the text (an expanding note, so it needs
 * no positioning and works in table cards):
 *   - a term link gets aria-expanded and aria-controls; a tap or click opens and closes the note
 *     instead of navigating; the note holds the definition and a link "Läs mer under Begrepp" to the
 *     real anchor. From the keyboard the note opens when the link gets focus; Enter on an open note's
 *     term follows the link, as a link does.
 *   - an abbreviation (not inside a link or heading) opens a note with its explanation on tap; the
 *     first occurrence of each abbreviation on the page is also a focusable button (tabindex 0,
 *     role button, aria-expanded), so the keyboard reaches each explanation once, not at every "SKR".
 * Escape closes the note (focus goes back to the word), so does a tap elsewhere and moving the focus
 * away. Nothing traps the focus. Text comes from the title attribute and is set with textContent only.
 */
(function () {
  "use strict";
  var TERM = 'a[href*="begrepp-"][title]';
  var SKIP = "a, button, h1, h2, h3, h4, h5, h6, summary, svg, code, pre, .md-search-result";
  var counter = 0;
  var open = null;   /* {owner, note, byFocus} of the open note, or null */

  function isTermLink(link) {
    var href = link.getAttribute("href") || "";
    return /(^|\/)begrepp\.html#begrepp-|^#begrepp-/.test(href) && link.getAttribute("title");
  }

  function makeNote(owner, kind) {
    var note = document.createElement("span");
    counter += 1;
    note.id = "forklaring-" + counter;
    note.className = "forklaring forklaring--" + kind;
    note.hidden = true;
    var text = document.createElement("span");
    text.className = "forklaring__text";
    if (kind === "term") {
      text.textContent = owner.getAttribute("title");
      note.appendChild(text);
      note.appendChild(document.createTextNode(" "));
      var more = document.createElement("a");
      more.className = "forklaring__mer";
      more.setAttribute("href", owner.getAttribute("href"));
      more.textContent = "Läs mer under Begrepp";
      note.appendChild(more);
    } else {
      var word = document.createElement("strong");
      word.textContent = owner.textContent;
      note.appendChild(word);
      text.textContent = ": " + owner.getAttribute("title");
      note.appendChild(text);
    }
    owner.parentNode.insertBefore(note, owner.nextSibling);
    return note;
  }

  function noteOf(owner) {
    var id = owner.getAttribute("data-forklaring");
    var note = id && document.getElementById(id);
    if (!note) {
      note = makeNote(owner, owner.tagName === "ABBR" ? "abbr" : "term");
      owner.setAttribute("data-forklaring", note.id);
      if (owner.hasAttribute("aria-expanded")) owner.setAttribute("aria-controls", note.id);
    }
    return note;
  }

  function show(owner, byFocus) {
    if (open && open.owner === owner) { if (!byFocus) open.byFocus = false; return; }
    hide(false);
    var note = noteOf(owner);
    note.hidden = false;
    if (owner.hasAttribute("aria-expanded")) owner.setAttribute("aria-expanded", "true");
    open = { owner: owner, note: note, byFocus: byFocus };
  }

  function hide(returnFocus) {
    if (!open) return;
    var current = open;
    open = null;
    current.note.hidden = true;
    if (current.owner.hasAttribute("aria-expanded")) current.owner.setAttribute("aria-expanded", "false");
    if (returnFocus && current.owner.tabIndex >= 0) current.owner.focus();
  }

  function focusVisible(el) {
    try { return el.matches(":focus-visible"); } catch (e) { return true; }
  }

  function enhance() {
    var article = document.querySelector(".md-content");
    if (!article) return;
    Array.prototype.forEach.call(article.querySelectorAll(TERM), function (link) {
      if (!isTermLink(link) || link.hasAttribute("aria-expanded")) return;
      link.classList.add("begrepp-term");
      link.setAttribute("aria-expanded", "false");
    });
    var seen = {};
    Array.prototype.forEach.call(article.querySelectorAll("abbr[title]"), function (abbr) {
      if (abbr.classList.contains("forkortning") || (abbr.parentElement && abbr.parentElement.closest(SKIP))) return;
      abbr.classList.add("forkortning");
      var word = abbr.textContent;
      if (!seen[word]) {
        seen[word] = true;
        abbr.setAttribute("tabindex", "0");
        abbr.setAttribute("role", "button");
        abbr.setAttribute("aria-expanded", "false");
      }
    });
  }

  function ownerOf(target) {
    return target && target.closest ? target.closest("a.begrepp-term, abbr.forkortning") : null;
  }

  document.addEventListener("click", function (event) {
    var owner = ownerOf(event.target);
    if (!owner) {
      if (open && !open.note.contains(event.target)) hide(false);
      return;
    }
    if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return; /* new tab, etc. */
    var keyboard = event.detail === 0;
    if (owner.tagName === "A" && keyboard && open && open.owner === owner) return; /* Enter on an open term: follow the link */
    event.preventDefault();
    if (open && open.owner === owner) hide(false);
    else show(owner, false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      if (open) {
        var inside = open.note.contains(document.activeElement) || open.owner === document.activeElement;
        hide(inside);
      }
      return;
    }
    var owner = ownerOf(event.target);
    if (owner && owner.tagName === "ABBR" && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      if (open && open.owner === owner) hide(false);
      else show(owner, false);
    }
  });

  document.addEventListener("focusin", function (event) {
    var owner = ownerOf(event.target);
    if (owner && (owner.tagName === "A" || owner.tabIndex >= 0) && focusVisible(owner)) { show(owner, true); return; }
    if (open && !open.note.contains(event.target) && open.owner !== event.target) hide(false);
  });

  document.addEventListener("pointerdown", function (event) {
    if (open && !open.note.contains(event.target) && open.owner !== ownerOf(event.target)) hide(false);
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { open = null; enhance(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
