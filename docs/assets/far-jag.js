// "Får jag …?" was one page; its answers now have pages of their own. An old link to an answer on the
// entry page (far-jag.html#svar-…, #fraga-…, #situation-…) is sent on to the page that shows it, by the
// entry page's own link to that answer: the overview links every answer and situation, the question list
// every question. Works from a folder (file://) and over http. Without JavaScript the entry page still
// links to everything. Only addresses the page itself links to are followed; nothing is written to the page.
(function () {
  'use strict';

  function forward() {
    if (!document.querySelector('.far-jag-oversikt') || location.hash.length < 2) return;
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (document.getElementById(id)) return;
    var links = document.querySelectorAll('.md-content a[href*="#"]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var target;
      try { target = decodeURIComponent(link.hash.slice(1)); } catch (e) { continue; }
      // Only a link to another page of this site (same scheme and host: from a folder, file:// and no host).
      if (target === id && link.protocol === location.protocol && link.host === location.host && link.pathname !== location.pathname) {
        location.replace(link.href);
        return;
      }
    }
  }

  forward();
  window.addEventListener('hashchange', forward);
})();
