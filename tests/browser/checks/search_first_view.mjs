// A light first view (issue 23): the start page loads neither the search index nor the search code
// until search is used, then search answers, over HTTP and from a folder (file://). Scenarios only.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const widths = [];

export function applies() {
  return false;
}

// What only searching may load: the index with its documents and the worker's search code.
const DEFERRED = [/\/search\/search_index_full\.js(\?|$)/, /\/workers\/search-sv-full\.js(\?|$)/];
const QUERY = 'alkohol';

async function searchOnce(browser, url) {
  const page = await browser.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  try {
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForNetworkIdle({ idleTime: 500 });
    // Time for a deferred load to show itself if something triggered it.
    await new Promise((r) => setTimeout(r, 500));
    const before = requested.filter((u) => DEFERRED.some((re) => re.test(u)));
    await page.click('.start-sok__knapp');
    await page.waitForSelector('.md-search__input', { visible: true, timeout: 5000 });
    await page.type('.md-search__input', QUERY);
    await page.waitForSelector('.md-search-result__item', { timeout: 20000 }).catch(() => {});
    const results = await page.$$eval('.md-search-result__item a[href]', (links) => links.map((a) => a.textContent.trim().slice(0, 60)));
    const after = DEFERRED.filter((re) => requested.some((u) => re.test(u))).length;
    return { before, after, results: results.length, first: results[0] || null };
  } finally {
    await page.close();
  }
}

export async function scenarios({ browser, server, root }) {
  const results = [];
  for (const [where, url] of [['http', server.url('')], ['file://', pathToFileURL(path.join(root, 'index.html')).href]]) {
    const name = `start page (${where}): no search index or search code before search is used, then "${QUERY}" finds results`;
    try {
      const seen = await searchOnce(browser, url);
      const ok = seen.before.length === 0 && seen.after === DEFERRED.length && seen.results > 0;
      results.push({ name, status: ok ? 'passed' : 'failed', detail: JSON.stringify(seen) });
    } catch (error) {
      results.push({ name, status: 'failed', detail: String(error?.message || error).split('\n')[0] });
    }
  }
  return results;
}
