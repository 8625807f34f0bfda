#!/usr/bin/env node
// Content-Security-Policy in Chromium, with the site served by the real nginx and deploy/nginx.conf
// (tests/test_publish.py starts it): every page is opened, the search is used (its worker and index
// load), and a missing page is requested; every "securitypolicyviolation" event and every console
// message about the policy is recorded.
//
//   node tests/browser/csp.mjs SITE_DIR BASE_URL [--out FILE]
//
// BASE_URL is where nginx serves the site, e.g. http://127.0.0.1:8123/overenskommelser/.
// Exits 0 when the report was written (the Python test judges it), 2 on bad usage, 3 when it failed.

import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { htmlFiles, isBrowserInternal, launchBrowser, siteArgument, urlPathFor } from './common.mjs';

const root = siteArgument('usage: node csp.mjs SITE_DIR BASE_URL [--out FILE]');
const base = process.argv[3];
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? process.argv[outIndex + 1] : null;
if (!base || !/^http:\/\/127\.0\.0\.1:\d+\/.*\/$/.test(base)) {
  console.error('usage: node csp.mjs SITE_DIR BASE_URL [--out FILE]');
  process.exit(2);
}

async function main() {
  // Anything not on loopback goes to this recorder, which refuses it (nothing leaves the machine).
  const external = [];
  const record = (url) => { if (!isBrowserInternal({ url })) external.push(url); };
  const proxy = createServer((req, res) => { record(req.url); res.writeHead(403); res.end(); });
  proxy.on('connect', (req, socket) => { record(`https://${req.url}/`); socket.on('error', () => {}); socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { browser, close } = await launchBrowser(proxy.address().port);
  const report = { pages: 0, without_policy: [], violations: [], console: [], page_errors: [], search_results: null, not_found_status: null, control: null, external };
  let current = '';
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window.__csp = window.__csp || []).push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
      });
    });
    page.on('console', (m) => { if (/Content.Security.Policy|Refused to/i.test(m.text())) report.console.push({ page: current, text: m.text() }); });
    page.on('pageerror', (e) => report.page_errors.push({ page: current, message: String(e?.message || e) }));
    const collect = async () => {
      const found = await page.evaluate(() => window.__csp || []);
      report.violations.push(...found.map((v) => ({ page: current, ...v })));
    };
    for (const file of htmlFiles(root)) {
      current = file;
      const response = await page.goto(base + urlPathFor(file).slice(1), { waitUntil: 'load' });
      if (!response || !response.headers()['content-security-policy']) report.without_policy.push(file);
      await new Promise((r) => setTimeout(r, 50));
      await collect();
      report.pages += 1;
    }
    // The search: Material starts its worker and loads the index on first use.
    current = 'search';
    await page.goto(base, { waitUntil: 'load' });
    await page.click('label[for="__search"]').catch(() => page.focus('input.md-search__input'));
    await page.type('input.md-search__input', 'rekvisition');
    await page.waitForSelector('.md-search-result__item', { timeout: 15000 }).catch(() => {});
    report.search_results = await page.$$eval('.md-search-result__item', (items) => items.length);
    await collect();
    // A missing page: the 404 page under the same policy.
    current = '404';
    const response = await page.goto(base + 'finns-inte/alls.html', { waitUntil: 'load' });
    report.not_found_status = response ? response.status() : null;
    await collect();
    // Control: an inline script that is not one of the site's must be refused, or the policy proves nothing.
    current = 'control';
    await page.goto(base, { waitUntil: 'load' });
    report.control = await page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve({ blocked: true, directive: e.effectiveDirective, ran: Boolean(window.__injected) }), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.head.appendChild(script);
      setTimeout(() => resolve({ blocked: false, ran: Boolean(window.__injected) }), 2000);
    }));
    await page.close();
  } finally {
    await close();
    proxy.close();
  }
  const text = JSON.stringify(report, null, 1);
  if (out) writeFileSync(out, text);
  else console.log(text);
}

main().catch((error) => { console.error(error); process.exit(3); });
