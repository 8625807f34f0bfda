// Shared by audit.mjs and keyboard.mjs: a local static server for the built site, a recording
// "proxy" that answers every request Chromium tries to send off this machine, and the browser launch.
//
// Nothing leaves the machine: the page intercepts and aborts non-local requests, and the browser is
// told to send everything that is not loopback to the local recorder, which answers 403 itself.

import { createServer } from 'node:http';
import { pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.gz': 'application/gzip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

/** Every .html file under root, as site-relative paths with forward slashes, sorted. */
export function htmlFiles(root) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.html')) found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

/** The URL path under which a built file is reached: "a/b/index.html" -> "/a/b/", "404.html" -> "/404.html". */
export function urlPathFor(relative) {
  if (relative === 'index.html') return '/';
  if (relative.endsWith('/index.html')) return '/' + relative.slice(0, -'index.html'.length);
  return '/' + relative;
}

/**
 * The path the site is published under, from the shortest <loc> of sitemap.xml
 * ("https://vard.test/overenskommelser/" -> "/overenskommelser/"); "/" without a sitemap (a build
 * without SITE_URL has none). The site works under any path; serving it under its own is the realistic case.
 */
export function basePath(root) {
  const sitemap = path.join(root, 'sitemap.xml');
  if (!existsSync(sitemap)) return '/';
  const locs = [...readFileSync(sitemap, 'utf8').matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1]);
  if (!locs.length) return '/';
  const shortest = locs.sort((a, b) => a.length - b.length)[0];
  try {
    const pathname = new URL(shortest).pathname;
    return pathname.endsWith('/') ? pathname : pathname.replace(/[^/]*$/, '');
  } catch {
    return '/';
  }
}

/**
 * Serve `root` on 127.0.0.1 at a random port under `base`, like a plain static host:
 * "/dir/" serves dir/index.html, "/dir" redirects to "/dir/", unknown paths get 404.html with status 404.
 * Requests in proxy form (absolute URL or CONNECT) are what Chromium sends for non-loopback hosts,
 * because it is launched with this server as its proxy: they are recorded in `external` and refused.
 */
// With `compress`, served as README asks of a real server: gzip for text, long caching for Material's hashed assets.
const COMPRESSED = new Set(['.html', '.css', '.js', '.mjs', '.json', '.map', '.xml', '.csv', '.ics', '.txt', '.svg']);
const HASHED = /\/assets\/.*\.[0-9a-f]{8}\.min\.(?:css|js)(?:\.map)?$/;

export async function startServer(root, prefix = basePath(root), { compress = false } = {}) {
  const base = path.resolve(root);
  const external = [];
  const server = createServer((req, res) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(req.url)) {
      external.push({ url: req.url, method: req.method, via: 'proxy' });
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('External request refused by the test server.\n');
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
    if (pathname === prefix.slice(0, -1) && prefix !== '/') {
      res.writeHead(301, { location: prefix });
      res.end();
      return;
    }
    const inside = pathname.startsWith(prefix);
    pathname = inside ? '/' + pathname.slice(prefix.length) : '/';
    let file = path.join(base, pathname);
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403);
      res.end();
      return;
    }
    let status = 200;
    if (!inside) {
      file = '';
    } else if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: prefix + pathname.slice(1) + '/' });
        res.end();
        return;
      }
      file = path.join(file, 'index.html');
    }
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
    const headers = { 'content-type': MIME[ext] || 'application/octet-stream', 'cache-control': 'no-store' };
    const gzip = compress && COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    if (compress) {
      headers['cache-control'] = HASHED.test(file.split(path.sep).join('/')) ? 'public, max-age=31536000, immutable' : 'max-age=300';
      headers.vary = 'Accept-Encoding';
    }
    if (gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(status, headers);
    if (req.method === 'HEAD') res.end();
    else pipeline(gzip ? [createReadStream(file), createGzip(), res] : [createReadStream(file), res], () => {});
  });
  server.on('connect', (req, socket) => {
    external.push({ url: `https://${req.url}/`, method: 'CONNECT', via: 'proxy' });
    // Chromium may reset a refused tunnel before the answer is written: an unhandled socket error would end the run.
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  // A page that navigates away aborts its requests; the connection reset is not a finding.
  server.on('clientError', (err, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    prefix,
    /** Absolute URL of a site-relative path such as "samverkansregler/" or "". */
    url: (relative = '') => origin + prefix + relative.replace(/^\//, ''),
    external,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}

/** Launch Debian's Chromium headless with a fresh profile; non-loopback traffic goes to `proxyPort`. */
export async function launchBrowser(proxyPort) {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'oks-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    defaultViewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--no-pings',
      '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,NetworkTimeServiceQuerying',
      // Everything not on loopback goes to the local recorder (loopback bypasses proxies by default),
      // and no host name is ever resolved through real DNS.
      `--proxy-server=http://127.0.0.1:${proxyPort}`,
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      '--lang=sv-SE',
    ],
  });
  const close = async () => {
    try { await browser.close(); } finally { rmSync(userDataDir, { recursive: true, force: true }); }
  };
  return { browser, close };
}

/**
 * Chromium's own background traffic, which none of the flags above switches off in Chromium 156
 * (account check of the Google sign-in, the component updater's manifest of on-device models).
 * It reaches the local recorder only, never the network, and is reported as `browser_requests`.
 * It only excuses requests that reached the recorder directly from the browser: a page or worker
 * request to the same hosts is caught by request interception first and counts as external.
 */
// Chromium's own background traffic (sign-in, updates, connectivity checks), never a page's request.
export const BROWSER_INTERNAL_HOSTS = ['accounts.google.com', 'update.googleapis.com', 'clients2.google.com', 'www.google.com', 'android.clients.google.com'];

export function isBrowserInternal(proxyRecord) {
  try {
    return BROWSER_INTERNAL_HOSTS.includes(new URL(proxyRecord.url).hostname);
  } catch {
    return false;
  }
}

/**
 * Intercept every request of `page`: the site itself (`origin`, the test server; or "file:" when the
 * site is opened from disk), data:, blob: and about: continue; anything else is recorded in `sink`
 * and aborted, so it never reaches the network.
 */
export async function guardRequests(page, origin, sink, label) {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    let local = false;
    try {
      const u = new URL(url);
      local = (origin === 'file:' ? u.protocol === 'file:' : u.origin === origin)
        || ['data:', 'blob:', 'about:'].includes(u.protocol);
    } catch {
      local = false;
    }
    if (local) {
      request.continue();
    } else {
      sink.push({ page: label(), url, type: request.resourceType(), via: 'page' });
      request.abort('blockedbyclient');
    }
  });
}

/** Remember console errors and uncaught exceptions of `page` (reported, not fatal). */
export function collectErrors(page, sink, label) {
  page.on('pageerror', (error) => sink.push({ page: label(), message: String(error?.message || error) }));
  page.on('console', (message) => {
    if (message.type() === 'error') sink.push({ page: label(), message: message.text() });
  });
}

export function siteArgument(usage) {
  const root = process.argv[2];
  if (!root || !existsSync(path.join(root, 'index.html'))) {
    console.error(usage);
    process.exit(2);
  }
  return path.resolve(root);
}

/** Wait until no finite CSS transition or animation is running (axe measures colours as painted). */
export async function settle(page, timeout = 5000) {
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    { timeout, polling: 50 },
  );
}
