#!/usr/bin/env node
// Every table of every page, as a reader sees it in Debian's Chromium at 390 px (a phone), 768 px
// (a tablet) and 1366 px (a laptop).
//
//   node tests/browser/tables.mjs SITE_DIR [--out FILE]
//
// For every table wrapper (Material's div.md-typeset__scrollwrap) the overflow is measured as
// scrollWidth - clientWidth. A wrapper may not overflow at 1366 px. At 390 and 768 px one that does
// overflow must show that it scrolls and keep its row labels in view:
//  - it is a named, focusable region (role="region", tabindex="0", aria-label), as a scrollable
//    region must be reachable by keyboard (WCAG 2.1.1);
//  - it carries the scroll cue: the marker data-rullar, a visible hint with text that the region is
//    described by (aria-describedby), and a painted edge shadow while there is more to the right;
//  - every row's first cell is position: sticky at left 0 with an opaque background, and stays at
//    the wrapper's left edge once the wrapper is scrolled to its end.
// A wrapper that does not overflow must not claim to (no data-rullar, no tabindex). The page itself
// may never scroll sideways, and no table may be left without a wrapper.
// Prints JSON {ok, pages, widths: {390: {wrappers, overflowing, max_overflow_px, ...}}, problems};
// exits 1 on a failed check, 2 on bad usage, 3 when the run itself failed.

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  guardRequests, htmlFiles, launchBrowser, settle, siteArgument, startServer, urlPathFor,
} from './common.mjs';

const WIDTHS = [390, 768, 1366];
export const TOLERANCE = 1; // px: sub-pixel rounding of scrollWidth

/** Runs in the page: every table wrapper, measured, and what it shows when it overflows. */
export async function inspectTables(tolerance) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const opaque = (colour) => {
    const m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) return false;
    const parts = m[1].split(/[ ,/]+/).filter(Boolean);
    return parts.length < 4 || Number(parts[3]) >= 1;
  };
  const shown = (element) => {
    if (!element) return false;
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return rect.width > 0 && rect.height > 0 && style.visibility === 'visible' && style.display !== 'none'
      && Number(style.opacity) > 0;
  };
  const edgeShadow = (wrapper) => {
    // The cue on the scrollable edge: a painted pseudo-element (gradient or shadow) of the wrapper's frame.
    for (const host of [wrapper, wrapper.parentElement]) {
      for (const pseudo of ['::before', '::after']) {
        const style = getComputedStyle(host, pseudo);
        if (style.content === 'none' || style.display === 'none' || Number(style.opacity) === 0) continue;
        if (style.backgroundImage.includes('gradient') || style.boxShadow !== 'none') return true;
      }
    }
    return false;
  };
  const result = { wrappers: [], unwrapped: 0, page_overflow_px: 0 };
  const article = document.querySelector('article') || document.body;
  result.unwrapped = [...article.querySelectorAll('table')].filter((t) => !t.closest('.md-typeset__scrollwrap')).length;
  // Tables in a closed <details> are not laid out (and tabeller.js measures a table when it is): opened,
  // as a reader opens them, and measured after the frame in which the page measured them.
  const closed = [...article.querySelectorAll('details:not([open])')];
  closed.forEach((details) => { details.open = true; });
  if (closed.length) await frame();
  let index = 0;
  for (const wrapper of document.querySelectorAll('.md-typeset__scrollwrap')) {
    index += 1;
    const table = wrapper.querySelector('table');
    if (!table) continue;
    const overflow = wrapper.scrollWidth - wrapper.clientWidth;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.innerText.trim());
    const entry = { index, heads: heads.join(' | ').slice(0, 120), overflow_px: overflow, problems: [] };
    const marked = wrapper.hasAttribute('data-rullar');
    if (overflow > tolerance) {
      if (!marked) entry.problems.push('overflows but has no scroll cue marker (data-rullar)');
      if (wrapper.getAttribute('role') !== 'region') entry.problems.push('scrolls but is not role="region"');
      if (wrapper.getAttribute('tabindex') !== '0') entry.problems.push('scrolls but is not focusable (tabindex="0")');
      if (!(wrapper.getAttribute('aria-label') || '').trim()) entry.problems.push('scrolling region has no aria-label');
      const hintId = wrapper.getAttribute('aria-describedby');
      const hint = hintId && document.getElementById(hintId);
      if (!hint || !shown(hint) || !hint.innerText.trim()) entry.problems.push('no visible scroll hint the region is described by');
      wrapper.scrollLeft = 0;
      wrapper.dispatchEvent(new Event('scroll'));
      await frame();
      if (!edgeShadow(wrapper)) entry.problems.push('no shadow on the scrollable edge');
      const firsts = [...table.rows].map((row) => row.cells[0]).filter(Boolean);
      const loose = firsts.filter((cell) => {
        const style = getComputedStyle(cell);
        return style.position !== 'sticky' || style.left !== '0px' || !opaque(style.backgroundColor);
      });
      if (loose.length) {
        const s = getComputedStyle(loose[0]);
        entry.problems.push(`${loose.length} of ${firsts.length} first-column cells not sticky at left 0 with an opaque background (${s.position}, left ${s.left}, ${s.backgroundColor})`);
      }
      // Scrolled to the end, the row labels are still at the wrapper's left edge.
      wrapper.scrollLeft = wrapper.scrollWidth;
      await frame();
      const edge = wrapper.getBoundingClientRect().left + wrapper.clientLeft;
      const lost = firsts.filter((cell) => Math.abs(cell.getBoundingClientRect().left - edge) > 2 + parseFloat(getComputedStyle(table.closest('.md-typeset__table') || table).paddingLeft || 0));
      if (lost.length) entry.problems.push(`${lost.length} row labels scroll out of view`);
      wrapper.scrollLeft = 0;
    } else if (marked || wrapper.getAttribute('tabindex') === '0') {
      entry.problems.push('does not overflow but is marked as scrolling');
    }
    result.wrappers.push(entry);
  }
  result.page_overflow_px = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  return result;
}

export function newWidthSummary() {
  return { wrappers: 0, overflowing: 0, max_overflow_px: 0, worst: null, pages_with_tables: 0, scrolling: [] };
}

/** Adds what inspectTables found on one page at one width to the report and that width's summary. */
export function recordTables(report, summary, width, current, found) {
  width = Number(width);
  if (found.wrappers.length) summary.pages_with_tables += 1;
  if (found.unwrapped) report.problems.push({ width, page: current, problem: `${found.unwrapped} tables without a wrapper` });
  if (found.page_overflow_px > TOLERANCE) report.problems.push({ width, page: current, problem: `page scrolls sideways by ${found.page_overflow_px} px` });
  for (const w of found.wrappers) {
    summary.wrappers += 1;
    if (w.overflow_px > TOLERANCE) {
      summary.overflowing += 1;
      summary.scrolling.push(`${current} table ${w.index}: ${w.overflow_px} px (${w.heads})`);
      if (width === 1366) w.problems.unshift(`overflows its wrapper by ${w.overflow_px} px at 1366`);
    }
    if (w.overflow_px > summary.max_overflow_px) {
      summary.max_overflow_px = w.overflow_px;
      summary.worst = `${current} table ${w.index} (${w.heads})`;
    }
    for (const problem of w.problems) report.problems.push({ width, page: current, table: w.index, heads: w.heads, overflow_px: w.overflow_px, problem });
  }
}

async function main() {
  const root = siteArgument('usage: node tables.mjs SITE_DIR [--out FILE]');
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;
  const files = htmlFiles(root);
  const server = await startServer(root);
  const { browser, close } = await launchBrowser(server.port);
  const report = { ok: false, pages: files.length, widths: {}, problems: [], external_requests: [] };
  let current = '(browser)';
  try {
    const page = await browser.newPage();
    await guardRequests(page, server.origin, report.external_requests, () => current);
    for (const width of WIDTHS) {
      const summary = newWidthSummary();
      report.widths[width] = summary;
      await page.setViewport({ width, height: 900 });
      for (const file of files) {
        current = urlPathFor(file);
        await page.goto(server.url(urlPathFor(file)), { waitUntil: 'networkidle0', timeout: 60000 });
        await settle(page).catch(() => {});
        recordTables(report, summary, width, current, await page.evaluate(inspectTables, TOLERANCE));
      }
    }
    report.ok = report.problems.length === 0 && report.external_requests.length === 0;
  } finally {
    await close();
    await server.close();
  }
  const json = JSON.stringify(report, null, 2);
  if (outFile) writeFileSync(outFile, json + '\n');
  for (const [width, s] of Object.entries(report.widths)) {
    console.error(`${width} px: ${s.wrappers} wrappers on ${s.pages_with_tables} pages, ${s.overflowing} overflow, max ${s.max_overflow_px} px${s.worst ? ` (${s.worst})` : ''}`);
  }
  console.error(`${report.problems.length} problems`);
  process.stdout.write(json + '\n');
  process.exitCode = report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error?.stack || String(error));
    process.exit(3);
  });
}
