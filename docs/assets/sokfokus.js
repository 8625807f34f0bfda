/* Keeps the keyboard focus in the search results when they are redrawn (issue 14).
 *
 * Material redraws the whole result list for every answer from the search worker. An answer that
 * arrives after the user pressed ArrowDown (a slow device, or fast typing) removes the focused result
 * and the focus falls to the page body. When that happens, the result at the same position in the new
 * list gets the focus back, so ArrowDown, ArrowUp and Enter keep working.
 */
(function () {
  "use strict";
  var list = document.querySelector(".md-search-result__list");
  if (!list) return;
  var position = -1;   /* index of the focused result link, -1 when the focus is elsewhere */

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
  }

  document.addEventListener("focusin", function (event) {
    position = list.contains(event.target) ? links().indexOf(event.target) : -1;
  });

  new MutationObserver(function () {
    var focusLost = !document.activeElement || document.activeElement === document.body;
    if (position < 0 || !focusLost) return;
    var current = links();
    if (current.length) current[Math.min(position, current.length - 1)].focus();
    else position = -1;
  }).observe(list, { childList: true });
})();
