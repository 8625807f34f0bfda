#!/usr/bin/env node
// Deadline status with the clock moved: docs/assets/frister.js recounts "passerad" / "idag" / "om N dagar"
// and the "Nästa tidsfrist" box from the reader's date in Sweden, not the build date.
//
//   node tests/browser/frister.mjs SITE_DIR --clock ISO[,ISO…] [--page PATH …] [--out FILE]
//
// For each clock (an instant, e.g. 2026-03-30T22:30:00Z) a fresh page gets a Date fixed at that instant,
// installed before any script of the page runs (evaluateOnNewDocument). The browser runs with TZ=UTC, so
// only the script's own Europe/Stockholm conversion can turn 22:30 UTC into the next day. Each page is
// also loaded once with JavaScript off (clock "nojs"): the build's text is the fallback.
// Reports per clock and page every span.frist-status as [ISO date, text] and the ISO dates of the
// visible items of each .frist-nasta box. Exits 0 after a run, 2 on bad usage, 3 when the run failed.

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { collectErrors, guardRequests, isBrowserInternal, launchBrowser, siteArgument, startServer } from './common.mjs';

process.env.TZ = 'UTC';

const option = (name) => {
  const values = [];
  process.argv.forEach((arg, i) => { if (arg === name && process.argv[i + 1]) values.push(process.argv[i + 1]); });
  return values;
};

/** Runs before the page's scripts: `new Date()` and `Date.now()` give the fixed instant. */
function fixClock(iso) {
  const fixed = new Date(iso).getTime();
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args) { if (args.length) super(...args); else super(fixed); }
    static now() { return fixed; }
  }
  window.Date = FixedDate;
}

/** Runs in the page: what a reader sees of the deadline status. */
function read() {
  const visible = (el) => !el.hidden && el.getClientRects().length > 0;
  return {
    statuses: [...document.querySelectorAll('.frist-status[data-frist]')].map((s) => [s.getAttribute('data-frist'), s.textContent]),
    next_visible: [...document.querySelectorAll('.frist-nasta')].map((box) => [...box.querySelectorAll('li')].filter(visible)
      .map((li) => li.querySelector('.frist-status').getAttribute('data-frist'))),
  };
}

/** The deadline status of `pages` under each clock (and with JavaScript off), in the caller's browser. */
export async function runFrister({ browser, server, pages, clocks }) {
  const report = { runs: {}, external_requests: [], page_errors: [] };
  for (const clock of ['nojs', ...clocks]) {
    const page = await browser.newPage();
    if (clock === 'nojs') await page.setJavaScriptEnabled(false);
    else await page.evaluateOnNewDocument(fixClock, clock);
    await guardRequests(page, server.origin, report.external_requests, () => clock);
    collectErrors(page, report.page_errors, () => clock);
    report.runs[clock] = {};
    for (const urlPath of pages) {
      await page.goto(server.url(urlPath), { waitUntil: 'load', timeout: 60000 });
      report.runs[clock][urlPath] = await page.evaluate(read);
    }
    await page.close();
  }
  report.external_requests.push(...server.external.splice(0).filter((r) => !isBrowserInternal(r)));
  return report;
}

async function main() {
  const root = siteArgument('usage: node frister.mjs SITE_DIR --clock ISO[,ISO…] [--page PATH …] [--out FILE]');
  const clocks = option('--clock').flatMap((v) => v.split(','));
  const paths = option('--page');
  const outFile = option('--out')[0];
  if (!clocks.length || !paths.length) {
    console.error('give at least one --clock and one --page');
    process.exit(2);
  }
  const server = await startServer(root);
  const { browser, close } = await launchBrowser(server.port);
  let report;
  try {
    report = { site: root, ...(await runFrister({ browser, server, pages: paths, clocks })) };
  } finally {
    await close();
    await server.close();
  }
  const json = JSON.stringify(report, null, 2);
  if (outFile) writeFileSync(outFile, json + '\n');
  process.stdout.write(JSON.stringify({ clocks: clocks.length, pages: paths.length }) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error?.stack || String(error));
    process.exit(3);
  });
}
