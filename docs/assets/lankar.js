/* "Kopiera länk" at each rulebook clause and each guide answer (issue 21).
 *
 * Targets anchors, not pages: every heading or paragraph in the article whose id starts with
 * "punkt-" (a clause), "svar-" (an answer in a situation) or "fraga-" (a common question), wherever
 * the page is. The control goes at the end of that element (like the "¶" permalink), so the page's
 * sibling structure stays as built. Without this script the "¶" permalink is still there.
 *
 * The button copies the exact address of this page plus "#" and the anchor with the Clipboard API.
 * Where that is missing or refused, a visible read-only field with the address appears after the
 * button and is selected (and the browser's copy command is tried), so the reader can copy it.
 * The result is announced in one polite live region per page ("Länken är kopierad").
 * Labels name the target ("Kopiera länk till punkt 3.2.4"); all text is set with textContent.
 */
(function () {
  "use strict";
  var TARGETS = 'h2[id^="punkt-"], h3[id^="punkt-"], h4[id^="punkt-"], h5[id^="punkt-"], h6[id^="punkt-"],'
    + ' p[id^="svar-"], h2[id^="svar-"], h3[id^="svar-"], h4[id^="svar-"],'
    + ' h2[id^="fraga-"], h3[id^="fraga-"], h4[id^="fraga-"], p[id^="fraga-"]';
  var status = null;

  function pageAddress() {
    return window.location.href.split("#")[0];
  }

  function ownText(el) {
    var clone = el.cloneNode(true);
    Array.prototype.forEach.call(clone.querySelectorAll(".headerlink, .kopiera-lank, .forklaring"), function (x) { x.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function targetName(el) {
    var id = el.id;
    if (id.indexOf("punkt-") === 0) return "punkt " + id.slice(6).split("-").join(".");
    var text = ownText(el);
    if (text.length > 90) text = text.slice(0, 89).trim() + "…";
    return "svaret " + text;
  }

  function announce(message) {
    if (!status) return;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function done(box) {
    var mark = box.querySelector(".kopiera-lank__klart");
    if (!mark) {
      mark = document.createElement("span");
      mark.className = "kopiera-lank__klart";
      mark.setAttribute("aria-hidden", "true");
      box.appendChild(mark);
    }
    mark.textContent = "Kopierad";
    window.clearTimeout(Number(box.getAttribute("data-klart") || 0));
    box.setAttribute("data-klart", String(window.setTimeout(function () { mark.textContent = ""; }, 4000)));
    announce("Länken är kopierad");
  }

  function fallback(box, url, name) {
    var field = box.querySelector("input.kopiera-lank__falt");
    if (!field) {
      field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "kopiera-lank__falt";
      field.setAttribute("aria-label", "Länk till " + name);
      box.classList.add("kopiera-lank--falt");
      box.appendChild(field);
    }
    field.value = url;
    field.focus();
    field.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    if (copied) done(box);
    else announce("Länken är markerad i fältet. Kopiera den med Ctrl+C, eller håll fingret på den och välj Kopiera.");
  }

  function copy(box, url, name) {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      navigator.clipboard.writeText(url).then(function () { done(box); }, function () { fallback(box, url, name); });
    } else {
      fallback(box, url, name);
    }
  }

  function enhance() {
    var article = document.querySelector(".md-content article") || document.querySelector(".md-content");
    if (!article) return;
    var targets = article.querySelectorAll(TARGETS);
    if (!targets.length) return;
    if (!status || !document.body.contains(status)) status = article.querySelector(".kopiera-lank__status");
    if (!status) {
      status = document.createElement("div");
      status.className = "kopiera-lank__status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      article.appendChild(status);
    }
    Array.prototype.forEach.call(targets, function (el) {
      if (el.closest("table") || el.querySelector(".kopiera-lank")) return;
      var name = targetName(el);
      var box = document.createElement("span");
      box.className = "kopiera-lank";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kopiera-lank__knapp";
      button.setAttribute("aria-label", "Kopiera länk till " + name);
      button.textContent = "Kopiera länk";
      button.addEventListener("click", function () {
        copy(box, pageAddress() + "#" + el.id, name);
      });
      box.appendChild(button);
      el.appendChild(box);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { status = null; enhance(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
