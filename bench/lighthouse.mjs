#!/usr/bin/env node
// Lighthouse over seven pages of a built site, as a phone user gets them from a server that compresses.
//
//   node bench/lighthouse.mjs SITE_DIR [--out FILE] [--page PATH ...]
//
// Serves SITE_DIR on 127.0.0.1 (a random port) with gzip (node:zlib) and the cache headers the README asks a
// server for, and runs Lighthouse with its defaults (mobile: phone screen, simulated slow 4G and CPU) in
// Debian's Chromium (CHROME_PATH, default /usr/bin/chromium; nothing here downloads a browser). Chromium is
// told to send every request that is not loopback to this server, which refuses it, so nothing leaves
// the machine. Prints one JSON line per page:
//   {"page": "...", "scores": {"performance": 0.97, "accessibility": 1, "best-practices": 1, "seo": 1},
//    "failing": {"<category>": [{"id", "title", "score", "display", "items"}]}, "metrics": {...}}
// "failing" lists, for each category below 1.0, its scored audits below 1.0 (with up to five elements or
// resources each); "diagnostics" (when performance is below 1.0) the costliest scripts and the DOM size. --page measures only the given site-relative paths (e.g. --page avtal/). A measurement for `make bench`, not a test: the exit code is 0 when every page was
// measured, 1 when one could not be, 2 on bad usage.

import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
// The start page, an agreement, a rule section, the guide's entry, one answer, the comparison, the deadlines.
const PAGES = [
  '',
  'avtal/psykisk-halsa-2026.html',
  'samverkansregler/avsnitt-3.html',
  'samverkansregler/far-jag.html',
  'samverkansregler/far-jag.html#fraga-resa-till-kongress',
  'jamforelse/',
  'tidsfrister/',
];
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};
const COMPRESSED = new Set(['.html', '.css', '.js', '.json', '.map', '.xml', '.csv', '.ics', '.txt', '.svg']);
// Material's assets with a content hash in the name (main.57a0d79d.min.css, bundle.….min.js …).
const HASHED = /\/assets\/.*\.[0-9a-f]{8}\.min\.(?:css|js)(?:\.map)?$/;

/** The path the site is published under, from the shortest <loc> of its sitemap; "/" without one. */
function basePath(root) {
  const sitemap = path.join(root, 'sitemap.xml');
  if (!existsSync(sitemap)) return '/';
  const locs = [...readFileSync(sitemap, 'utf8').matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1]);
  if (!locs.length) return '/';
  const pathname = new URL(locs.sort((a, b) => a.length - b.length)[0]).pathname;
  return pathname.endsWith('/') ? pathname : pathname.replace(/[^/]*$/, '');
}

/** A static server for root under prefix, gzip for text types; refuses proxy requests (anything off this machine). */
async function serve(root, prefix) {
  const base = path.resolve(root);
  const refused = [];
  const server = createServer((req, res) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(req.url)) {
      refused.push(req.url);
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    let file = pathname.startsWith(prefix) ? path.join(base, pathname.slice(prefix.length)) : '';
    if (file && file !== base && !file.startsWith(base + path.sep)) file = '';
    if (file && existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: pathname + '/' });
        res.end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    let status = 200;
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      status = 404;
      file = path.join(base, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found\n');
        return;
      }
    }
    const ext = path.extname(file).toLowerCase();
    const headers = {
      'content-type': MIME[ext] || 'application/octet-stream',
      'cache-control': HASHED.test(file.split(path.sep).join('/')) ? 'public, max-age=31536000, immutable' : 'max-age=300',
      vary: 'Accept-Encoding',
    };
    const gzip = COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(status, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const body = createReadStream(file);
    pipeline(gzip ? [body, createGzip(), res] : [body, res], () => {});
  });
  server.on('connect', (req, socket) => {
    refused.push(`https://${req.url}/`);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  server.on('clientError', (err, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: (relative) => `http://127.0.0.1:${port}${prefix}${relative}`,
    refused,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

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
  const diagnostics = scores.performance === 1 ? undefined : { scripts, 'dom-size': lhr.audits['dom-size']?.displayValue ?? null };
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
  const valued = new Set(['--out', '--page']);
  const option = (name) => args.flatMap((a, i) => (a === name && i + 1 < args.length ? [args[i + 1]] : []));
  const outFile = option('--out')[0] || null;
  const pages = option('--page').length ? option('--page') : PAGES;
  const root = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
  if (!root || !existsSync(path.join(root, 'index.html'))) {
    process.stderr.write('usage: node bench/lighthouse.mjs SITE_DIR [--out FILE] [--page PATH ...]   (SITE_DIR: a built site with index.html)\n');
    process.exitCode = 2;
    return;
  }
  if (!existsSync(CHROME_PATH)) {
    process.stderr.write(`Chromium not found at ${CHROME_PATH} (set CHROME_PATH)\n`);
    process.exitCode = 2;
    return;
  }
  const server = await serve(root, basePath(root));
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
        const run = await lighthouse(server.url(page), { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
        if (run?.lhr?.runtimeError) throw new Error(`${run.lhr.runtimeError.code}: ${run.lhr.runtimeError.message}`);
        results.push(summary(page, run.lhr));
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
  if (server.refused.length) process.stderr.write(`refused requests off this machine: ${JSON.stringify([...new Set(server.refused)])}\n`);
  if (outFile) writeFileSync(outFile, JSON.stringify(results, null, 2) + '\n');
}

main().catch((error) => {
  process.stderr.write(`${error?.stack || error}\n`);
  process.exitCode = 1;
});
