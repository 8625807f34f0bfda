/* Swedish queries for Material's search worker (generator/search.py appends Material's worker
 * to this file at build time, search-sv-full.js, which the small worker the pages start (search_loader.js)
 * loads on the first query; Material's code runs unchanged).
 *
 * Why: Material adds a trailing wildcard to every query word, and lunr runs neither the stop word
 * filter nor the stemmer on wildcard terms. The index is stemmed (mkdocs.yml: pipeline), so
 * "resor*" never meets the indexed stem "res", and a required stop word ("får inte", in quotes)
 * matches nothing. So each message is adapted on its way in and out:
 * - in:  every plain query word is sent twice, as typed (Material makes it a prefix: "rekvis" finds
 *        "rekvisition") and as "word^1" (no wildcard: lunr stems it as it stemmed the index, so
 *        "resor" finds "resa"); stop words are dropped unless the query is nothing else; words the
 *        user wrote with lunr syntax (+word, -word, word*, field:word) pass unchanged;
 * - out: a result holding the typed phrase word for word comes first (quoted, or unquoted with a
 *        stop word in it: "får inte"), then a page whose title or address holds a year from the query; each result says
 *        which of the user's own words it contains (Material's list would name the added variants);
 *        the hidden search fields are not sent to the page.
 */
(function () {
  "use strict";
  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var HIDDEN_FIELDS = ["keywords", "synonyms"];
  var PLAIN = /^[\p{L}\p{N}][\p{L}\p{N}.\-]*$/u;
  var YEAR = /^(19|20)\d\d$/;
  var documents = {};   /* location -> the document as indexed (results carry only highlighted excerpts) */
  var asked = [];   /* the user's words of each query in flight; the worker answers in order */

  /* Question words that lunr's Swedish list lacks: "får" begins half of all questions ("får jag …?")
     and is in most rules, so as a search word it only adds noise. */
  var QUESTION_WORDS = ["får"];

  function isStopWord(word) {
    var filter = self.lunr && self.lunr.sv && self.lunr.sv.stopWordFilter;
    var lower = word.toLowerCase();
    return QUESTION_WORDS.indexOf(lower) !== -1 || (Boolean(filter) && !filter(new self.lunr.Token(lower)));
  }

  var stems = Object.create(null);   /* word -> stem; ranking stems the same words on every keystroke */

  function stem(word) {
    var lower = word.toLowerCase();
    if (!(lower in stems)) {
      var stemmer = self.lunr && self.lunr.sv && self.lunr.sv.stemmer;
      var token = new self.lunr.Token(lower);
      stems[lower] = stemmer ? stemmer(token).toString() : token.toString();
    }
    return stems[lower];
  }

  /* The query as the user wrote it, split into quoted phrases and words. */
  function parts(query) {
    var found = [];
    var pattern = /"([^"]*)"|(\S+)/g;
    var match;
    while ((match = pattern.exec(query)) !== null) {
      if (match[1] !== undefined) found.push({ phrase: match[1].split(/\s+/).filter(Boolean) });
      else found.push({ word: match[2] });
    }
    return found;
  }

  function adaptQuery(query) {
    var all = parts(query);
    var words = [];
    all.forEach(function (part) { words = words.concat(part.phrase || [part.word]); });
    var meaningful = words.filter(function (w) { return PLAIN.test(w) && !isStopWord(w); });
    var dropStopWords = meaningful.length > 0;
    var out = [];
    all.forEach(function (part) {
      if (part.phrase) {
        var kept = part.phrase.filter(function (w) { return !(dropStopWords && isStopWord(w)); });
        if (kept.length) out.push('"' + kept.join(" ") + '"');
      } else if (!PLAIN.test(part.word)) {
        out.push(part.word);
      } else if (!(dropStopWords && isStopWord(part.word))) {
        out.push(part.word, part.word + "^1");
      }
    });
    var phrases = all.map(function (part) { return (part.phrase || []).join(" ").toLowerCase(); });
    /* Unquoted, the whole query counts as a phrase only if it holds a stop word ("får inte", "skriva ut"):
       the words lunr cannot see are what make it a phrase. */
    if (!all.some(function (part) { return part.phrase; }) && words.some(isStopWord))
      phrases.push(words.join(" ").toLowerCase());
    asked.push({
      words: meaningful.length ? meaningful : words.filter(function (w) { return PLAIN.test(w); }),
      phrases: phrases,
    });
    return out.join(" ");
  }

  /* Per document, computed once: results name the same documents on every keystroke. */
  var texts = Object.create(null);

  function textsOf(item) {
    var key = item.location;
    if (!(key in texts)) {
      var doc = documents[key] || item;
      var plain = function (fields) {
        return fields.filter(Boolean).join(" ").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").toLowerCase();
      };
      var all = plain([doc.title, doc.text, doc.keywords, doc.synonyms]);
      texts[key] = {
        title: plain([doc.title]),
        visible: plain([doc.title, doc.text]),
        all: all,
        tokens: all.split(self.lunr.tokenizer.separator).filter(Boolean),
      };
    }
    return texts[key];
  }

  /* Does the item hold the word: as a prefix of one of its words (Material's wildcard) or in the same stem. */
  function holds(tokens, word) {
    var lower = word.toLowerCase();
    var wanted = stem(lower);
    return tokens.some(function (token) {
      return token.indexOf(lower) === 0 || (token.charAt(0) === lower.charAt(0) && stem(token) === wanted);
    });
  }

  function adaptItem(item, words) {
    if (Object.keys(item.terms || {}).length) {
      var tokens = textsOf(item).tokens;
      var terms = {};
      words.forEach(function (word) { terms[word] = holds(tokens, word); });
      item.terms = terms;
    }
    HIDDEN_FIELDS.forEach(function (field) { delete item[field]; });
    return item;
  }

  /* Ranks groups (one per page) by tiers, keeping Material's order within a tier:
     1. a phrase the user typed (two words or more, see adaptQuery) stands word for word in an item:
        those groups first, a phrase in a title before one in a text before one in the hidden words,
        and of texts the shortest (most specific) first;
     then a page the site demotes (search.boost below 1: change log, coverage maps, content schema) after the others;
     2. a page whose results hold all the user's words before one that lacks some (Material ranks any word;
        "öppna data" would otherwise find "dataskydd" first);
     3. a page whose title or address holds a year from the query. */
  function rank(groups, query) {
    var phrases = query.phrases.filter(function (p) { return p.indexOf(" ") !== -1; });
    var years = query.words.filter(function (w) { return YEAR.test(w); });
    /* 0: the phrase is in the item's title; 1 to 2: in its visible text, the shortest (most specific)
       first; 3: only in its hidden search words (a synonym such as "ladda ner"). */
    function phraseHit(item) {
      function has(text) {   /* whole words: "skriva ut" is not in "skriva utbildningsmaterial" */
        var words = " " + text.replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
        return phrases.some(function (p) { return words.indexOf(" " + p.replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ") !== -1; });
      }
      var text = textsOf(item);
      if (has(text.title)) return 0;
      if (has(text.visible)) return 1 + text.visible.length / 1e9;
      return has(text.all) ? 3 : Infinity;
    }
    function ofYear(group) {
      var page = group[0];
      return years.some(function (year) {
        return page.location.indexOf(year) !== -1 || page.title.replace(/<[^>]*>/g, "").indexOf(year) !== -1;
      });
    }
    function demoted(group) {   /* pages with search.boost below 1 (change log, coverage maps) after the topic pages */
      var doc = documents[group[0].location] || group[0];
      return typeof doc.boost === "number" && doc.boost < 1 ? 1 : 0;
    }
    function missing(group) {   /* over the page's matching sections together */
      var tokens = [].concat.apply([], group.map(function (item) { return textsOf(item).tokens; }));
      return query.words.filter(function (word) { return !holds(tokens, word); }).length;
    }
    var keyed = groups.map(function (group, order) {
      var lengths = group.map(phraseHit);
      var best = Math.min.apply(null, lengths);
      if (best !== Infinity) {
        var at = lengths.indexOf(best);
        group = [group[at]].concat(group.slice(0, at), group.slice(at + 1));
      }
      return { group: group, phrase: best, demoted: demoted(group), missing: missing(group), year: ofYear(group) ? 0 : 1, order: order };
    });
    function compare(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
    keyed.sort(function (a, b) {
      return compare(a.phrase, b.phrase) || compare(a.demoted, b.demoted) || compare(a.missing, b.missing) || compare(a.year, b.year) || compare(a.order, b.order);
    });
    return keyed.map(function (k) { return k.group; });
  }

  function adaptResult(data, query) {
    data.items = rank(data.items, query).map(function (group) {   /* rank first: it reads the hidden fields */
      return group.map(function (item) { return adaptItem(item, query.words); });
    });
    return data;
  }

  /* Material sends a query per keystroke and renders every answer. Only the newest waiting query is
     answered: older answers would replace the list, and the focus in it, after the user moved on. */
  var waiting = null;

  function answerNewest(listener) {
    var message = waiting;
    waiting = null;
    listener({ data: { type: QUERY, data: adaptQuery(message.data) }, type: "message" });
  }

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP)
        message.data.docs.forEach(function (doc) { documents[doc.location] = doc; });
      if (message && message.type === QUERY && typeof message.data === "string") {
        if (waiting === null) setTimeout(answerNewest, 0, listener);
        waiting = message;
        return undefined;
      }
      return listener(event);
    }, options);
  };

  var post = self.postMessage.bind(self);
  self.postMessage = function (message, transfer) {
    if (message && message.type === RESULT && asked.length)
      message = { type: RESULT, data: adaptResult(message.data, asked.shift()) };
    return transfer === undefined ? post(message) : post(message, transfer);
  };
})();
