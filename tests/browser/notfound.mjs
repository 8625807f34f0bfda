#!/usr/bin/env node
// The "page not found" page wherever the site is served: from the server root, from a sub-path, and
// opened from disk (file://).
//
//   node tests/browser/notfound.mjs SITE_DIR [--out FILE]
//
// For each base path ("/" and "/a/b/") the site is served there and missing addresses are requested
// (one level deep and three levels deep). For each the report has the HTTP status, the computed styles
// that show whether the page's stylesheet applied (body margin, header background; a browser's defaults
// are 8px and transparent), the links, the requests that failed or left the site, and axe's WCAG 2.1 A/AA
// violations. The start page's header colour is recorded too, so the test can compare the look.
// Exits 0 when the report was written (the Python test judges it), 2 on bad usage, 3 when it failed.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxePuppeteer } from '@axe-core/puppeteer';
import { collectErrors, guardRequests, isBrowserInternal, launchBrowser, siteArgument, startServer } from './common.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BASES = ['/', '/a/b/'];
const MISSING = ['finns-inte.html', 'inget/sadant/avsnitt/'];

async function inspect(page, url, external, errors) {
  // Everything the page loaded besides itself that failed (the page itself is answered with 404).
  const failed = [];
  const onFailed = (request) => failed.push(request.url());
  const onResponse = (r) => { if (r.status() >= 400 && !r.request().isNavigationRequest()) failed.push(`${r.status()} ${r.url()}`); };
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  const response = await page.goto(url, { waitUntil: 'load' });
  page.off('requestfailed', onFailed);
  page.off('response', onResponse);
  const facts = await page.evaluate(() => {
    const header = document.querySelector('header');
    return {
      title: document.title,
      h1: document.querySelector('h1')?.textContent.trim() || null,
      body_margin: getComputedStyle(document.body).marginTop,
      header_background: header ? getComputedStyle(header).backgroundColor : null,
      links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
      scripts: document.scripts.length,
      stylesheets: document.styleSheets.length,
    };
  });
  const axe = await new AxePuppeteer(page).withTags(TAGS).analyze();
  return {
    url,
    status: response ? response.status() : null,
    ...facts,
    failed_requests: failed,
    external_requests: external.splice(0),
    // The console reports the page's own 404 status (and Chromium's favicon request) as errors; the rest stay.
    page_errors: errors.splice(0).filter((e) => !/status of 404/.test(e.message)),
    violations: axe.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) })),
  };
}

async function main() {
  const root = siteArgument('usage: node notfound.mjs SITE_DIR [--out FILE]');
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;
  const report = { site: root, tags: TAGS, start_header_background: null, served: [], from_disk: null };
  const servers = await Promise.all(BASES.map((base) => startServer(root, base)));
  const { browser, close } = await launchBrowser(servers[0].port);
  const external = [];
  const errors = [];
  // A fresh page per origin: request interception lets only that origin (or file:) through.
  const pageFor = async (origin) => {
    const page = await browser.newPage();
    await guardRequests(page, origin, external, () => 'notfound');
    collectErrors(page, errors, () => 'notfound');
    return page;
  };
  try {
    const start = await pageFor(servers[0].origin);
    await start.goto(servers[0].url(''), { waitUntil: 'load' });
    report.start_header_background = await start.evaluate(() => getComputedStyle(document.querySelector('.md-header')).backgroundColor);
    for (const server of servers) {
      const page = await pageFor(server.origin);
      for (const missing of MISSING) {
        report.served.push({ base: server.prefix, ...(await inspect(page, server.url(missing), external, errors)) });
      }
    }
    report.from_disk = await inspect(await pageFor('file:'), pathToFileURL(path.join(root, '404.html')).href, external, errors);
    report.proxy_requests = servers.flatMap((s) => s.external).filter((r) => !isBrowserInternal(r));
  } finally {
    await close();
    await Promise.all(servers.map((s) => s.close()));
  }
  const text = JSON.stringify(report, null, 1);
  if (outFile) writeFileSync(outFile, text);
  else console.log(text);
}

main().catch((error) => {
  console.error(error);
  process.exit(3);
});
