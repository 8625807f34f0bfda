#!/usr/bin/env node
// Lighthouse over seven pages of a built site, as a phone user gets them from a server that compresses.
//
//   node bench/lighthouse.mjs SITE_DIR [--out FILE] [--page PATH ...] [--runs N]
//
// Serves SITE_DIR on 127.0.0.1 (a random port) with gzip (node:zlib) and the cache headers the README asks a
// server for, and runs Lighthouse with its defaults (mobile: phone screen, simulated slow 4G and CPU) in
// Debian's Chromium (CHROME_PATH, default /usr/bin/chromium; nothing here downloads a browser). Chromium is
// told to send every request that is not loopback to this server, which refuses it, so nothing leaves
// the machine. Prints one JSON line per page:
//   {"page": "...", "scores": {"performance": 0.97, "accessibility": 1, "best-practices": 1, "seo": 1},
//    "failing": {"<category>": [{"id", "title", "score", "display", "items"}]}, "metrics": {...}}
// "failing" lists, for each category below 1.0, its scored audits below 1.0 (with up to five elements or
// resources each); "diagnostics" (when performance is below 1.0) the costliest scripts and the DOM size.
// Each page is measured --runs times (default 3) and the run with the median performance score is reported, with
// every run's score in "runs": one run varies by about ±0.1 on a 2-core machine (Lighthouse's own advice is a median).
// --page measures only the given site-relative paths (e.g. --page avtal/). A measurement for `make bench`, not a test: the exit code is 0 when every page was
// measured, 1 when one could not be, 2 on bad usage.

import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
// The browser tests' static server (tests/browser/common.mjs), here with gzip and the README's cache headers.
import { basePath, startServer } from '../tests/browser/common.mjs';

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
// The start page, an agreement, a rule section, the guide's entry, one answer, the comparison, the deadlines.
const PAGES = [
  '',
  'avtal/psykisk-halsa-2026.html',
  'samverkansregler/avsnitt-3.html',
  'samverkansregler/far-jag.html',
  'samverkansregler/far-jag-fragor-resor.html#fraga-resa-till-kongress',
  'jamforelse/',
  'tidsfrister/',
];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

/** One element or resource an audit names, short. */
function describe(item) {
  if (item.node) return [item.node.selector, item.node.snippet].filter(Boolean).join(' ').slice(0, 200);
  if (item.text !== undefined && item.href !== undefined) return `${JSON.stringify(item.text)} -> ${item.href}`;
  return item.url || item.label || item.source?.url || undefined;
}

/** What a page's report says: the four scores, the scored audits below 1.0 of each category below 1.0, the metrics. */
function summary(page, lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((id) => [id, lhr.categories[id]?.score ?? null]));
  const failing = {};
  for (const id of CATEGORIES) {
    const category = lhr.categories[id];
    if (!category || category.score === 1) continue;
    failing[id] = category.auditRefs
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit && audit.score !== null && audit.score < 1
        && !['notApplicable', 'informative', 'manual'].includes(audit.scoreDisplayMode))
      .map((audit) => ({
        id: audit.id,
        title: audit.title,
        score: audit.score,
        display: audit.displayValue || undefined,
        items: (audit.details?.items || []).slice(0, 5).map(describe).filter(Boolean),
      }));
  }
  const metrics = Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.displayValue ?? null]));
  // Where the main thread's time goes, when performance is below 1.0: the scripts that cost most, and the DOM size.
  const scripts = (lhr.audits['bootup-time']?.details?.items || []).slice(0, 3)
    .map((item) => `${String(item.url).replace(/^https?:\/\/127\.0\.0\.1:\d+/, '')} ${Math.round(item.total)} ms`);
  const work = (lhr.audits['mainthread-work-breakdown']?.details?.items || [])
    .map((item) => `${item.groupLabel || item.group} ${Math.round(item.duration)} ms`);
  const tasks = (lhr.audits['long-tasks']?.details?.items || []).slice(0, 5)
    .map((item) => `${String(item.url).replace(/^https?:\/\/127\.0\.0\.1:\d+/, '')} at ${Math.round(item.startTime)} ms: ${Math.round(item.duration)} ms`);
  const diagnostics = scores.performance === 1 ? undefined : { scripts, work, tasks, 'dom-size': lhr.audits['dom-size']?.displayValue ?? null };
  const warnings = lhr.runWarnings?.length ? lhr.runWarnings : undefined;
  // What the first view of the page downloads: bytes on the wire (gzip) and unpacked, and how many requests.
  const requests = lhr.audits['network-requests']?.details?.items || [];
  const bytes = {
    transfer: Math.round(lhr.audits['total-byte-weight']?.numericValue ?? requests.reduce((n, r) => n + (r.transferSize || 0), 0)),
    resources: requests.reduce((n, r) => n + (r.resourceSize || 0), 0),
    requests: requests.length,
  };
  return { page: page || 'index.html', scores, failing, metrics, bytes, ...(diagnostics ? { diagnostics } : {}), ...(warnings ? { warnings } : {}) };
}

async function main() {
  const args = process.argv.slice(2);
  const valued = new Set(['--out', '--page', '--runs']);
  const option = (name) => args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
  const outFile = option('--out')[0] || null;
  const pages = option('--page').length ? option('--page') : PAGES;
  const runs = Number(option('--runs')[0] || 3);
  const root = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
  if (!root || !existsSync(path.join(root, 'index.html')) || !(Number.isInteger(runs) && runs >= 1)) {
    process.stderr.write('usage: node bench/lighthouse.mjs SITE_DIR [--out FILE] [--page PATH ...] [--runs N]   (SITE_DIR: a built site with index.html)\n');
    process.exitCode = 2;
    return;
  }
  if (!existsSync(CHROME_PATH)) {
    process.stderr.write(`Chromium not found at ${CHROME_PATH} (set CHROME_PATH)\n`);
    process.exitCode = 2;
    return;
  }
  const server = await startServer(root, basePath(root), { compress: true });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync',
      // Nothing leaves the machine: non-loopback requests go to the local server (which refuses them), no real DNS.
      `--proxy-server=http://127.0.0.1:${server.port}`,
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      '--lang=sv-SE',
      // Chromium's own background traffic (network time, component updates, sign-in …); refused anyway.
      '--disable-default-apps', '--disable-extensions', '--disable-domain-reliability', '--no-pings',
      '--disable-client-side-phishing-detection',
      '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,NetworkTimeServiceQuerying',
    ],
    logLevel: 'silent',
  });
  const results = [];
  try {
    for (const page of pages) {
      process.stderr.write(`lighthouse: ${page || 'index.html'}\n`);
      try {
        const measured = [];
        for (let i = 0; i < runs; i += 1) {
          const run = await lighthouse(server.url(page), { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
          if (run?.lhr?.runtimeError) throw new Error(`${run.lhr.runtimeError.code}: ${run.lhr.runtimeError.message}`);
          measured.push(summary(page, run.lhr));
        }
        const median = [...measured].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor(measured.length / 2)];
        results.push({ ...median, runs: measured.map((m) => m.scores.performance) });
      } catch (error) {
        results.push({ page: page || 'index.html', error: String(error?.message || error).split('\n')[0] });
        process.exitCode = 1;
      }
      process.stdout.write(JSON.stringify(results.at(-1)) + '\n');
    }
  } finally {
    await chrome.kill();
    await server.close();
  }
  if (server.external.length) process.stderr.write(`refused requests off this machine: ${JSON.stringify([...new Set(server.external.map((r) => r.url))])}\n`);
  if (outFile) writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error?.stack || error}\n`);
  process.exitCode = 1;
});
