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
//   guide         samverkansregler/far-jag (the guide's entry page): Tab to the first link of the guide, Enter
//                 if it jumps within the page, then on to the first link to another page (a question, which
//                 opens the page of its answer with the answer's anchor), Enter (skipped if the page is absent);
//   mobile-drawer 375 px wide: Tab to the navigation button, Enter (focus moves into the drawer), Tab to
//                 a link to another page, Enter;
//   mobile-drawer-section  375 px wide: open the last section of the drawer with Enter (focus moves to its
//                 "back" title), back out with Enter and in again, follow a link in it;
//   mobile-drawer-escape   375 px wide: Escape closes the open drawer and focus returns to its button;
//   mobile-search 375 px wide: Tab to the search button, Space, type, ArrowDown, Enter;
//   tab-walk      start page and guide; start page 375 px wide; a rule page 375 and 1024 px wide, with
//                 the drawer closed and opened: Tab through every focusable element until focus wraps.
// Every element that receives focus must be visible (not hidden, transparent, covered, or outside the viewport)
// and have a visible focus indicator (outline or box-shadow). Prints JSON {ok, checks, focus_checked, focus_failures, external_requests}; exits 1 on a
// failed check, 2 on bad usage, 3 when the run itself failed.

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  guardRequests, isBrowserInternal, launchBrowser, settle, siteArgument, startServer,
} from './common.mjs';

const QUERY = 'sponsring';
const GUIDE_PATHS = ['samverkansregler/far-jag.html', 'samverkansregler/far-jag/'];

/**
 * What the focused element is, whether it is visible (size, CSS visibility and opacity, inside the
 * viewport once focused) and whether it shows a focus indicator. Runs in the page, after the CSS
 * transitions that focusing started have finished.
 */
async function describeFocus() {
  // Let handlers that move focus a moment later (setTimeout 0) run, then wait for the transitions.
  // Colour fades do not change whether something is visible; waiting for them only slows the walk.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  for (let round = 0; round < 3; round += 1) {
    const running = document.getAnimations()
      .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity)
      .filter((a) => !(a.transitionProperty && /color|shadow/.test(a.transitionProperty)));
    if (!running.length) break;
    await Promise.race([Promise.allSettled(running.map((a) => a.finished)), new Promise((r) => setTimeout(r, 3000))]);
  }
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return { none: true, desc: 'BODY' };
  const cs = getComputedStyle(e);
  const rect = e.getBoundingClientRect();
  const transparent = (c) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
  const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor);
  const shadow = cs.boxShadow && cs.boxShadow !== 'none';
  const inViewport = rect.bottom > 0 && rect.right > 0 && rect.top < window.innerHeight && rect.left < window.innerWidth;
  // Not covered by something else (a panel slid over it): the element, or what is inside it, is on top.
  let covered = false;
  if (inViewport && rect.width > 0 && rect.height > 0) {
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), window.innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), window.innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    covered = !!hit && !e.contains(hit) && !hit.contains(e) && !(e.labels && [...e.labels].includes(hit));
  }
  const visible = rect.width > 0 && rect.height > 0 && inViewport && !covered
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
    covered,
    drawerOpen: !!document.getElementById('__drawer')?.checked,
    rect: [rect.left, rect.top, rect.width, rect.height].map(Math.round),
    visibility: cs.visibility,
    checkVisibility: e.checkVisibility ? e.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : null,
    style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`,
    inPrimaryNav: !!e.closest('.md-nav--primary'),
    inArticle: !!e.closest('article') && !e.classList.contains('headerlink'),
    isSearchInput: e.matches('.md-search__input'),
    forToggle: e.tagName === 'LABEL' ? e.htmlFor : e.getAttribute('data-toggles'),
    role: e.getAttribute('role'),
    isSearchResult: e.matches('.md-search-result__link, .md-search-result a'),
  };
}

/** The keyboard checks in a browser and against a server that the caller started (and closes). */
export async function runKeyboard({ browser, server }) {
  const report = { ok: false, checks: [], focus_checked: 0, focus_failures: [], external_requests: [], browser_requests: [] };
  const failuresSeen = new Set();
  let current = '(browser)';
  const check = (name, ok, detail, status) => report.checks.push({ name, status: status || (ok ? 'passed' : 'failed'), detail });

  const page = await browser.newPage();
  try {
    await guardRequests(page, server.origin, report.external_requests, () => current);

    const open = async (relative) => {
      current = '/' + relative;
      const response = await page.goto(server.url(relative), { waitUntil: 'networkidle0', timeout: 60000 });
      await settle(page).catch(() => {});
      return response;
    };
    const focus = async () => {
      const info = await page.evaluate(describeFocus);
      if (!info.none) {
        report.focus_checked += 1;
        const problem = info.covered ? 'focused element is covered by another element'
          : !info.visible ? 'focused element is not visible' : !info.indicator ? 'no visible focus indicator' : null;
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
        // On to the first guide link that leads to another page: a question, whose answer has a page of its own.
        // (Not the page's "PDF för utskrift" link: the guide's own links are what is tested.)
        const otherPage = (i) => i.inArticle && i.href && new URL(i.href).pathname !== new URL(pageUrl).pathname
          && !new URL(i.href).pathname.endsWith('.pdf');
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

    // 5. Small screen: open the navigation drawer with Enter and follow a link in it; open the search with Space.
    await page.setViewport({ width: 375, height: 740 });
    await open('');
    current += ' [375 px wide]';
    info = await tabUntil((i) => i.forToggle === '__drawer', 20);
    if (!info) {
      check('mobile-drawer', false, 'the navigation button was not reached with Tab');
    } else {
      await page.keyboard.press('Enter');
      const inside = await focus();
      const opened = await page.$eval('#__drawer', (c) => c.checked);
      if (!opened || !inside.inPrimaryNav) {
        check('mobile-drawer', false, `Enter on ${info.desc}: drawer ${opened ? 'opened' : 'stayed closed'}, focus on ${inside.desc}, not in the drawer`);
      } else {
        const navLink = await tabUntil((i) => i.inPrimaryNav && i.href && new URL(i.href).pathname !== new URL(page.url()).pathname, 40);
        const target = navLink?.href;
        const navigated = navLink ? await enterAndWait() : false;
        check('mobile-drawer', navigated && samePage(page.url(), target),
          `Enter on ${info.desc} opened the drawer and focused ${inside.desc}; Tab to ${navLink?.desc}, Enter: ${page.url().slice(server.origin.length)}`);
      }
    }
    // A section of the drawer (the last one: "Om webbplatsen" has no page of its own): open it with
    // Enter, Tab into it, follow a link; then Escape closes the drawer.
    await open('');
    current += ' [375 px wide]';
    info = await tabUntil((i) => i.forToggle === '__drawer', 20);
    if (info) {
      await page.keyboard.press('Enter');
      await focus();
    }
    const sections = info ? await page.$$eval('.md-nav--primary > .md-nav__list > .md-nav__item--nested', (items) => items.length) : 0;
    let section = null;
    for (let n = 0; info && n < sections; n += 1) {
      section = await tabUntil((i) => i.inPrimaryNav && i.role === 'button' && /^__nav_/.test(i.forToggle || ''), 60);
      if (!section) break;
      const lastSection = await page.evaluate((id) => {
        const items = document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item--nested');
        return items[items.length - 1].querySelector(':scope > .md-nav__toggle').id === id;
      }, section.forToggle);
      if (lastSection) break;
    }
    if (!section) {
      check('mobile-drawer-section', false, 'no section of the drawer could be opened with the keyboard');
    } else {
      const toggled = () => page.$eval(`#${section.forToggle}`, (c) => c.checked);
      await page.keyboard.press('Enter');
      const opened = await toggled();
      const back = await focus();
      // Back out of the section and in again: focus must follow both ways.
      await page.keyboard.press('Enter');
      const left = !(await toggled());
      const returned = await focus();
      await page.keyboard.press('Enter');
      const reopened = await toggled();
      await focus();
      const link = await tabUntil((i) => i.inPrimaryNav && i.href, 10);
      const target = link?.href;
      const navigated = link ? await enterAndWait() : false;
      check('mobile-drawer-section',
        opened && back.forToggle === section.forToggle && left && returned.desc === section.desc && reopened
          && navigated && samePage(page.url(), target),
        `Enter on ${section.desc}: section ${opened ? 'opened' : 'stayed closed'}, focus on ${back.desc}; `
        + `Enter there: section ${left ? 'closed' : 'still open'}, focus on ${returned.desc}; Enter again: `
        + `${reopened ? 'opened' : 'stayed closed'}; Tab to ${link?.desc}, Enter: ${page.url().slice(server.origin.length)}`);
    }
    await open('');
    current += ' [375 px wide]';
    info = await tabUntil((i) => i.forToggle === '__drawer', 20);
    if (info) {
      // The button is a real <button> whose aria-expanded follows the drawer.
      const expanded = () => page.$eval('.md-header__button[data-toggles="__drawer"]', (b) => `${b.tagName} ${b.getAttribute('aria-expanded')}`);
      await page.keyboard.press('Enter');
      await focus();
      const whenOpen = await expanded();
      await press('Tab');
      await page.keyboard.press('Escape');
      info = await focus();
      const closed = !(await page.$eval('#__drawer', (c) => c.checked));
      const whenClosed = await expanded();
      check('mobile-drawer-escape',
        closed && info.forToggle === '__drawer' && whenOpen === 'BUTTON true' && whenClosed === 'BUTTON false',
        `Escape in the open drawer: drawer ${closed ? 'closed' : 'still open'}, focus on ${info.desc}; `
        + `aria-expanded ${whenOpen} while open, ${whenClosed} after Escape`);
    } else {
      check('mobile-drawer-escape', false, 'the navigation button was not reached with Tab');
    }

    await open('');
    current += ' [375 px wide]';
    info = await tabUntil((i) => i.forToggle === '__search', 20);
    if (!info) {
      check('mobile-search', false, 'the search button was not reached with Tab');
    } else {
      await page.keyboard.press('Space');
      const field = await page.waitForFunction(() => document.activeElement?.matches('.md-search__input'), { timeout: 5000 })
        .then(() => true, () => false);
      info = await focus();
      if (!field) {
        check('mobile-search', false, `Space on the search button left focus on ${info.desc}`);
      } else {
        await page.keyboard.type(QUERY);
        await page.waitForSelector('.md-search-result__item', { visible: true, timeout: 20000 }).catch(() => {});
        info = await press('ArrowDown');
        const target = info.href;
        const navigated = info.isSearchResult ? await enterAndWait() : false;
        check('mobile-search', navigated && samePage(page.url(), target),
          `Space opened the search, "${QUERY}", ArrowDown to ${info.desc}, Enter: ${page.url().slice(server.origin.length)}`);
      }
    }
    await page.setViewport({ width: 1280, height: 900 });

    // 6. Tab through every focusable element of a few pages until focus wraps.
    const small = { width: 375, height: 740 };
    const walks = [
      ['', null, false],
      ...(guide ? [[guide, null, false]] : []),
      ['', small, false],
      ['samverkansregler/regler.html', small, false],
      ['samverkansregler/regler.html', small, true],
      ['samverkansregler/regler.html', { width: 1024, height: 768 }, false],
      ['samverkansregler/regler.html', { width: 1024, height: 768 }, true],
    ];
    for (const [relative, viewport, drawer] of walks) {
      await page.setViewport(viewport || { width: 1280, height: 900 });
      const response = await open(relative);
      if (response?.status() !== 200) continue;
      if (viewport) current += ` [${viewport.width} px wide${drawer ? ', drawer opened with Enter' : ''}]`;
      if (drawer && await tabUntil((i) => i.forToggle === '__drawer', 20)) {
        await page.keyboard.press('Enter');
        await focus();
      }
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
      check(`tab-walk ${current}`, wrapped, `${count} elements reached with Tab before focus left the page`);
    }

    check('focus-visible', report.focus_failures.length === 0,
      `${report.focus_checked} focus positions checked, ${report.focus_failures.length} without a visible focus`);
  } finally {
    await page.close();
    for (const r of server.external.splice(0)) {
      (isBrowserInternal(r) ? report.browser_requests : report.external_requests).push({ page: '(browser)', ...r });
    }
  }
  report.ok = report.checks.every((c) => c.status !== 'failed') && report.external_requests.length === 0;
  return report;
}

async function main() {
  const root = siteArgument('usage: node keyboard.mjs SITE_DIR [--out FILE]');
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;
  const server = await startServer(root);
  const { browser, close } = await launchBrowser(server.port);
  let report;
  try {
    report = await runKeyboard({ browser, server });
  } finally {
    await close();
    await server.close();
  }
  const json = JSON.stringify(report, null, 2);
  if (outFile) writeFileSync(outFile, json + '\n');
  process.stdout.write(json + '\n');
  process.exitCode = report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error?.stack || String(error));
    process.exit(3);
  });
}
