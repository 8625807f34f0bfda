#!/usr/bin/env node
// Keyboard-only checks of a built site in Debian's Chromium (WCAG 2.1.1 Keyboard, 2.4.3 Focus order,
// 2.4.7 Focus visible).
//
//   node tests/browser/keyboard.mjs SITE_DIR [--out FILE]
//
// Serves SITE_DIR on 127.0.0.1 and, using only Tab, Shift+Tab, typing, arrow keys and Enter:
//   search        start page: Tab to the search field, type a query, ArrowDown to the first result, Enter;
//   search-enter  the same, but Enter straight from the search field;
//   navigation    start page: Tab through the whole main navigation, Shift+Tab back to its last link, Enter;
//   guide         samverkansregler/far-jag: Tab to the first link of the guide, Enter (a jump within the
//                 page), then on to the first link to another page, Enter (skipped if the page is absent);
//   tab-walk      start page and the guide: Tab through every focusable element until focus wraps.
// Every element that receives focus must be visible and have a visible focus indicator (outline or
// box-shadow). Prints JSON {ok, checks, focus_checked, focus_failures, external_requests}; exits 1 on a
// failed check, 2 on bad usage, 3 when the run itself failed.

import { writeFileSync } from 'node:fs';
import {
  guardRequests, isBrowserInternal, launchBrowser, settle, siteArgument, startServer,
} from './common.mjs';

const QUERY = 'sponsring';
const GUIDE_PATHS = ['samverkansregler/far-jag.html', 'samverkansregler/far-jag/'];

/** What the focused element is, whether it is visible, and whether it shows a focus indicator. */
function describeFocus() {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return { none: true, desc: 'BODY' };
  const cs = getComputedStyle(e);
  const rect = e.getBoundingClientRect();
  const transparent = (c) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor);
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const visible = rect.width > 0 && rect.height > 0
    && (e.checkVisibility ? e.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true);
  const text = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('placeholder') || '').replace(/\s+/g, ' ').trim();
  const classes = typeof e.className === 'string' ? e.className.split(/\s+/).filter((c) => c && c !== 'focus-visible') : [];
  return {
    none: false,
    desc: `${e.tagName.toLowerCase()}${classes.length ? '.' + classes.join('.') : ''}${e.id ? '#' + e.id : ''} "${text.slice(0, 40)}"`,
    tag: e.tagName.toLowerCase(),
    href: e.href || null,
    visible,
    indicator: outline || shadow,
    style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`,
    inPrimaryNav: !!e.closest('.md-nav--primary'),
    inArticle: !!e.closest('article') && !e.classList.contains('headerlink'),
    isSearchInput: e.matches('.md-search__input'),
    isSearchResult: e.matches('.md-search-result__link, .md-search-result a'),
  };
}

async function main() {
  const root = siteArgument('usage: node keyboard.mjs SITE_DIR [--out FILE]');
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;

  const server = await startServer(root);
  const { browser, close } = await launchBrowser(server.port);
  const report = { ok: false, checks: [], focus_checked: 0, focus_failures: [], external_requests: [], browser_requests: [] };
  const failuresSeen = new Set();
  let current = '(browser)';
  const check = (name, ok, detail, status) => report.checks.push({ name, status: status || (ok ? 'passed' : 'failed'), detail });

  try {
    const page = await browser.newPage();
    await guardRequests(page, server.origin, report.external_requests, () => current);

    const open = async (relative) => {
      current = '/' + relative;
      const response = await page.goto(server.url(relative), { waitUntil: 'networkidle0', timeout: 60000 });
      await settle(page).catch(() => {});
      return response;
    };
    const focus = async () => {
      await settle(page).catch(() => {});
      const info = await page.evaluate(describeFocus);
      if (!info.none) {
        report.focus_checked += 1;
        const problem = !info.visible ? 'focused element is not visible' : !info.indicator ? 'no visible focus indicator' : null;
        const key = `${current} ${info.desc}`;
        if (problem && !failuresSeen.has(key)) {
          failuresSeen.add(key);
          report.focus_failures.push({ page: current, element: info.desc, problem, style: info.style });
        }
      }
      return info;
    };
    const press = async (key, modifier) => {
      if (modifier) await page.keyboard.down(modifier);
      await page.keyboard.press(key);
      if (modifier) await page.keyboard.up(modifier);
      return focus();
    };
    const tabUntil = async (predicate, max) => {
      for (let i = 0; i < max; i += 1) {
        const info = await press('Tab');
        if (!info.none && predicate(info)) return info;
      }
      return null;
    };
    const enterAndWait = async () => {
      const navigation = page.waitForNavigation({ waitUntil: 'networkidle0', timeout: 15000 }).then(() => true, () => false);
      await page.keyboard.press('Enter');
      const navigated = await navigation;
      current = new URL(page.url()).pathname;
      await settle(page).catch(() => {});
      return navigated;
    };
    const samePage = (a, b) => {
      const x = new URL(a); const y = new URL(b);
      return x.origin === y.origin && x.pathname === y.pathname && x.search === y.search && x.hash === y.hash;
    };

    // 1. Search, then ArrowDown to the first result and Enter.
    await open('');
    let info = await tabUntil((i) => i.isSearchInput, 20);
    if (!info) {
      check('search', false, 'the search field was not reached with Tab');
    } else {
      await page.keyboard.type(QUERY);
      const shown = await page.waitForSelector('.md-search-result__item', { visible: true, timeout: 20000 }).then(() => true, () => false);
      info = shown ? await press('ArrowDown') : null;
      if (!info?.isSearchResult) {
        check('search', false, shown ? `ArrowDown focused ${info?.desc}, not a search result` : `no results for "${QUERY}"`);
      } else {
        const target = info.href;
        const navigated = await enterAndWait();
        check('search', navigated && samePage(page.url(), target),
          `Tab to the search field, "${QUERY}", ArrowDown to ${info.desc}, Enter: ${page.url().slice(server.origin.length)}`);
      }
    }

    // 2. Search, Enter straight from the field (Material opens the best result).
    await open('');
    info = await tabUntil((i) => i.isSearchInput, 20);
    if (info) {
      await page.keyboard.type(QUERY);
      await page.waitForSelector('.md-search-result__item', { visible: true, timeout: 20000 }).catch(() => {});
      const before = page.url();
      const navigated = await enterAndWait();
      const marks = await page.$$eval('article mark', (m) => m.length).catch(() => 0);
      check('search-enter', navigated && page.url() !== before,
        `Enter in the search field opened ${page.url().slice(server.origin.length)} with ${marks} highlighted match(es)`);
    } else {
      check('search-enter', false, 'the search field was not reached with Tab');
    }

    // 3. Tab through the main navigation, Shift+Tab back to its last link, Enter.
    await open('');
    const navLinks = [];
    for (let i = 0; i < 300; i += 1) {
      info = await press('Tab');
      if (info.inPrimaryNav && info.href) navLinks.push(info);
      else if (navLinks.length && !info.inPrimaryNav) break;
    }
    if (!navLinks.length) {
      check('navigation', false, 'no link of the main navigation received focus');
    } else {
      info = await press('Tab', 'Shift');
      const last = navLinks[navLinks.length - 1];
      if (!info.inPrimaryNav || info.href !== last.href) {
        check('navigation', false, `Shift+Tab out of the content went to ${info.desc}, not back to ${last.desc}`);
      } else {
        const navigated = await enterAndWait();
        check('navigation', navigated && samePage(page.url(), last.href),
          `${navLinks.length} navigation links reached with Tab; Shift+Tab back to ${last.desc}, Enter: ${page.url().slice(server.origin.length)}`);
      }
    }

    // 4. The guide "Får jag …?": follow a link in the guide with Enter (skipped while the page does not exist).
    let guide = null;
    for (const candidate of GUIDE_PATHS) {
      const response = await open(candidate);
      if (response?.status() === 200) { guide = candidate; break; }
    }
    if (!guide) {
      check('guide', true, `none of ${GUIDE_PATHS.join(', ')} exists`, 'skipped');
    } else {
      const pageUrl = page.url();
      info = await tabUntil((i) => i.inArticle && i.href, 200);
      if (!info) {
        check('guide', false, 'no link in the guide received focus');
      } else {
        const inPage = new URL(info.href).pathname === new URL(pageUrl).pathname && new URL(info.href).hash;
        if (inPage) {
          await page.keyboard.press('Enter');
          await settle(page).catch(() => {});
          const hash = new URL(info.href).hash;
          const landed = await page.evaluate((h) => {
            const target = document.getElementById(decodeURIComponent(h.slice(1)));
            if (!target) return { exists: false };
            const r = target.getBoundingClientRect();
            return { exists: true, inView: r.top < window.innerHeight && r.bottom > 0, hash: location.hash };
          }, hash);
          check('guide-jump', landed.exists && landed.inView && landed.hash === hash,
            `Enter on ${info.desc} went to ${hash} (target ${landed.exists ? (landed.inView ? 'in view' : 'not in view') : 'missing'})`);
        }
        // On to the first guide link that leads to another page (the rule text).
        const otherPage = (i) => i.inArticle && i.href && new URL(i.href).pathname !== new URL(pageUrl).pathname;
        info = otherPage(info) ? info : await tabUntil(otherPage, 800);
        if (!info) {
          check('guide', false, 'no link from the guide to another page received focus');
        } else {
          const navigated = await enterAndWait();
          const hash = new URL(info.href).hash;
          const target = hash ? await page.evaluate((h) => !!document.getElementById(decodeURIComponent(h.slice(1))), hash) : true;
          check('guide', navigated && samePage(page.url(), info.href) && target,
            `Enter on ${info.desc} in ${guide} opened ${page.url().slice(server.origin.length)}${hash ? (target ? ' (anchor found)' : ' (anchor missing)') : ''}`);
        }
      }
    }

    // 5. Tab through every focusable element of a few pages until focus wraps.
    for (const relative of ['', ...(guide ? [guide] : [])]) {
      await open(relative);
      let count = 0;
      let first = null;
      let wrapped = false;
      for (let i = 0; i < 1500; i += 1) {
        info = await press('Tab');
        if (info.none) { wrapped = count > 0; break; }
        if (first && info.desc === first && count > 1) { wrapped = true; break; }
        first ??= info.desc;
        count += 1;
      }
      check(`tab-walk ${'/' + relative}`, wrapped, `${count} elements reached with Tab before focus left the page`);
    }

    check('focus-visible', report.focus_failures.length === 0,
      `${report.focus_checked} focus positions checked, ${report.focus_failures.length} without a visible focus`);
    await page.close();
  } finally {
    await close();
    for (const r of server.external.splice(0)) {
      (isBrowserInternal(r) ? report.browser_requests : report.external_requests).push({ page: '(browser)', ...r });
    }
    await server.close();
  }

  report.ok = report.checks.every((c) => c.status !== 'failed') && report.external_requests.length === 0;
  const json = JSON.stringify(report, null, 2);
  if (outFile) writeFileSync(outFile, json + '\n');
  process.stdout.write(json + '\n');
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error) => {
  console.error(error?.stack || String(error));
  process.exit(3);
});
