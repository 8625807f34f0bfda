#!/usr/bin/env node
// Accessibility (axe-core, WCAG 2.0/2.1 A and AA) and privacy audit of every HTML page of a built site.
//
//   node tests/browser/audit.mjs SITE_DIR [--file] [--out FILE]
//
// Serves SITE_DIR on 127.0.0.1 (random port), or with --file opens it from disk (file://, as the
// offline copy is used; 404.html is left out then), opens each built .html page in Debian's Chromium and
//  (a) runs axe with the tags wcag2a, wcag2aa, wcag21a, wcag21aa, and
//  (b) records every request that does not go to the local server (the page's own requests through
//      request interception, and anything else the browser tries through a local recording proxy;
//      Chromium's own background calls are listed apart as browser_requests, see common.mjs).
// On a Material site a few interactive states are audited as well: the search open with results, a
// result followed (query highlighted on the page), the navigation drawer open on a small screen.
// Prints a JSON summary {pages, states, violations, external_requests, ...}; exits 1 when there are
// violations, external requests, pages that do not load or states that could not be reached, 0 when
// clean, 2 on bad usage, 3 when the audit itself failed.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AxePuppeteer } from '@axe-core/puppeteer';
import axe from 'axe-core';
import {
  collectErrors, guardRequests, settle, htmlFiles, isBrowserInternal, launchBrowser, siteArgument, startServer, urlPathFor,
} from './common.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SEARCH_QUERY = 'sponsring';

export function loadExceptions() {
  const file = path.join(HERE, 'axe-exceptions.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  for (const rule of data.rules) {
    if (!rule.id || !rule.justification) throw new Error(`${file}: every exception needs "id" and "justification"`);
  }
  return data.rules;
}

export function summarise(result, label, exceptions) {
  const out = [];
  for (const violation of result.violations) {
    const exception = exceptions.find((e) => e.id === violation.id);
    let nodes = violation.nodes;
    if (exception?.targets) {
      // A scoped exception: only the listed elements are exempt from this rule.
      nodes = nodes.filter((n) => !exception.targets.includes(n.target.join(' ')));
    }
    if (!nodes.length) continue;
    out.push({
      page: label,
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html.length > 300 ? n.html.slice(0, 300) + '…' : n.html,
        summary: n.failureSummary,
      })),
    });
  }
  return out;
}

export async function runAxe(page, exceptions) {
  const disabled = exceptions.filter((e) => !e.targets).map((e) => e.id);
  // Full detail for violations only: passes and needs-review items keep one node each, which is most of axe's time on long pages.
  const builder = new AxePuppeteer(page).options({ resultTypes: ['violations'] }).withTags(TAGS);
  if (disabled.length) builder.disableRules(disabled);
  return builder.analyze();
}

/**
 * The interactive states of Material's interface, each handed to `state(name, steps)`, which runs the
 * steps and audits the result: the search open with results, the first result followed (query
 * highlighted), the navigation drawer open on a small screen. Nothing for a site without Material's search.
 */
export async function auditStates(page, { urlFor, labelFor, state }) {
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(urlFor('index.html'), { waitUntil: 'networkidle0', timeout: 60000 });
  const material = (await page.$('.md-search__input')) !== null;
  if (!material) return;
  // The search dialog open with results (start page, desktop width).
  let firstResult = null;
  await state(`/ [search open: "${SEARCH_QUERY}"]`, async () => {
    await page.goto(urlFor('index.html'), { waitUntil: 'networkidle0', timeout: 60000 });
    await page.click('.md-search__input');
    await page.type('.md-search__input', SEARCH_QUERY);
    await page.waitForSelector('.md-search-result__item', { visible: true, timeout: 20000 });
    firstResult = await page.$$eval('.md-search-result__item a', (links) =>
      links.map((a) => a.href).find((href) => new URL(href).searchParams.get('h')));
  });
  // The first search result (a section) followed, with the query highlighted on the page (search.highlight).
  await state(`${firstResult ? labelFor(firstResult) : '(no result)'} [search highlight]`, async () => {
    if (!firstResult) throw new Error(`no search result for "${SEARCH_QUERY}" to follow`);
    await page.goto(firstResult, { waitUntil: 'networkidle0', timeout: 60000 });
    await page.waitForSelector('.md-content mark', { timeout: 10000 });
  });
  // The navigation drawer open on a narrow (mobile) screen.
  await state('/ [375 px wide, drawer open]', async () => {
    await page.setViewport({ width: 375, height: 740 });
    await page.goto(urlFor('index.html'), { waitUntil: 'networkidle0', timeout: 60000 });
    await page.click('button.md-header__button[data-toggles="__drawer"]');
    await page.waitForSelector('.md-sidebar--primary', { visible: true });
  });
}

async function main() {
  const root = siteArgument('usage: node audit.mjs SITE_DIR [--file] [--out FILE]');
  const fromDisk = process.argv.includes('--file');
  const outIndex = process.argv.indexOf('--out');
  const outFile = outIndex > 0 ? process.argv[outIndex + 1] : null;
  const exceptions = loadExceptions();
  // 404.html is for the web server only; from disk it is never shown (notfound.mjs opens it from disk too).
  const files = htmlFiles(root).filter((f) => !(fromDisk && f === '404.html'));

  const server = await startServer(root);
  const { browser, close } = await launchBrowser(server.port);
  // Where a built file is opened: from the test server, or straight from disk.
  const urlFor = (file) => (fromDisk ? pathToFileURL(path.join(root, file)).href : server.url(urlPathFor(file)));
  const labelFor = (url) => {
    const u = new URL(url);
    const base = fromDisk ? pathToFileURL(root + path.sep).pathname : server.prefix;
    return '/' + decodeURIComponent(u.pathname).slice(decodeURIComponent(base).length).replace(/^\//, '') + u.search + u.hash;
  };
  const summary = {
    site: root,
    mode: fromDisk ? 'file' : 'http',
    axe_version: axe.version,
    tags: TAGS,
    exceptions: exceptions.map((e) => ({ id: e.id, targets: e.targets || 'all', justification: e.justification })),
    pages: 0,
    states: 0,
    violations: [],
    violation_count: 0,
    external_requests: [],
    browser_requests: [],
    incomplete: {},
    http_errors: [],
    state_errors: [],
    page_errors: [],
    audited: [],
  };
  let current = '(browser)';
  const label = () => current;
  const drainProxy = () => {
    for (const r of server.external.splice(0)) {
      (isBrowserInternal(r) ? summary.browser_requests : summary.external_requests).push({ page: current, ...r });
    }
  };

  try {
    const page = await browser.newPage();
    await guardRequests(page, fromDisk ? 'file:' : server.origin, summary.external_requests, label);
    collectErrors(page, summary.page_errors, label);

    const audit = async (name) => {
      await settle(page);
      const result = await runAxe(page, exceptions);
      summary.violations.push(...summarise(result, name, exceptions));
      for (const item of result.incomplete) {
        summary.incomplete[item.id] = (summary.incomplete[item.id] || 0) + item.nodes.length;
      }
    };

    for (const file of files) {
      const urlPath = fromDisk ? '/' + file : urlPathFor(file);
      current = urlPath;
      const response = await page.goto(urlFor(file), { waitUntil: 'networkidle0', timeout: 60000 });
      const status = fromDisk ? (response ? 200 : 0) : response?.status();
      if (status !== 200) summary.http_errors.push({ page: urlPath, status });
      await audit(urlPath);
      drainProxy();
      summary.pages += 1;
      summary.audited.push(urlPath);
    }

    // Interactive states of Material's interface, audited too; skipped for a site without Material's search.
    await auditStates(page, { urlFor, labelFor, state: async (name, steps) => {
      current = name;
      try {
        await steps();
        await audit(current);
        summary.states += 1;
      } catch (error) {
        summary.state_errors.push({ state: name, error: String(error?.message || error).split('\n')[0] });
      }
      drainProxy();
    } });

    await page.close();
  } finally {
    current = '(browser)';
    await close();
    drainProxy();
    await server.close();
  }

  summary.violation_count = summary.violations.reduce((n, v) => n + v.nodes.length, 0);
  const json = JSON.stringify(summary, null, 2);
  if (outFile) writeFileSync(outFile, json + '\n');
  process.stdout.write(json + '\n');
  const failed = summary.violations.length || summary.external_requests.length
    || summary.http_errors.length || summary.state_errors.length;
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error?.stack || String(error));
    process.exit(3);
  });
}
