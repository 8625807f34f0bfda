#!/usr/bin/env node
// Stem words with the Swedish stemmer the site's search runs (lunr-languages' lunr.sv, loaded from the built
// site): the same stems the worker's index and its match lists use. For tests/test_search.py, which checks
// the worker's match lists against the index's documents.
//
// Usage: node tests/search/stem_words.mjs SITE_DIR < words.json   → {"word": "stem", ...}

import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const site = path.resolve(process.argv[2]);
const workers = path.join(site, "assets", "javascripts", "workers");
const scope = { console };
scope.self = scope;
scope.addEventListener = () => {};
scope.postMessage = () => {};
scope.importScripts = () => {};
vm.createContext(scope);
// Material's worker (with the site's adapter in front) carries lunr itself; then the language files.
vm.runInContext(fs.readFileSync(path.join(workers, "search-sv-full.js"), "utf8"), scope);
for (const file of ["lunr.stemmer.support.min.js", "lunr.sv.min.js"])
  vm.runInContext(fs.readFileSync(path.join(site, "assets", "javascripts", "lunr", "min", file), "utf8"), scope);
const words = JSON.parse(fs.readFileSync(0, "utf8"));
const stems = {};
for (const word of words) stems[word] = scope.lunr.sv.stemmer(new scope.lunr.Token(word)).toString();
process.stdout.write(JSON.stringify(stems));
