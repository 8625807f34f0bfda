/* Deadline status for the day the page is read (issue 13).
 *
 * The generator writes each status as <span class="frist-status" data-frist="YYYY-MM-DD">om 75 dagar</span>,
 * counted from the build date; without JavaScript that text stays. This script counts again from today's
 * date in Sweden (Europe/Stockholm) and writes "passerad", "idag", "om 1 dag" or "om N dagar".
 * In a "Nästa tidsfrist" box (.frist-nasta) it shows the items of the nearest date not yet passed and hides
 * the others (the build hides all but its own nearest date: .frist-senare, see extra.css).
 * A link to a heading inside a closed year block (details.frist-ar) opens that block.
 * Only text and the hidden/open properties change; nothing is parsed as markup.
 */
(function () {
  "use strict";
  var DAY = 86400000;
  var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

  /* Today's calendar date in Sweden, as a UTC day number: UTC+1, and UTC+2 in summer time, which in the EU
     runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October
     (directive 2000/84/EC). Not Intl.DateTimeFormat with a time zone: loading the zone data cost every page
     15 ms of main thread (60 ms on a throttled phone), the largest part of this script. */
  function lastSundayAtOne(year, month) {
    var last = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
  }

  function today() {
    var now = Date.now();
    var year = new Date(now).getUTCFullYear();
    var summer = now >= lastSundayAtOne(year, 2) && now < lastSundayAtOne(year, 9);
    return Math.floor((now + (summer ? 2 : 1) * 3600000) / DAY);
  }

  function dayNumber(iso) {
    var m = ISO.exec(iso || "");
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY : null;
  }

  function statusText(days) {
    if (days < 0) return "passerad";
    if (days === 0) return "idag";
    return days === 1 ? "om 1 dag" : "om " + days + " dagar";
  }

  function updateStatus(now) {
    document.querySelectorAll(".frist-status[data-frist]").forEach(function (span) {
      var day = dayNumber(span.getAttribute("data-frist"));
      if (day !== null) span.textContent = statusText(day - now);
    });
  }

  /* Show the items of the nearest date that has not passed (the last date when all have). */
  function updateNext(now) {
    document.querySelectorAll(".frist-nasta").forEach(function (box) {
      var items = [];
      box.querySelectorAll("li").forEach(function (li) {
        var span = li.querySelector(".frist-status[data-frist]");
        var day = span && dayNumber(span.getAttribute("data-frist"));
        if (day !== null && day !== undefined) items.push({ li: li, span: span, day: day });
      });
      if (!items.length) return;
      var coming = items.filter(function (item) { return item.day >= now; });
      var shown = coming.length ? Math.min.apply(null, coming.map(function (item) { return item.day; }))
        : Math.max.apply(null, items.map(function (item) { return item.day; }));
      items.forEach(function (item) {
        item.li.hidden = item.day !== shown;
        item.span.classList.remove("frist-senare");
      });
    });
  }

  /* A link to an anchor inside a closed year block opens the block. A malformed fragment (a lone "%")
     names no anchor: decoding it throws URIError, which must not escape. */
  function openTarget() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    var block = target && target.closest("details.frist-ar");
    if (block && !block.open) {
      block.open = true;
      target.scrollIntoView();
    }
  }

  function run() {
    var now = today();
    updateStatus(now);
    updateNext(now);
    openTarget();
  }

  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
