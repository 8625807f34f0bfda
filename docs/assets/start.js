/* The start page's search entry (docs/index.md, issue 21).
 *
 * On a phone Material's header shows the search only as an icon. The start page therefore has a labelled
 * entry in its first screen. Without JavaScript it is a link to the page's own list of sections ("Hitta
 * rätt"), since the search needs JavaScript. With JavaScript the link becomes a button that opens
 * Material's search (the checkbox #__search) and puts the focus in the search field; when the search is
 * closed again the focus returns to the button. Only text and attributes are set, no markup is parsed.
 */
(function () {
  "use strict";
  var link = document.querySelector("a.start-sok__knapp");
  var toggle = document.getElementById("__search");
  var field = document.querySelector(".md-search__input");
  if (!link || !toggle || !field) return;

  var button = document.createElement("button");
  button.className = link.className;
  button.textContent = "Sök på webbplatsen";
  button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  link.parentNode.replaceChild(button, link);

  var opened = false;   /* the search was opened from this button */
  button.addEventListener("click", function () {
    if (!toggle.checked) toggle.click();
    opened = true;
    field.focus();
  });
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    if (!toggle.checked && opened) {
      opened = false;
      button.focus({ preventScroll: true });
    }
  });
})();
