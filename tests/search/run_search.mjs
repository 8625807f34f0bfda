#!/usr/bin/env node
// Run Material for MkDocs' own search worker over a built site's search index.
//
// Usage:
//   node tests/search/run_search.mjs SITE_DIR [--details] < queries.json
//   node tests/search/run_search.mjs SITE_DIR '["3.2.4", "alkohol"]'
//
// SITE_DIR is a built MkDocs site (the folder holding search/search_index.json
// and the search worker its pages name). The queries are a JSON list
// of strings, given as the second argument or on stdin.
//
// Output (stdout, JSON): {"query": ["location", ...], ...} with the locations
// in the order the worker returns them: result groups (one per page, best
// group first), and within a group the items as the worker sorted them (by
// score; a page added only to complete its group comes last, score 0). The
// first location is therefore the best-scoring document overall.
// With --details each location is replaced by {location, title, score, terms, text}: terms are the
// query words the result says it holds (true) or lacks (false; Material shows those as "Saknas: …"),
// text is the preview Material shows (HTML, with its <mark> highlights).
//
// Nothing here re-implements search: the worker bundle shipped in the build
// (lunr, Material's tokenizer, query transform and post-query boosts) runs
// unmodified in a vm context that stands in for a Web Worker global scope.
// The lunr-languages files are loaded through the worker's own importScripts
// calls, resolved against the worker's location as a browser would.

import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

// Message types, from Material's SearchMessageType (worker/message/index.ts).
const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

function fail(message) {
  process.stderr.write(`run_search: ${message}\n`);
  process.exit(2);
}

function readQueries(argument) {
  const text = argument !== undefined ? argument : fs.readFileSync(0, "utf8");
  let queries;
  try {
    queries = JSON.parse(text);
  } catch (err) {
    fail(`queries are not valid JSON: ${err.message}`);
  }
  if (!Array.isArray(queries) || !queries.every((q) => typeof q === "string"))
    fail("queries must be a JSON list of strings");
  return queries;
}

// The worker the site's pages start: the "search" entry of the __config script in index.html
// (the site's Swedish adapter in front of Material's worker, see generator/search.py).
function findWorker(siteDir) {
  const page = fs.readFileSync(path.join(siteDir, "index.html"), "utf8");
  const match = page.match(/<script id="__config" type="application\/json">([\s\S]*?)<\/script>/);
  if (!match) fail("index.html has no __config script");
  const worker = path.join(siteDir, JSON.parse(match[1]).search);
  if (!fs.existsSync(worker)) fail(`the worker named in __config does not exist: ${worker}`);
  return worker;
}

// A minimal Web Worker global scope. Only what the worker and the
// lunr-languages files touch: self, importScripts, addEventListener,
// onmessage, postMessage and console.
function createWorkerScope(workerFile, siteDir) {
  const listeners = [];
  const outbox = [];
  const waiting = [];
  const siteRoot = path.resolve(siteDir) + path.sep;
  const scope = {
    console,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    addEventListener(type, listener) {
      if (type === "message") listeners.push(listener);
    },
    removeEventListener(type, listener) {
      const at = listeners.indexOf(listener);
      if (type === "message" && at !== -1) listeners.splice(at, 1);
    },
    postMessage(message) {
      // Copy out of the vm context, as structured cloning would.
      const copy = JSON.parse(JSON.stringify(message));
      const resolve = waiting.shift();
      if (resolve) resolve(copy);
      else outbox.push(copy);
    },
    importScripts(...urls) {
      // Synchronous, like the real importScripts; relative URLs are resolved
      // against the worker script's location and must stay inside the site.
      for (const url of urls) {
        const file = path.resolve(path.dirname(workerFile), url);
        if (!file.startsWith(siteRoot)) throw new Error(`importScripts outside the site: ${url}`);
        if (!fs.existsSync(file)) throw new Error(`importScripts: not found: ${url} (${file})`);
        vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
        loaded.push(path.relative(siteDir, file));
      }
    },
  };
  const loaded = [];
  scope.self = scope;
  const context = vm.createContext(scope);
  vm.runInContext(fs.readFileSync(workerFile, "utf8"), context, { filename: workerFile });

  return {
    loaded,
    send(message) {
      const event = { data: message, type: "message" };
      const received = new Promise((resolve) => {
        if (outbox.length) resolve(outbox.shift());
        else waiting.push(resolve);
      });
      if (typeof scope.onmessage === "function") scope.onmessage(event);
      for (const listener of listeners) listener(event);
      if (!listeners.length && typeof scope.onmessage !== "function")
        throw new Error("the worker registered no message handler");
      return received;
    },
  };
}

function withTimeout(promise, what, ms = 60000) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  const args = process.argv.slice(2);
  const details = args.includes("--details");
  const positional = args.filter((a) => a !== "--details");
  if (positional.length < 1) fail("usage: run_search.mjs SITE_DIR [QUERIES_JSON] [--details]");
  const siteDir = path.resolve(positional[0]);
  const queries = readQueries(positional[1]);

  const indexFile = path.join(siteDir, "search", "search_index.json");
  if (!fs.existsSync(indexFile)) fail(`no search index: ${indexFile}`);
  const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));

  const worker = createWorkerScope(findWorker(siteDir), siteDir);

  // As setupSearchWorker() in Material's bundle does: config and docs from the
  // index as-is, plus options (search.suggest is not enabled in mkdocs.yml).
  const ready = await withTimeout(
    worker.send({ type: SETUP, data: { config: index.config, docs: index.docs, options: { suggest: false } } }),
    "the ready message",
  );
  if (ready.type !== READY) fail(`expected a ready message (type ${READY}), got ${JSON.stringify(ready)}`);

  const output = {};
  for (const query of queries) {
    const result = await withTimeout(worker.send({ type: QUERY, data: query }), `the result of ${JSON.stringify(query)}`);
    if (result.type !== RESULT) fail(`expected a result message (type ${RESULT}), got type ${result.type}`);
    const items = result.data.items.flat();
    output[query] = details
      ? items.map(({ location, title, score, terms, text }) => ({ location, title: title.replace(/<[^>]*>/g, ""), score, terms, text }))
      : items.map((item) => item.location);
  }
  if (details) output["__loaded_scripts__"] = worker.loaded;
  process.stdout.write(JSON.stringify(output, null, 1) + "\n");
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
