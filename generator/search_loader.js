/* The search worker the pages start (generator/search.py writes it as search-sv.js): small, so that a
 * first visit downloads neither the search index nor the search code (issue 23: a light first view).
 *
 * Material starts the worker on every page and, over HTTP, sends it the index at once. The site's
 * search/search_index.json (what Material fetches) therefore holds only the index's config; this
 * loader answers that setup as ready, and on the first query loads the real index
 * (search/search_index_full.js) and the real worker (search-sv-full.js: the Swedish adapter in front
 * of Material's worker), hands the real worker the setup with the real documents, and passes it the
 * queries once it is ready. From a folder (file://), Material's iframe stand-in for a worker loads
 * scripts with script tags relative to the page, so the addresses are made absolute there.
 */
(function () {
  "use strict";
  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var WORKER = "search-sv-full.js";
  var INDEX = "../../../search/search_index_full.js";

  var post = self.postMessage.bind(self);
  var listen = self.addEventListener.bind(self);
  var listeners = [];   /* the real worker's message listeners, called by this loader */
  var setup = null;     /* Material's setup message: its config, and the real documents once loaded */
  var state = "idle";   /* idle → loading → ready */
  var queued = [];

  /* In a real worker relative addresses resolve against this script; in the iframe against the page. */
  function address(relative) {
    var script = self.document && self.document.querySelector("script[src]");
    return script ? new URL(relative, script.src).href : relative;
  }

  function deliver(message) {
    listeners.forEach(function (listener) { listener({ data: message, type: "message" }); });
  }

  function flush() {
    var waiting = queued;
    queued = [];
    waiting.forEach(deliver);
  }

  /* The real worker registers its listeners here, and its "ready" ends the loading (the pages had theirs). */
  self.addEventListener = function (type, listener, options) {
    if (type === "message") listeners.push(listener);
    else listen(type, listener, options);
  };
  self.postMessage = function (message, transfer) {
    if (message && message.type === READY) {
      state = "ready";
      flush();
      return undefined;
    }
    return transfer === undefined ? post(message) : post(message, transfer);
  };

  function load() {
    state = "loading";
    /* importScripts is synchronous in a worker; the iframe stand-in returns a promise. */
    Promise.resolve(importScripts(address(INDEX)))
      .then(function () { return importScripts(address(WORKER)); })
      .then(function () {
        var index = self.__searchIndex;
        deliver({ type: SETUP, data: { config: index.config, docs: index.docs, options: setup.data.options } });
      });
  }

  listen("message", function (event) {
    var message = event.data;
    if (message && message.type === SETUP) {
      setup = message;
      post({ type: READY });
      return;
    }
    if (state === "ready") {
      deliver(message);
      return;
    }
    /* Over HTTP Material sends the empty query as soon as the worker is ready: nothing to search yet
       (Material's worker answers it with no items too). */
    if (message && message.type === QUERY && !String(message.data).trim()) {
      post({ type: RESULT, data: { items: [] } });
      return;
    }
    queued.push(message);
    if (state === "idle") load();
  });
})();
