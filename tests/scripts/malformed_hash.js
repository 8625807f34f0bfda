// Runs a page script of docs/assets/ in Node with a minimal stand-in for the page (no browser), its location
// hash set to a malformed percent-escape; then fires "hashchange". Prints "ok", or the error that escaped.
// Usage: node malformed_hash.js <script.js> <hash>
"use strict";
const fs = require("fs");
const vm = require("vm");
const [script, hash] = process.argv.slice(2);
const listeners = {};
const element = { closest: () => null, querySelector: () => null, querySelectorAll: () => [] };
const sandbox = {
  location: { hash },
  document: {
    readyState: "complete",
    querySelector: () => element,  // as if the page had what the script looks for
    querySelectorAll: () => [],
    getElementById: () => null,
    addEventListener: () => {},
  },
  window: { addEventListener: (type, fn) => { (listeners[type] = listeners[type] || []).push(fn); } },
  Intl, Date, Math, Number,
};
let uncaught = null;
try {
  vm.runInNewContext(fs.readFileSync(script, "utf8"), sandbox, { filename: script });
  (listeners.hashchange || []).forEach((fn) => fn());
} catch (error) {
  uncaught = error;
}
process.stdout.write(uncaught ? `${uncaught.name}: ${uncaught.message}\n` : "ok\n");
