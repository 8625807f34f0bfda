#!/usr/bin/env node
// The "Får jag …?" pages as a reader sees them (the entry page samverkansregler/far-jag.html and the
// situation and question pages far-jag-*.html that carry the answers), in Debian's Chromium at 390 px
// (a phone) and 1366 px (a laptop).
//
//   node tests/browser/guide.mjs SITE_DIR [--out FILE]
//
// For every answer (every element with an id starting "svar-" or "fraga-"): the answer's label and
// every quote under it are rendered, have text, and lie inside the viewport horizontally once
// scrolled to, so nothing needs sideways scrolling to read. The answer kinds must differ by more than
// colour: each kind's sign, border style and border width, as painted, form a distinct combination.
// Prints JSON {ok, widths: {390: {answers, quotes, problems, page_overflow_px, pages}, 1366: {...}}, kinds,
// external_requests}, answers and quotes summed over the pages; exits 1 on a failed
// check, 2 on bad usage, 3 when the run itself failed.

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { guardRequests, htmlFiles, launchBrowser, settle, siteArgument, startServer } from './common.mjs';

const ENTRY = 'samverkansregler/far-jag.html';
const GUIDE_PAGE = /^samverkansregler\/far-jag(-[a-z0-9-]+)?\.html$/;
const WIDTHS = [390, 1366];
export const GUIDE_WIDTHS = WIDTHS;

/** A page of the guide "Får jag …?" (its entry page and the situation and question pages): the answers are checked there. */
export function isGuidePage(file) {
  return GUIDE_PAGE.test(file);
}

/** Runs in the page: every answer block, and whether its label and quotes are readable without scrolling sideways. */
export function inspectAnswers() {
  const problems = [];
  let answers = 0;
  let quotes = 0;
  const inside = (rect) => rect.width > 0 && rect.height > 0 && rect.left >= -0.5 && rect.right <= window.innerWidth + 0.5;
  for (const anchor of document.querySelectorAll('article [id^="svar-"], article [id^="fraga-"]')) {
    const answer = anchor.nextElementSibling;
    const quote = answer?.nextElementSibling;
    if (!answer || !quote || quote.tagName !== 'BLOCKQUOTE') {
      problems.push({ id: anchor.id, problem: 'no answer paragraph followed by a quote' });
      continue;
    }
    answers += 1;
    anchor.scrollIntoView({ block: 'start' });
    const badge = answer.querySelector('.svar');
    if (!badge || !inside(badge.getBoundingClientRect()) || !badge.innerText.trim()) {
      problems.push({ id: anchor.id, problem: 'answer label missing or outside the viewport', rect: badge?.getBoundingClientRect().toJSON() });
    }
    for (const paragraph of quote.querySelectorAll('p')) {
      quotes += 1;
      const rect = paragraph.getBoundingClientRect();
      const style = getComputedStyle(paragraph);
      if (!inside(rect) || style.visibility === 'hidden' || !paragraph.innerText.trim()) {
        problems.push({ id: anchor.id, problem: 'quote not readable in the viewport', rect: rect.toJSON() });
      }
    }
  }
  const overflow = document.documentElement.scrollWidth - window.innerWidth;
  return { answers, quotes, problems, page_overflow_px: overflow };
}

/** Runs in the page: how each answer kind is painted in the legend. */
export function inspectKinds() {
  const kinds = {};
  for (const badge of document.querySelectorAll('article table .svar')) {
    const kind = [...badge.classList].find((c) => c.startsWith('svar-') && c !== 'svar-tecken');
    if (!kind || kinds[kind]) continue;
    const style = getComputedStyle(badge);
    kinds[kind] = {
      sign: badge.querySelector('.svar-tecken')?.textContent.trim() || '',
      sign_hidden_from_screen_readers: badge.querySelector('.svar-tecken')?.getAttribute('aria-hidden') === 'true',
      label: badge.innerText.replace(badge.querySelector('.svar-tecken')?.innerText || '', '').trim(),
      border: `${style.borderTopStyle} ${style.borderTopWidth}`,
      color: style.color,
    };
  }
  return kinds;
}

async function main() {
  const root = siteArgument('usage: node guide.mjs SITE_DIR [--out FILE]');
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;
  const server = await startServer(root);
  const { browser, close } = await launchBrowser(server.port);
  const report = { ok: false, widths: {}, kinds: {}, external_requests: [] };
  try {
    const page = await browser.newPage();
    const pages = htmlFiles(root).filter(isGuidePage);
    let current = ENTRY;
    await guardRequests(page, server.origin, report.external_requests, () => current);
    for (const width of WIDTHS) {
      await page.setViewport({ width, height: 844 });
      const total = { answers: 0, quotes: 0, problems: [], page_overflow_px: 0, pages: pages.length };
      for (const file of pages) {
        current = file;
        await page.goto(server.url(file), { waitUntil: 'networkidle0', timeout: 60000 });
        await settle(page).catch(() => {});
        const view = await page.evaluate(inspectAnswers);
        total.answers += view.answers;
        total.quotes += view.quotes;
        total.problems.push(...view.problems.map((p) => ({ page: file, ...p })));
        total.page_overflow_px = Math.max(total.page_overflow_px, view.page_overflow_px);
        // The legend is on the entry page.
        if (width === WIDTHS[0] && file === ENTRY) report.kinds = await page.evaluate(inspectKinds);
      }
      report.widths[width] = total;
    }
    const signatures = Object.values(report.kinds).map((k) => `${k.sign}|${k.border}`);
    report.kinds_distinct_without_colour = new Set(signatures).size === signatures.length;
    report.ok = report.kinds_distinct_without_colour
      && Object.values(report.widths).every((w) => w.answers > 0 && w.problems.length === 0)
      && report.external_requests.length === 0;
  } finally {
    await close();
    server.close();
  }
  const json = JSON.stringify(report, null, 2);
  if (outFile) writeFileSync(outFile, json);
  else console.log(json);
  process.exit(report.ok ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error);
    process.exit(3);
  });
}
