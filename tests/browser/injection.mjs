#!/usr/bin/env node
// Injection check of a site built from the injection corpus (tests/injection/): every text field of the
// content carries payloads (HTML tags with handlers, javascript: links, attribute lists, attribute
// breakouts, snippets, admonitions …). Escaping alone must keep all of them inert.
//
//   node tests/browser/injection.mjs SITE_DIR [--out FILE]
//
// Serves SITE_DIR on 127.0.0.1 and opens every .html page in Debian's Chromium with a sentinel installed
// before any script of the page runs: a setter on window.__pwned, and alert/confirm/prompt/print
// replaced; dialogs the browser still opens are dismissed and counted. On each page every element is
// sent the events that handler attributes listen for (mouse, focus, toggle, load, error, keys …; the
// default action of clicks and submits is prevented, so no link is followed), every focusable element
// is focused, and a few elements with a tooltip (title) are hovered with the real mouse. Then it collects
//   hits         the sentinel fired (window.__pwned set, a dialog function called, a dialog opened);
//   attributes   an attribute whose name starts with "on", contains "pwn", or is not in ALLOWED_ATTRIBUTES
//                (the names a clean build uses); a URL attribute with a script URL; a style other than
//                table alignment; id="x" or class "pwn" (what the attribute-list payloads ask for);
//   elements     in the article: a tag a clean build never has there (img, script, details, b, abbr …),
//                a heading, table cell, list item, link or admonition title that is just "PWN", a comment
//                holding PWN; anywhere: a script whose text holds PWN or __pwned, an element with a
//                tag and PWN in its own start tag.
// Material renders search results with innerHTML, so the search is opened on a few pages and queried
// for payload words; the results are hovered, the first result is followed (the query is then
// highlighted on the page) and everything is checked again.
// Prints and writes a JSON report; exits 0 when clean, 1 on findings, 2 on bad usage, 3 when the run failed.

import { writeFileSync } from 'node:fs';
import {
  collectErrors, guardRequests, htmlFiles, isBrowserInternal, launchBrowser, siteArgument, startServer, urlPathFor,
} from './common.mjs';

const SEARCH_PAGES = ['index.html', 'samverkansregler/begrepp.html', 'avtal/psykisk-halsa-2025.html'];
const SEARCH_QUERIES = ['PWN', 'onerror', 'script'];
const HOVERS_PER_PAGE = 3;
const SETTLE_MS = 300;

// Attribute names a clean build of the real content has, in the HTML and after Material's scripts ran
// (derived from a run of this script over a build of content/, see the report's "inventory"), plus SVG
// presentation attributes the charts may use. None of the names a payload tries (onclick, onmouseover,
// onfocus, onerror, onload, ontoggle, autofocus, data-pwn, open, src …) is in it; `style` is allowed
// only with a table alignment inside the article (checked below), anywhere else only outside it.
const ALLOWED_ATTRIBUTES = new Set([
  'accesskey', 'action', 'aria-checked', 'aria-controls', 'aria-current', 'aria-describedby', 'aria-expanded', 'aria-hidden', 'aria-label',
  'aria-labelledby', 'aria-live', 'aria-selected', 'autocapitalize', 'autocomplete', 'autocorrect', 'charset', 'checked', 'class',
  'content', 'cx', 'cy', 'd', 'dir', 'disabled', 'fill', 'fill-opacity', 'font-family', 'font-size', 'font-weight', 'for', 'height',
  'hidden', 'href', 'id', 'lang', 'markdown', 'media', 'method', 'name', 'patternunits', 'patternUnits', 'placeholder', 'r', 'rel',
  'required', 'role', 'rx', 'ry', 'spellcheck', 'stroke', 'stroke-dasharray', 'stroke-linecap', 'stroke-width', 'style', 'tabindex',
  'text-anchor', 'title', 'transform', 'type', 'value', 'viewBox', 'viewbox', 'width', 'x', 'x1', 'x2', 'xmlns', 'y', 'y1', 'y2',
  'dominant-baseline', 'opacity', 'points', 'src', 'defer', 'async', 'http-equiv', 'sizes', 'crossorigin', 'integrity',
  'data-md-color-accent', 'data-md-color-media', 'data-md-color-primary', 'data-md-color-scheme', 'data-md-color-switching',
]);
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
const ALLOWED_TAGS = new Set([...ALLOWED_CONTENT_TAGS]);
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset', 'background', 'ping', 'cite'];
const SAFE_URL = /^(?:https?:|mailto:|tel:|#|\.{0,2}\/|[^:]*$)/i;
const CONTENT_STYLE = /^(?:text-align:\s*(?:left|right|center);?\s*)?$/;

/** Installed with evaluateOnNewDocument: runs in every frame before the page's own scripts. */
function sentinel() {
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
  const contentTags = new Set(config.allowedContentTags);
  const documentTags = new Set(config.allowedTags);
  const srcTags = new Set(config.srcTags);
  const safeUrl = new RegExp(config.safeUrl, 'i');
  const contentStyle = new RegExp(config.contentStyle);
  const found = { attributes: [], elements: [] };
  const inventory = { attributes: {}, contentTags: {}, tags: {} };
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
      const lower = name.toLowerCase();
      let problem = null;
      if (lower.startsWith('on')) problem = 'event handler attribute';
      else if (lower.includes('pwn')) problem = 'attribute name from a payload';
      else if (!allowed.has(name) && !config.allowedPrefixes.some((p) => lower.startsWith(p))) problem = 'attribute not used by a clean build';
      else if (lower === 'src' && !srcTags.has(el.tagName)) problem = 'src on an element a clean build never gives one';
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
    if (!documentTags.has(anyTag)) {
      found.elements.push({ problem: `<${anyTag.toLowerCase()}>, which a clean build never has`, element: path(el), html: clip(el.outerHTML), context: context(el) });
    }
    if (el.closest('.md-content')) {
      const tag = el.namespaceURI === 'http://www.w3.org/2000/svg' ? el.tagName : el.tagName.toUpperCase();
      inventory.contentTags[tag] = (inventory.contentTags[tag] || 0) + 1;
      if (!contentTags.has(tag)) {
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
  const root = siteArgument('usage: node injection.mjs SITE_DIR [--out FILE]');
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;
  const files = htmlFiles(root);
  const config = {
    allowedAttributes: [...ALLOWED_ATTRIBUTES],
    allowedPrefixes: ALLOWED_PREFIXES,
    allowedContentTags: [...ALLOWED_CONTENT_TAGS],
    allowedTags: [...ALLOWED_TAGS],
    srcTags: [...SRC_TAGS],
    urlAttributes: URL_ATTRIBUTES,
    safeUrl: SAFE_URL.source,
    contentStyle: CONTENT_STYLE.source,
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
    inventory: { attributes: {}, contentTags: {}, tags: {} },
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
    const load = async (url) => {
      const response = await page.goto(url, { waitUntil: 'networkidle0', timeout: 60000 });
      return response?.status();
    };
    const hoverTitles = async (selector, limit) => {
      // Real mouse over elements with a tooltip: Material's content.tooltips renders the title itself.
      const handles = (await page.$$(selector)).slice(0, limit);
      for (const handle of handles) {
        try {
          await handle.hover();
          await pause(120);
          report.hovered += 1;
        } catch { /* hidden or detached */ }
      }
    };

    for (const file of files) {
      const urlPath = urlPathFor(file);
      current = urlPath;
      const status = await load(server.url(urlPath));
      // 404.html is served with status 404 for paths that do not exist; here it is asked for by name.
      if (status !== 200) report.http_errors.push({ page: urlPath, status });
      report.events_sent += await page.evaluate(provoke, '.md-content');
      await hoverTitles('.md-content [title*="PWN"], .md-content a[title]', HOVERS_PER_PAGE);
      await pause(SETTLE_MS);
      merge(urlPath, await page.evaluate(inspect, config));
      drainProxy();
      report.pages += 1;
      report.checked.push(urlPath);
    }

    // Search: Material renders results (and the highlight of a followed result) from the index with innerHTML.
    for (const file of SEARCH_PAGES) {
      if (!files.includes(file)) continue;
      for (const query of SEARCH_QUERIES) {
        const name = `${urlPathFor(file)} [search "${query}"]`;
        current = name;
        try {
          await load(server.url(urlPathFor(file)));
          await page.click('.md-search__input');
          await page.type('.md-search__input', query);
          await page.waitForSelector('.md-search-result__item', { visible: true, timeout: 20000 });
          await pause(SETTLE_MS);
          // "More results" are folded in <details>: open them all so every result is rendered.
          await page.$$eval('.md-search-result details', (all) => all.forEach((d) => { d.open = true; }));
          await hoverTitles('.md-search-result__item a', 8);
          report.events_sent += await page.evaluate(provoke, '.md-search-result');
          await pause(SETTLE_MS);
          merge(name, await page.evaluate(inspect, config));
          const results = await page.$$eval('.md-search-result__item', (items) => items.length);
          const first = await page.$$eval('.md-search-result__item a', (links) =>
            links.map((a) => a.href).find((href) => new URL(href).searchParams.get('h')));
          report.states.push({ state: name, results });
          if (first && query === 'PWN') {
            // The result followed: search.highlight marks the query on the page.
            const followed = `${name} -> ${new URL(first).pathname}${new URL(first).search}`;
            current = followed;
            await load(first);
            await pause(SETTLE_MS);
            report.events_sent += await page.evaluate(provoke, '.md-content');
            await pause(SETTLE_MS);
            const marks = await page.$$eval('.md-content mark', (m) => m.length);
            merge(followed, await page.evaluate(inspect, config));
            report.states.push({ state: followed, marks });
          }
        } catch (error) {
          report.state_errors.push({ state: name, error: String(error?.message || error).split('\n')[0] });
        }
        drainProxy();
      }
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

main().catch((error) => {
  console.error(error?.stack || String(error));
  process.exit(3);
});
