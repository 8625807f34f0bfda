#!/usr/bin/env node
// The whole built site in one browser: one Chromium, one local server, every page visited once per
// viewport, and every page-level check run on that visit. tests/test_browser.py runs it once per test
// run (a session fixture) and each test reads its part of the report.
//
//   node tests/browser/walk.mjs SITE_DIR [--out FILE] [--only PART,PART]
//
// Visits (each page once per row):
//   390 x 844, mobile emulation, http   tables (tables.mjs), guide answers and answer kinds (guide.mjs),
//                                        the page checks in checks/*.mjs that ask for 390
//   768 x 900, from disk (file://)       axe + requests (audit.mjs --file, the offline copy; 404.html is
//                                        left out as it is only ever shown by a server), tables
//   1366 x 900, http                     axe + requests (audit.mjs), tables, guide answers
// On every visit the injection sentinel (injection.mjs) is installed before the page's scripts: a
// script that sets window.__pwned or opens a dialog on the real site is a finding too.
// Then the interactive parts, each in a tab of the same browser: the audited states (search open,
// result followed, drawer open; over http and from disk), the keyboard checks (keyboard.mjs), the
// deadline clock (frister.mjs) and the scenarios of checks/*.mjs.
// Prints and writes one JSON report {audit, audit_file, tables, guide, keyboard, frister, checks,
// scenarios, sentinel, seconds}; exits 0 when it ran (the Python tests judge the parts), 2 on bad usage,
// 3 when the run itself failed.

import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import axe from 'axe-core';
import { auditStates, loadExceptions, runAxe, summarise, TAGS } from './audit.mjs';
import {
  collectErrors, guardRequests, htmlFiles, isBrowserInternal, launchBrowser, settle, siteArgument, startServer, urlPathFor,
} from './common.mjs';
import { runFrister } from './frister.mjs';
import { GUIDE_WIDTHS, inspectAnswers, inspectKinds, isGuidePage } from './guide.mjs';
import { sentinel } from './injection.mjs';
import { runKeyboard } from './keyboard.mjs';
import { inspectTables, TOLERANCE, newWidthSummary, recordTables } from './tables.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VIEWPORTS = [
  { name: '390', viewport: { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 }, mode: 'http' },
  { name: '768', viewport: { width: 768, height: 900 }, mode: 'file' },
  { name: '1366', viewport: { width: 1366, height: 900 }, mode: 'http' },
];
const AXE_AT = { http: '1366', file: '768' };
// The deadline clock: the pages and instants tests/test_deadline_clock.py reads.
const FRISTER_PAGES = ['/', '/tidsfrister/', '/avtal/psykisk-halsa-2026.html'];
const FRISTER_CLOCKS = ['2026-03-21T10:00:00Z', '2026-03-30T22:30:00Z', '2026-04-01T10:00:00Z'];

const option = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : null;
};

/** The page checks of checks/*.mjs: {name, widths, applies(file), check(page, ctx), scenarios?}. */
async function loadChecks() {
  const folder = path.join(HERE, 'checks');
  let names = [];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.mjs')).sort();
  } catch {
    return [];
  }
  const checks = [];
  for (const file of names) {
    const module = await import(pathToFileURL(path.join(folder, file)).href);
    checks.push({ name: file.replace(/\.mjs$/, ''), widths: module.widths || [], applies: module.applies || (() => true), check: module.check, scenarios: module.scenarios });
  }
  return checks;
}

function emptyAudit(mode) {
  return {
    mode, axe_version: axe.version, tags: TAGS, exceptions: [], pages: 0, states: 0, violations: [], violation_count: 0,
    external_requests: [], browser_requests: [], incomplete: {}, http_errors: [], state_errors: [], page_errors: [], audited: [],
  };
}

async function main() {
  const root = siteArgument('usage: node walk.mjs SITE_DIR [--out FILE] [--only PART,PART]');
  const outFile = option('--out');
  const only = option('--only')?.split(',') || null;
  const wanted = (part) => !only || only.includes(part);
  const started = Date.now();
  const exceptions = loadExceptions();
  const checks = await loadChecks();
  const files = htmlFiles(root);

  const report = {
    site: root,
    audit: emptyAudit('http'),
    audit_file: emptyAudit('file'),
    tables: { ok: false, pages: files.length, pages_per_width: {}, widths: {}, problems: [], external_requests: [] },
    guide: { widths: {}, kinds: {}, kinds_distinct_without_colour: false, pages: [], external_requests: [] },
    checks: Object.fromEntries(checks.map((c) => [c.name, { widths: c.widths, pages: 0, problems: [] }])),
    scenarios: {},
    sentinel: { pages: 0, hits: [] },
    keyboard: null,
    frister: null,
    seconds: {},
  };
  for (const audit of [report.audit, report.audit_file]) {
    audit.exceptions = exceptions.map((e) => ({ id: e.id, targets: e.targets || 'all', justification: e.justification }));
  }

  const server = await startServer(root);
  const { browser, close } = await launchBrowser(server.port);
  let current = '(browser)';
  const label = () => current;
  const drainProxy = (audit) => {
    for (const r of server.external.splice(0)) {
      (isBrowserInternal(r) ? audit.browser_requests : audit.external_requests).push({ page: current, ...r });
    }
  };
  const time = async (name, work) => {
    const t = Date.now();
    try {
      return await work();
    } finally {
      report.seconds[name] = (report.seconds[name] || 0) + (Date.now() - t) / 1000;
    }
  };

  try {
    // --- every page, once per viewport -------------------------------------------------------------
    if (wanted('pages')) {
      for (const { name, viewport, mode } of VIEWPORTS) {
        await time(`pages ${name}`, async () => {
          const fromDisk = mode === 'file';
          const audit = fromDisk ? report.audit_file : report.audit;
          const withAxe = AXE_AT[mode] === name;
          const page = await browser.newPage();
          await page.setViewport(viewport);
          await page.evaluateOnNewDocument(sentinel);
          page.on('dialog', (dialog) => {
            report.sentinel.hits.push({ page: current, kind: 'dialog', detail: dialog.type() });
            dialog.dismiss().catch(() => {});
          });
          // Requests leaving the site count against the audit of this mode (tables and guide share the visit).
          await guardRequests(page, fromDisk ? 'file:' : server.origin, audit.external_requests, label);
          collectErrors(page, audit.page_errors, label);
          const tables = newWidthSummary();
          report.tables.widths[name] = tables;
          const visited = fromDisk ? files.filter((f) => f !== '404.html') : files;
          report.tables.pages_per_width[name] = visited.length;
          for (const file of visited) {
            const urlPath = fromDisk ? '/' + file : urlPathFor(file);
            current = urlPath;
            const url = fromDisk ? pathToFileURL(path.join(root, file)).href : server.url(urlPath);
            // Loaded, then no request for 150 ms: every request the page makes is seen (networkidle0 waits 500 ms).
            const response = await page.goto(url, { waitUntil: 'load', timeout: 60000 });
            await page.waitForNetworkIdle({ idleTime: 150, timeout: 30000 }).catch(() => {});
            const status = fromDisk ? (response ? 200 : 0) : response?.status();
            if (withAxe && status !== 200) audit.http_errors.push({ page: urlPath, status });
            await settle(page).catch(() => {});
            report.sentinel.pages += 1;
            const hits = await page.evaluate(() => window.__pwnHits?.splice(0) || []);
            for (const hit of hits) report.sentinel.hits.push({ page: `${urlPath} [${name}]`, ...hit });
            if (withAxe) {
              const result = await runAxe(page, exceptions);
              audit.violations.push(...summarise(result, urlPath, exceptions));
              for (const item of result.incomplete) audit.incomplete[item.id] = (audit.incomplete[item.id] || 0) + item.nodes.length;
              audit.pages += 1;
              audit.audited.push(urlPath);
            }
            recordTables(report.tables, tables, name, urlPath, await page.evaluate(inspectTables, TOLERANCE));
            if (GUIDE_WIDTHS.includes(Number(name)) && isGuidePage(file)) {
              const found = await page.evaluate(inspectAnswers);
              const summary = report.guide.widths[name] ||= { answers: 0, quotes: 0, problems: [], page_overflow_px: 0 };
              summary.answers += found.answers;
              summary.quotes += found.quotes;
              summary.problems.push(...found.problems.map((p) => ({ page: urlPath, ...p })));
              summary.page_overflow_px = Math.max(summary.page_overflow_px, found.page_overflow_px);
              if (name === String(GUIDE_WIDTHS[0])) {
                report.guide.pages.push(urlPath);
                for (const [kind, painted] of Object.entries(await page.evaluate(inspectKinds))) report.guide.kinds[kind] ||= painted;
              }
            }
            for (const c of checks) {
              if (!c.check || !c.widths.includes(Number(name)) || !c.applies(file)) continue;
              report.checks[c.name].pages += 1;
              const problems = await c.check(page, { file, width: Number(name), server });
              report.checks[c.name].problems.push(...problems.map((p) => ({ page: urlPath, width: Number(name), ...p })));
            }
            if (withAxe) drainProxy(audit);
          }
          await page.close();
        });
      }
      const signatures = Object.values(report.guide.kinds).map((k) => `${k.sign}|${k.border}`);
      report.guide.kinds_distinct_without_colour = signatures.length > 0 && new Set(signatures).size === signatures.length;
      report.guide.external_requests = report.audit.external_requests;
      report.tables.external_requests = [...report.audit.external_requests, ...report.audit_file.external_requests];
      report.tables.ok = report.tables.problems.length === 0 && report.tables.external_requests.length === 0;
    }

    // --- interactive states, audited (search open, result followed, drawer open) --------------------
    if (wanted('states')) {
      for (const audit of [report.audit, report.audit_file]) {
        await time(`states ${audit.mode}`, async () => {
          const fromDisk = audit.mode === 'file';
          const page = await browser.newPage();
          await guardRequests(page, fromDisk ? 'file:' : server.origin, audit.external_requests, label);
          collectErrors(page, audit.page_errors, label);
          const urlFor = (file) => (fromDisk ? pathToFileURL(path.join(root, file)).href : server.url(urlPathFor(file)));
          const labelFor = (url) => {
            const u = new URL(url);
            const base = fromDisk ? pathToFileURL(root + path.sep).pathname : server.prefix;
            return '/' + decodeURIComponent(u.pathname).slice(decodeURIComponent(base).length).replace(/^\//, '') + u.search + u.hash;
          };
          await auditStates(page, {
            urlFor,
            labelFor,
            state: async (stateName, steps) => {
              current = stateName;
              try {
                await steps();
                await settle(page);
                const result = await runAxe(page, exceptions);
                audit.violations.push(...summarise(result, stateName, exceptions));
                audit.states += 1;
              } catch (error) {
                audit.state_errors.push({ state: stateName, error: String(error?.message || error).split('\n')[0] });
              }
              drainProxy(audit);
            },
          });
          await page.close();
        });
      }
    }

    // --- keyboard, deadline clock, scenarios of the checks -------------------------------------------
    if (wanted('keyboard')) report.keyboard = await time('keyboard', () => runKeyboard({ browser, server }));
    if (wanted('frister')) report.frister = await time('frister', () => runFrister({ browser, server, pages: FRISTER_PAGES, clocks: FRISTER_CLOCKS }));
    if (wanted('scenarios')) {
      for (const c of checks.filter((x) => x.scenarios)) {
        report.scenarios[c.name] = await time(`scenarios ${c.name}`, () => c.scenarios({ browser, server, root }));
      }
    }
  } finally {
    current = '(browser)';
    await close();
    drainProxy(report.audit);
    await server.close();
  }
  for (const audit of [report.audit, report.audit_file]) audit.violation_count = audit.violations.reduce((n, v) => n + v.nodes.length, 0);
  report.seconds.total = (Date.now() - started) / 1000;
  const json = JSON.stringify(report, null, 2);
  if (outFile) writeFileSync(outFile, json + '\n');
  process.stdout.write(json + '\n');
  process.stderr.write(`walk: ${Object.entries(report.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}\n`);
}

main().catch((error) => {
  console.error(error?.stack || String(error));
  process.exit(3);
});
