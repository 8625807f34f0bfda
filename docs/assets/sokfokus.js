/* Keeps the keyboard focus in the search results when they are redrawn (issue 14), and says "no results"
 * above a "Menade du …?" suggestion (issue 23).
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

  /* A query that finds nothing gets one result from the search worker (generator/search_worker.js): "Menade du
     …?", a link that opens the search with the site's own word (index.html?q=…). Material counts it as a result;
     the count says what it is: no results. */
  var meta = document.querySelector(".md-search-result__meta");
  var config = document.getElementById("__config");
  var none = null;
  try {
    none = JSON.parse(config.textContent).translations["search.result.none"];
  } catch (error) {
    none = null;
  }
  if (meta && none) {
    new MutationObserver(function () {
      var items = list.querySelectorAll(".md-search-result__item");
      if (items.length === 1 && items[0].querySelector('a.md-search-result__link[href*="?q="]')) meta.textContent = none;
    }).observe(list, { childList: true });
  }
})();
