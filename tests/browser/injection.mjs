#!/usr/bin/env node
// Injection check of a site built from the injection corpus (tests/injection/): every text field of the
// content carries payloads (HTML tags with handlers, javascript: links, attribute lists, attribute
// breakouts, snippets, admonitions …). Escaping alone must keep all of them inert.
//
//   node tests/browser/injection.mjs SITE_DIR [--glossary FILE] [--out FILE]
//
// Serves SITE_DIR on 127.0.0.1 and opens every .html page in Debian's Chromium with a sentinel installed
// before any script of the page runs: a setter on window.__pwned, and alert/confirm/prompt/print
// replaced; dialogs the browser still opens are dismissed and counted. On each page every element of the
// article is sent the events that handler attributes listen for (mouse, pointer, focus, keys, toggle,
// load, error …; the default action of clicks and submits is prevented, so no link is followed) and
// focused; then a few elements with a title are hovered with the real mouse (in the article, and, with
// the page scrolled, in the header and the navigation), because Material's tooltips (content.tooltips)
// render titles as HTML. Then it collects
//   hits         the sentinel fired (window.__pwned set or read, a dialog function called, a dialog opened);
//   attributes   an attribute whose name starts with "on" or contains "pwn"; one a clean build does not
//                have (ALLOWED_ATTRIBUTES, and the shorter CONTENT_ATTRIBUTES inside the article); src other
//                than on scripts; a script URL in a URL attribute; a style other than table alignment in
//                the article; id="x" or class "pwn" (what the attribute-list payloads ask for); a title
//                that decodes to markup (parsed in an inert <template>), which a tooltip would render;
//   elements     a tag a clean build never has (img, details, b, iframe …; stricter in the article); an <abbr>
//                other than one whose title is the glossary's explanation of its text (--glossary FILE, the
//                content's forkortningar.yaml as JSON; without it no <abbr> is allowed);
//                a heading, table cell, list item, link or admonition title that is just "PWN" or "x" (made
//                by Markdown syntax in a payload); a script whose text holds PWN or __pwned; a javascript:
//                URL; a comment holding payload text; the text of the planted secret file.
// Material renders search results with innerHTML too, so the search is opened on a few pages and queried
// for payload words; the results are hovered and sent the same events, the first result is followed
// (search.highlight then marks the query on the page) and everything is checked again.
// The allow-lists come from a run of this script over a build of the real content/ (the report's
// "inventory" lists what a run saw), which gives no finding.
// Prints and writes a JSON report; exits 0 when clean, 1 on findings, 2 on bad usage, 3 when the run failed.

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  collectErrors, guardRequests, htmlFiles, isBrowserInternal, launchBrowser, siteArgument, startServer, urlPathFor,
} from './common.mjs';

// (page, query, follow the first result): payload words, on pages of different depth.
const SEARCHES = [
  ['index.html', 'PWN', true],
  ['index.html', 'onerror', false],
  ['index.html', 'script', false],
  ['samverkansregler/begrepp.html', 'PWN', false],
  ['avtal/psykisk-halsa-2025.html', 'PWN', false],
];
const HOVERS_PER_PAGE = 2;
const SETTLE_MS = 300;

// Set on tables, their wrappers and cells by generator/pagemarks.py (built from the templates' column names) and
// docs/assets/tabeller.js (values via setAttribute, never parsed as markup).
const TABLE_ATTRIBUTES = ['data-tabell', 'data-kort', 'data-rullar', 'data-etikett', 'data-etikett-ovan', 'data-mer-hoger', 'data-mer-vanster'];
// Set by the generator on deadline status text (docs/assets/frister.js rewrites the text): only on
// span.frist-status, and only an ISO date.
const FRIST_ATTRIBUTES = ['data-frist'];
// Keeps the generator's "PDF för utskrift" paragraph and its swipe hints above tables out of Material's search index; only there.
const SEARCH_EXCLUDE_SELECTOR = 'p.pdf-lank, p.tabell-svep';
const FRIST_SELECTOR = 'span.frist-status';
// The generator folds past years of the Tidsfrister page into <details class="frist-ar">.
const FRIST_BLOCK_SELECTOR = 'details.frist-ar, details.frist-ar > summary';
// webcal:// (a calendar subscription) only on the generator's subscription links.
const WEBCAL_SELECTOR = 'a.frist-webcal';
// A table that scrolls becomes a focusable region (tabindex="0") so keyboard users can scroll it; nothing else in the article.
const SCROLL_REGION_SELECTOR = 'div.md-typeset__scrollwrap[data-rullar][role="region"]';
// Attribute names a clean build of the real content has, in the HTML and after Material's scripts ran
// (from the report's "inventory" of a run over a build of content/). None of the names a payload tries
// (onclick, onmouseover, onfocus, onerror, onload, ontoggle, autofocus, data-pwn, open …) is in it;
// `src`, `style` and `tabindex`, which Material uses, are restricted by the checks below.
const ALLOWED_ATTRIBUTES = new Set([
  'aria-describedby', 'aria-expanded', 'aria-label', 'aria-labelledby', 'autocapitalize', 'autocomplete', 'autocorrect', 'charset',
  'checked', 'class', 'content', 'cx', 'cy', 'd', 'data-back', 'data-toggles', 'data-js-focus-visible', 'dir', 'fill', 'font-family', 'font-size',
  'font-weight', 'for', 'height', 'hidden', 'href', 'id', 'lang', 'name', 'patternUnits', 'placeholder', 'r', 'rel',
  'required', 'role', 'spellcheck', 'src', 'stroke', 'stroke-width', 'style', 'tabindex', 'title', 'type', 'viewBox', 'width', 'x',
  'xmlns', 'y',
  // Set by Material's scripts in states this run reaches (search, tooltips).
  'aria-hidden', 'aria-controls', 'aria-live', 'aria-selected', 'aria-current', 'value',
  ...TABLE_ATTRIBUTES, ...FRIST_ATTRIBUTES, 'data-search-exclude',
]);
// Inside the article (.md-content) a clean build has far fewer: no tabindex, no src, no open, no value.
const CONTENT_ATTRIBUTES = new Set([
  'class', 'id', 'href', 'title', 'style', 'hidden', 'role', 'xmlns', 'viewBox', 'width', 'height', 'font-family',
  'font-size', 'font-weight', 'patternUnits', 'fill', 'd', 'stroke', 'stroke-width', 'cx', 'cy', 'r', 'x', 'y',
  ...TABLE_ATTRIBUTES, ...FRIST_ATTRIBUTES, 'data-search-exclude',
]);
// `open` only where Material sets it: on the <details> of its search results ("more results"), and on the
// generator's year blocks of the Tidsfrister page (opened by the reader or by frister.js).
const OPEN_SELECTOR = 'details.md-search-result__more, details.frist-ar';
// Any data-md-* and aria-* name is Material's own (checked for "pwn" all the same).
const ALLOWED_PREFIXES = ['data-md-', 'aria-'];
// Elements whose `src` is Material's or the site's own (scripts, favicon); an <img src> is never allowed.
const SRC_TAGS = new Set(['SCRIPT', 'LINK', 'META']);
// Tags a clean build has inside the article (.md-content), after Material's scripts ran.
const ALLOWED_CONTENT_TAGS = new Set([
  'A', 'ARTICLE', 'BLOCKQUOTE', 'BR', 'CODE', 'DIV', 'EM', 'H1', 'H2', 'H3', 'HR', 'LI', 'OL', 'P', 'SMALL', 'SPAN', 'STRONG',
  'TABLE', 'TBODY', 'TD', 'TH', 'THEAD', 'TR', 'UL', 'MARK', 'SUP', 'SUB', 'CAPTION', 'COLGROUP', 'COL', 'NAV', 'LABEL', 'BUTTON',
  // The generator's charts (inline SVG built from numbers; the text in them is escaped).
  'svg', 'g', 'path', 'rect', 'circle', 'line', 'polyline', 'text', 'tspan', 'title', 'desc', 'defs', 'pattern', 'use',
]);
// Tags a clean build has anywhere in a page, after Material's scripts ran (the search's <details> included).
const ALLOWED_TAGS = new Set([
  ...ALLOWED_CONTENT_TAGS,
  'HTML', 'HEAD', 'META', 'LINK', 'TITLE', 'SCRIPT', 'BODY', 'INPUT', 'LABEL', 'HEADER', 'NAV', 'FORM', 'BUTTON', 'MAIN', 'FOOTER',
]);
// Only in Material's search results, which fold "more results" of a page into <details> and strike
// through the query words a result lacks ("Saknas: <del>ord</del>", the word as a text node).
const SEARCH_TAGS = new Set(['DETAILS', 'SUMMARY', 'DEL']);
const SEARCH_TAG_SELECTOR = '.md-search-result__more, .md-search-result__more > summary, p.md-search-result__terms > del';
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset', 'background', 'ping', 'cite'];
const SAFE_URL = /^(?:https?:|mailto:|tel:|#|\.{0,2}\/|[^:]*$)/i;
const CONTENT_STYLE = /^(?:text-align:\s*(?:left|right|center);?\s*)?$/;
// Set at runtime by docs/assets/begrepp.js (notes for defined terms and abbreviations) and
// docs/assets/lankar.js ("Kopiera länk"): [attribute, only on these elements, value]. Their text is set
// with textContent; the note's text is the term link's or the abbreviation's title.
const SCRIPT_ATTRIBUTES = [
  ['data-forklaring', 'a.begrepp-term, abbr.forkortning', /^forklaring-\d+$/],
  ['tabindex', 'abbr.forkortning[role="button"]', /^0$/],
  ['type', 'button.kopiera-lank__knapp', /^button$/],
  ['type', 'input.kopiera-lank__falt', /^text$/],
  ['readonly', 'input.kopiera-lank__falt', /^$/],
  ['data-klart', 'span.kopiera-lank', /^\d+$/],
];
// lankar.js's fallback: a read-only field holding the address, only in its own box.
const COPY_FIELD_SELECTOR = 'span.kopiera-lank > input.kopiera-lank__falt[readonly]';

/** Installed with evaluateOnNewDocument: runs in every frame before the page's own scripts. */
export function sentinel() {
  const hits = [];
  const record = (kind, detail) => {
    hits.push({ kind, detail: String(detail ?? '').slice(0, 200), at: String(new Error().stack || '').split('\n').slice(2, 5).join(' | ') });
  };
  Object.defineProperty(window, '__pwnHits', { value: hits, configurable: false, enumerable: false, writable: false });
  Object.defineProperty(window, '__pwned', {
    configurable: false,
    enumerable: false,
    get() { record('__pwned read', ''); return undefined; },
    set(value) { record('__pwned', value); },
  });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const replacement = function (message) { record(name, message); return name === 'confirm' ? false : null; };
    Object.defineProperty(window, name, { value: replacement, configurable: false, writable: false });
  }
  // A click or submit sent by the test must not leave the page (the handlers of the element still run).
  window.__pwnGuard = (event) => { if (event.__pwnTest) event.preventDefault(); };
  window.addEventListener('click', window.__pwnGuard, true);
  window.addEventListener('submit', window.__pwnGuard, true);
}

/** In the page: send every element the events handler attributes react to; focus what can be focused. */
async function provoke(rootSelector) {
  const types = [
    ['MouseEvent', ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'click', 'dblclick', 'contextmenu', 'mouseout', 'mouseleave']],
    ['PointerEvent', ['pointerover', 'pointerenter', 'pointerdown', 'pointerup']],
    ['FocusEvent', ['focus', 'focusin', 'blur', 'focusout']],
    ['KeyboardEvent', ['keydown', 'keypress', 'keyup']],
    ['Event', ['toggle', 'load', 'error', 'input', 'change', 'select', 'scroll', 'animationstart', 'animationend', 'transitionend', 'beforetoggle', 'copy', 'wheel']],
  ];
  const roots = [...document.querySelectorAll(rootSelector)];
  let sent = 0;
  for (const root of roots) {
    for (const element of [root, ...root.querySelectorAll('*')]) {
      for (const [kind, names] of types) {
        for (const name of names) {
          const Ctor = window[kind] || Event;
          const event = new Ctor(name, { bubbles: true, cancelable: true, composed: true });
          event.__pwnTest = true;
          try { element.dispatchEvent(event); } catch { /* some elements refuse some events */ }
          sent += 1;
        }
      }
      if (typeof element.focus === 'function') {
        try { element.focus({ preventScroll: true }); } catch { /* not focusable */ }
      }
    }
  }
  document.activeElement?.blur?.();
  return sent;
}

/** In the page: everything that shows content became markup or code. */
function inspect(config) {
  const allowed = new Set(config.allowedAttributes);
  const contentAttributes = new Set(config.contentAttributes);
  const contentTags = new Set(config.allowedContentTags);
  const documentTags = new Set(config.allowedTags);
  const searchTags = new Set(config.searchTags);
  const srcTags = new Set(config.srcTags);
  const safeUrl = new RegExp(config.safeUrl, 'i');
  const contentStyle = new RegExp(config.contentStyle);
  const found = { attributes: [], elements: [] };
  const scriptAttributes = config.scriptAttributes.map(([name, selector, value]) => [name, selector, new RegExp(value)]);
  const setByScript = (el, name, value) => scriptAttributes.some(([n, selector, v]) => n === name && el.matches(selector) && v.test(value));
  // <abbr> only as the abbr extension makes it from content/forkortningar.yaml: the title is the glossary's
  // explanation of exactly the abbreviation it wraps (config.glossary, term -> explanation).
  const glossaryAbbr = (el) => el.tagName === 'ABBR' && Object.prototype.hasOwnProperty.call(config.glossary, el.textContent)
    && el.getAttribute('title') === config.glossary[el.textContent];
  // <ins> only as the full-text pages mark a recorded correction (generator/fulltext.py): class "rattelse",
  // the printed reading in its title, nothing else.
  const correctionIns = (el) => el.tagName === 'INS' && el.getAttribute('class') === 'rattelse'
    && (el.getAttribute('title') || '').startsWith('Källans text: ') && el.attributes.length === 2 && Boolean(el.closest('.fulltext'));
  const inventory = { attributes: {}, contentAttributes: {}, contentTags: {}, tags: {} };
  const clip = (text) => (text.length > 400 ? text.slice(0, 400) + '…' : text);
  const startTag = (el) => clip(el.outerHTML.slice(0, el.outerHTML.indexOf('>') + 1));
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && parts.length < 6; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) { part += `#${e.id}`; parts.unshift(part); break; }
      const cls = [...e.classList].slice(0, 2).join('.');
      if (cls) part += `.${cls}`;
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const inArticle = (el) => Boolean(el.closest('.md-content, .md-search-result'));
  const context = (el) => clip((el.closest('p, li, td, th, h1, h2, h3, h4, h5, h6, div') || el).outerHTML);

  for (const el of document.querySelectorAll('*')) {
    const article = inArticle(el);
    for (const attr of el.attributes) {
      const name = attr.name;
      inventory.attributes[name] = (inventory.attributes[name] || 0) + 1;
      if (el.closest('.md-content')) inventory.contentAttributes[name] = (inventory.contentAttributes[name] || 0) + 1;
      const lower = name.toLowerCase();
      let problem = null;
      if (lower.startsWith('on')) problem = 'event handler attribute';
      else if (lower.includes('pwn')) problem = 'attribute name from a payload';
      else if (lower === 'markdown') problem = 'markdown attribute (md_in_html); a clean build has none';
      else if (lower === 'data-search-exclude' && !el.matches(config.searchExcludeSelector)) problem = 'data-search-exclude outside the generator\'s PDF link';
      else if (lower === 'data-frist' && !(el.matches(config.fristSelector) && /^\d{4}-\d{2}-\d{2}$/.test(attr.value))) problem = 'data-frist outside the generator\'s status text';
      else if (lower === 'open' && el.matches(config.openSelector)) problem = null;
      else if (setByScript(el, lower, attr.value)) problem = null;
      else if (!allowed.has(name) && !config.allowedPrefixes.some((p) => lower.startsWith(p))) problem = 'attribute not used by a clean build';
      else if (lower === 'tabindex' && attr.value === '0' && el.matches(config.scrollRegionSelector)) problem = null;
      else if (el.closest('.md-content') && !contentAttributes.has(name) && !config.allowedPrefixes.some((p) => lower.startsWith(p))) problem = 'attribute a clean build never has in the article';
      else if (lower === 'src' && !srcTags.has(el.tagName)) problem = 'src on an element a clean build never gives one';
      else if (lower === 'href' && el.matches(config.webcalSelector) && /^webcal:\/\/[^\s"'<>]+\.ics$/.test(attr.value)) problem = null;
      else if (config.urlAttributes.includes(lower) && !safeUrl.test(attr.value.trim())) problem = 'script or unknown URL scheme';
      else if (lower === 'style' && article && !contentStyle.test(attr.value.trim())) problem = 'style other than table alignment in the article';
      else if (lower === 'id' && attr.value === 'x') problem = 'id from an attribute-list payload';
      else if (lower === 'class' && el.classList.contains('pwn')) problem = 'class from an attribute-list payload';
      if (problem) found.attributes.push({ problem, attribute: name, value: clip(attr.value), element: path(el), tag: startTag(el), context: context(el) });
    }
    if (el.tagName === 'SCRIPT' && /PWN|__pwned/.test(el.textContent)) {
      found.elements.push({ problem: 'script holding payload text', element: path(el), html: clip(el.outerHTML) });
    }
    const anyTag = el.namespaceURI === 'http://www.w3.org/2000/svg' ? el.tagName : el.tagName.toUpperCase();
    inventory.tags[anyTag] = (inventory.tags[anyTag] || 0) + 1;
    const folded = (searchTags.has(anyTag) && el.matches(config.fristBlockSelector))
      || glossaryAbbr(el) || correctionIns(el) || (anyTag === 'INPUT' && el.matches(config.copyFieldSelector) && Boolean(el.closest('.md-content')));
    // The 404 page's own stylesheet: one <style> in its head (it is shown at any address, so it links no
    // CSS file; overrides/404.html). That page renders no content, only the site's name from mkdocs.yml.
    const notFoundStyle = anyTag === 'STYLE' && el.parentElement === document.head && /\/404\.html$/.test(location.pathname)
      && document.querySelectorAll('style').length === 1;
    if (!documentTags.has(anyTag) && !folded && !notFoundStyle && !(searchTags.has(anyTag) && el.matches(config.searchTagSelector))) {
      found.elements.push({ problem: `<${anyTag.toLowerCase()}>, which a clean build never has`, element: path(el), html: clip(el.outerHTML), context: context(el) });
    }
    if (el.closest('.md-content')) {
      const tag = el.namespaceURI === 'http://www.w3.org/2000/svg' ? el.tagName : el.tagName.toUpperCase();
      inventory.contentTags[tag] = (inventory.contentTags[tag] || 0) + 1;
      if (!contentTags.has(tag) && !folded) {
        found.elements.push({ problem: `<${tag.toLowerCase()}> in the article, which a clean build never has`, element: path(el), html: clip(el.outerHTML), context: context(el) });
      }
    }
    if (inArticle(el) && el.matches('h1, h2, h3, h4, h5, h6, th, td, li, a, summary, dt, abbr, b, .admonition-title, blockquote')) {
      const own = el.textContent.replace(/[\s¶]+/g, ' ').trim();
      if (own === 'PWN' || own === 'x') {
        found.elements.push({ problem: 'element made by Markdown syntax from a payload', element: path(el), html: clip(el.outerHTML), context: context(el) });
      }
    }
  }
  // Material's tooltips (content.tooltips) put an element's title into the page with innerHTML when it
  // is hovered, so with that feature on a title must be plain text once the browser has decoded the
  // attribute. Parsed here in an inert <template>, where nothing runs, so every title is checked
  // without hovering each one. With the feature off (as the site is built), browsers show titles as text.
  const materialConfig = document.getElementById('__config');
  const features = materialConfig ? (JSON.parse(materialConfig.textContent).features || []) : [];
  const probe = document.createElement('template');
  for (const el of features.includes('content.tooltips') ? document.querySelectorAll('[title]') : []) {
    probe.innerHTML = el.getAttribute('title');
    const markup = probe.content.querySelector('*');
    const comment = document.createTreeWalker(probe.content, NodeFilter.SHOW_COMMENT).nextNode();
    if (markup || comment) {
      // Material sets the title of a truncated (.md-ellipsis) navigation entry itself, from its visible text.
      const fromMaterial = Boolean(el.querySelector('.md-ellipsis') || el.closest('.md-ellipsis'));
      found.attributes.push({
        problem: fromMaterial
          ? 'title (set by Material from the text of a truncated navigation entry) holds markup, which Material renders as HTML in its tooltip'
          : 'title holds markup, which Material renders as HTML in its tooltip',
        attribute: 'title', value: clip(el.getAttribute('title')), element: path(el), tag: startTag(el), context: context(el),
        parsed: clip(markup ? markup.outerHTML : `<!--${comment.data}-->`),
      });
    }
  }
  for (const a of document.querySelectorAll('a[href^="javascript:" i], [href*="javascript:" i], [src*="javascript:" i]')) {
    found.elements.push({ problem: 'script URL', element: path(a), html: clip(a.outerHTML) });
  }
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_COMMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/PWN|onerror|__pwned/.test(node.data)) {
      found.elements.push({ problem: 'comment made from payload text', element: node.parentElement ? path(node.parentElement) : '(document)', html: clip(`<!--${node.data}-->`) });
    }
  }
  if (document.documentElement.outerHTML.includes(config.secret)) {
    found.elements.push({ problem: 'the planted secret file was included', element: '(document)', html: config.secret });
  }
  return { found, inventory, hits: window.__pwnHits ? [...window.__pwnHits] : [{ kind: 'sentinel missing', detail: '' }] };
}

async function main() {
  const root = siteArgument('usage: node injection.mjs SITE_DIR [--glossary FILE] [--out FILE]');
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;
  // --glossary FILE: JSON {abbreviation: explanation} of the content built (content/forkortningar.yaml).
  const glossaryIndex = process.argv.indexOf('--glossary');
  const glossary = glossaryIndex > 0 ? JSON.parse(readFileSync(process.argv[glossaryIndex + 1], 'utf-8')) : {};
  const files = htmlFiles(root);
  const config = {
    allowedAttributes: [...ALLOWED_ATTRIBUTES],
    allowedPrefixes: ALLOWED_PREFIXES,
    scrollRegionSelector: SCROLL_REGION_SELECTOR,
    contentAttributes: [...CONTENT_ATTRIBUTES],
    openSelector: OPEN_SELECTOR,
    fristSelector: FRIST_SELECTOR,
    fristBlockSelector: FRIST_BLOCK_SELECTOR,
    webcalSelector: WEBCAL_SELECTOR,
    allowedContentTags: [...ALLOWED_CONTENT_TAGS],
    allowedTags: [...ALLOWED_TAGS],
    searchTags: [...SEARCH_TAGS],
    searchTagSelector: SEARCH_TAG_SELECTOR,
    searchExcludeSelector: SEARCH_EXCLUDE_SELECTOR,
    srcTags: [...SRC_TAGS],
    urlAttributes: URL_ATTRIBUTES,
    safeUrl: SAFE_URL.source,
    contentStyle: CONTENT_STYLE.source,
    scriptAttributes: SCRIPT_ATTRIBUTES.map(([name, selector, value]) => [name, selector, value.source]),
    copyFieldSelector: COPY_FIELD_SELECTOR,
    glossary,
    secret: 'SECRET-FROM-BUILD-MACHINE-7f3a',
  };

  const server = await startServer(root);
  const { browser, close } = await launchBrowser(server.port);
  const report = {
    site: root,
    pages: 0,
    checked: [],
    states: [],
    events_sent: 0,
    hovered: 0,
    hits: [],
    bad_attributes: [],
    bad_elements: [],
    dialogs: [],
    http_errors: [],
    state_errors: [],
    external_requests: [],
    browser_requests: [],
    page_errors: [],
    inventory: { attributes: {}, contentAttributes: {}, contentTags: {}, tags: {} },
  };
  let current = '(browser)';
  const label = () => current;
  const merge = (where, result) => {
    for (const hit of result.hits) report.hits.push({ page: where, ...hit });
    for (const a of result.found.attributes) report.bad_attributes.push({ page: where, ...a });
    for (const e of result.found.elements) report.bad_elements.push({ page: where, ...e });
    for (const [kind, counts] of Object.entries(result.inventory)) {
      for (const [name, n] of Object.entries(counts)) report.inventory[kind][name] = (report.inventory[kind][name] || 0) + n;
    }
  };
  const drainProxy = () => {
    for (const r of server.external.splice(0)) {
      (isBrowserInternal(r) ? report.browser_requests : report.external_requests).push({ page: current, ...r });
    }
  };

  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(sentinel);
    page.on('dialog', async (dialog) => {
      report.dialogs.push({ page: current, type: dialog.type(), message: dialog.message().slice(0, 200) });
      try { await dialog.dismiss(); } catch { /* already handled */ }
    });
    await guardRequests(page, server.origin, report.external_requests, label);
    collectErrors(page, report.page_errors, label);
    const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const load = async (url, waitUntil = 'load') => {
      const response = await page.goto(url, { waitUntil, timeout: 60000 });
      return response?.status();
    };
    const hoverTitles = async (selector, limit) => {
      // Real mouse over elements with a tooltip: Material's content.tooltips renders the title itself,
      // 250 ms after the pointer arrived. Titles that decode to a tag with a handler payload come first.
      // Ranked in one call in the page (not one call per element: long pages have hundreds of titles).
      const handles = await page.$$(selector);
      const risks = await page.$$eval(selector, (elements) => elements.map((el) => {
        const title = el.getAttribute('title') || '';
        return /<(?:img|svg|details)\b/i.test(title) ? 2 : Number(title.includes('<'));
      }));
      const ranked = handles.map((handle, i) => ({ handle, risky: risks[i] ?? 0 }));
      ranked.sort((a, b) => Number(b.risky) - Number(a.risky));
      // With content.tooltips off (as the site is built) Material mounts no tooltip component at all: a
      // moment for the hover's own handlers, not the 1.5 s a tooltip that never comes would take.
      const tooltips = await page.evaluate(() => {
        try {
          return JSON.parse(document.getElementById('__config')?.textContent || '{}').features?.includes('content.tooltips') ?? false;
        } catch { return true; }
      });
      for (const { handle } of ranked.slice(0, limit)) {
        try {
          await handle.hover();
          if (tooltips) await page.waitForSelector('.md-tooltip2--active, .md-tooltip--active', { timeout: 1500 }).catch(() => {});
          else await pause(50);
          report.hovered += 1;
        } catch { /* hidden or detached */ }
      }
    };

    for (const file of files) {
      const urlPath = urlPathFor(file);
      const started = Date.now();
      let timing = {};
      current = urlPath;
      const status = await load(server.url(urlPath));
      const loaded = Date.now();
      // 404.html is served with status 404 for paths that do not exist; here it is asked for by name.
      if (status !== 200) report.http_errors.push({ page: urlPath, status });
      report.events_sent += await page.evaluate(provoke, '.md-content');
      const provoked = Date.now();
      await hoverTitles('.md-content [title]', HOVERS_PER_PAGE);
      // Truncated navigation and header entries get a title from Material (their text) and the same
      // tooltip. The header shows the page title only once the page is scrolled.
      await page.evaluate(() => window.scrollTo(0, Math.max(600, document.body.scrollHeight / 3)));
      await pause(200);
      await hoverTitles('.md-header [title]', 1);
      await hoverTitles('.md-sidebar [title]', 1);
      await pause(SETTLE_MS);
      const hovered = Date.now();
      merge(urlPath, await page.evaluate(inspect, config));
      timing = { load: loaded - started, events: provoked - loaded, hover: hovered - provoked, inspect: Date.now() - hovered };
      drainProxy();
      report.pages += 1;
      report.checked.push({ page: urlPath, ms: Date.now() - started, ...timing });
    }

    // Search: Material renders results (and the highlight of a followed result) from the index with innerHTML.
    for (const [file, query, follow] of SEARCHES) {
      if (!files.includes(file)) continue;
      const name = `${urlPathFor(file)} [search "${query}"]`;
      current = name;
      try {
        await load(server.url(urlPathFor(file)), 'networkidle0');
        if (!(await page.$('.md-search__input'))) {
          report.states.push({ state: name, skipped: 'no Material search on this site' });
          continue;
        }
        await page.click('.md-search__input');
        await page.type('.md-search__input', query);
        await page.waitForSelector('.md-search-result__item', { visible: true, timeout: 20000 });
        await pause(SETTLE_MS);
        // "More results" are folded in <details>: open them all so every result is rendered.
        await page.$$eval('.md-search-result details', (all) => all.forEach((d) => { d.open = true; }));
        await hoverTitles('.md-search-result__item a', 4);
        report.events_sent += await page.evaluate(provoke, '.md-search-result');
        await pause(SETTLE_MS);
        merge(name, await page.evaluate(inspect, config));
        const results = await page.$$eval('.md-search-result__item', (items) => items.length);
        report.states.push({ state: name, results });
        const first = await page.$$eval('.md-search-result__item a', (links) =>
          links.map((a) => a.href).find((href) => new URL(href).searchParams.get('h')));
        if (follow) {
          if (!first) throw new Error('no search result to follow');
          // The result followed: search.highlight marks the query on the page.
          const followed = `${name} -> ${new URL(first).pathname}${new URL(first).search}`;
          current = followed;
          await load(first, 'networkidle0');
          report.events_sent += await page.evaluate(provoke, '.md-content');
          await pause(SETTLE_MS);
          const marks = await page.$$eval('.md-content mark', (m) => m.length);
          merge(followed, await page.evaluate(inspect, config));
          report.states.push({ state: followed, marks });
        }
      } catch (error) {
        report.state_errors.push({ state: current, error: String(error?.message || error).split('\n')[0] });
      }
      drainProxy();
    }
    await page.close();
  } finally {
    current = '(browser)';
    await close();
    drainProxy();
    await server.close();
  }

  const json = JSON.stringify(report, null, 2);
  if (outFile) writeFileSync(outFile, json + '\n');
  process.stdout.write(JSON.stringify({
    pages: report.pages, states: report.states.length, hits: report.hits.length, dialogs: report.dialogs.length,
    bad_attributes: report.bad_attributes.length, bad_elements: report.bad_elements.length,
    http_errors: report.http_errors.length, state_errors: report.state_errors.length, external_requests: report.external_requests.length,
  }) + '\n');
  const failed = report.hits.length || report.dialogs.length || report.bad_attributes.length || report.bad_elements.length
    || report.http_errors.length || report.state_errors.length || report.external_requests.length;
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error?.stack || String(error));
    process.exit(3);
  });
}
