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
 *        "resor" finds "resa"); a word of three letters or fewer only as "word^1" (not a prefix: "bok"
 *        must not find "bokning"); stop words are dropped unless the query is nothing else; words the
 *        user wrote with lunr syntax (+word, -word, word*, field:word) pass unchanged;
 * - out: the results are ranked in tiers (see rank) and each page's results reordered so that the
 *        first is the section that matches best, not the top of a long page; a result that holds none
 *        of the user's words by the rules below (lunr stems "boka" to "bok") is left out; each result
 *        says which of the user's own words it holds, over what it stands for (a section, or for a page's
 *        own result the whole page), by the same rules the query matched with (prefix, Swedish stem,
 *        synonym group) — Material's list would name the added variants and judge a page by its title;
 *        a guide answer's preview begins with its verdict (✓ Ja, ✗ Nej …); a query that finds nothing
 *        gets "Menade du …?" from the site's own words; the hidden search fields are not sent to the page.
 */
(function () {
  "use strict";
  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var HIDDEN_FIELDS = ["keywords", "synonyms", "verdict"];   /* not sent to the page (the verdict is shown in the text) */
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

  /* Words of SHORT letters or fewer are matched whole: not as a prefix, nor by stem (see quality). */
  var SHORT = 3;

  function isShort(word) { return word.length <= SHORT; }

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
        /* A short word is not a prefix: "bok" would find "bokning" (see SHORT). */
        if (isShort(part.word)) out.push(part.word + "^1");
        else out.push(part.word, part.word + "^1");
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

  function plain(fields) {
    return fields.filter(Boolean).join(" ").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").toLowerCase();
  }

  function textsOf(location) {
    if (!(location in texts)) {
      var doc = documents[location] || { location: location };
      var all = plain([doc.title, doc.text, doc.keywords, doc.synonyms]);
      var own = plain([doc.title, doc.text, doc.keywords]);
      texts[location] = {
        ownTokens: words(own),
        title: plain([doc.title]),
        titleTokens: words(plain([doc.title])),
        visible: plain([doc.title, doc.text]),
        all: all,
        tokens: words(all),
      };
    }
    return texts[location];
  }

  /* The words of a text as the index splits them, without the punctuation the split leaves on them
     ("kongress?" is the word "kongress"). */
  function words(text) {
    return unique(text.split(self.lunr.tokenizer.separator).map(function (token) {
      return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(Boolean));
  }

  function unique(list) {
    var seen = Object.create(null);
    return list.filter(function (x) { return seen[x] ? false : (seen[x] = true); });
  }

  /* A page's documents: its own (title and intro) and its sections (page.html#anchor). */
  var pages = null;

  function pageOf(location) { return location.split("#")[0]; }

  function pageTokens(page) {
    if (pages === null) {
      pages = Object.create(null);
      Object.keys(documents).forEach(function (location) {
        var key = pageOf(location);
        (pages[key] = pages[key] || { locations: [], tokens: null }).locations.push(location);
      });
    }
    var entry = pages[page];
    if (!entry) return textsOf(page).tokens;
    if (entry.tokens === null)
      entry.tokens = unique([].concat.apply([], entry.locations.map(function (l) { return textsOf(l).tokens; })));
    return entry.tokens;
  }

  /* What a result stands for: a section for itself, a page's own result (its group's head) for the whole page. */
  function scopeTokens(location) {
    return location.indexOf("#") === -1 ? pageTokens(location) : textsOf(location).tokens;
  }

  /* How a document holds a word, by the rules the query used (adaptQuery): 3 the word itself, 2 a word of the
     same Swedish stem, 1 a word it begins (Material's wildcard), 0 not at all. The hidden synonyms field counts:
     it holds the words of a synonym group as written. Words of SHORT letters or fewer are matched whole only:
     neither prefix nor stem ("bok" is not "boka", whose stem it is). A word with separators in it ("e-post")
     is held as its weakest part. */
  function quality(tokens, word) {
    var parts = word.toLowerCase().split(self.lunr.tokenizer.separator).filter(Boolean);
    if (!parts.length) return 0;
    return Math.min.apply(null, parts.map(function (part) { return partQuality(tokens, part); }));
  }

  function partQuality(tokens, lower) {
    if (tokens.indexOf(lower) !== -1) return 3;
    if (lower.length <= SHORT) return 0;
    var wanted = stem(lower);
    var best = 0;
    for (var i = 0; i < tokens.length && best < 2; i++) {
      var token = tokens[i];
      if (token.charAt(0) !== lower.charAt(0)) continue;
      if (stem(token) === wanted) best = 2;
      else if (token.indexOf(lower) === 0) best = 1;
    }
    return best;
  }

  function holds(tokens, word) { return quality(tokens, word) > 0; }

  /* How well a result matches the query on its own: the number of the user's words it holds, then how closely
     (the sum of quality: the typed word before its stem before a prefix). A page's own result counts its own
     title and intro here, not its sections: they are results of their own. */
  function match(item, userWords) {
    var text = textsOf(item.location);
    var held = 0;
    var titled = 0;
    var sum = 0;
    userWords.forEach(function (word) {
      /* A word only in the hidden synonym field counts as a stem: the field names a group's words because
         the document holds one of them, perhaps in another form ("gåvor" puts "gåva" and "present" there). */
      var q = Math.max(quality(text.ownTokens, word), Math.min(2, quality(text.tokens, word)));
      if (q > 0) held += 1;
      if (q > 0 && quality(text.titleTokens, word) > 0) titled += 1;
      sum += q;
    });
    return { held: held, titled: titled, quality: sum };   /* titled: how many of them its title holds */
  }

  /* The answer's badge (✓ Ja, ✗ Nej …; generator/search.py records it as `verdict`), in front of the preview
     when the preview (Material shows only the paragraphs that matched) does not begin with it. */
  function withVerdict(item) {
    var doc = documents[item.location];
    var verdict = doc && doc.verdict;
    if (!verdict || typeof item.text !== "string") return;
    var badge = '<span class="svar svar-' + escapeHtml(verdict.kind) + '">' + escapeHtml(verdict.label) + "</span>";
    var label = escapeHtml(verdict.label).replace(/\*/g, "&#42;");
    var opening = /^\s*<p>/.test(item.text) ? item.text.replace(/^\s*<p>/, "") : null;
    var shown = item.text.replace(/<[^>]*>/g, "").replace(/\s+/g, " ").trim();
    if (opening !== null && (opening.indexOf(verdict.label) === 0 || opening.indexOf(label) === 0)) {
      /* The preview begins with the answer's first paragraph: the badge is there as text; show it as the badge. */
      var length = opening.indexOf(verdict.label) === 0 ? verdict.label.length : label.length;
      item.text = "<p>" + badge + opening.slice(length);
    } else if (shown.indexOf(verdict.label) !== 0) {
      item.text = opening !== null ? "<p>" + badge + " " + opening : "<p>" + badge + "</p>" + item.text;
    }
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Which of the user's words the result holds (Material shows the others as "Saknas: …"), over what the result
     stands for (scopeTokens), by the rules the query matched with. Material's own list would name the query's
     added variants, and judge a page's head by its title alone. */
  function adaptItem(item, words) {
    if (Object.keys(item.terms || {}).length) {
      var tokens = scopeTokens(item.location);
      var terms = {};
      words.forEach(function (word) { terms[word] = holds(tokens, word); });
      item.terms = terms;
    }
    withVerdict(item);
    HIDDEN_FIELDS.forEach(function (field) { delete item[field]; });
    return item;
  }

  /* Ranks groups (one per page) by tiers, keeping Material's order within a tier:
     1. a phrase the user typed (two words or more, see adaptQuery) stands word for word in an item:
        those groups first, a phrase that is a title before one in a title before one in a text before one in
        the hidden words,
        and of texts the shortest (most specific) first;
     then a page the site demotes (search.boost below 1: change log, coverage maps, content schema; and the
     lists of the guide's entry page, whose sections name every question) after the others;
     2. with several words: a guide answer whose question (its title) holds two or more of them, the more the
        better ("Får företaget betala min resa till en kongress?" for "resa hotell kongress utomlands" before
        a neighbouring question whose title holds one); another title only if its result holds all the words;
     3. a page whose results hold all the user's words before one that lacks some (Material ranks any word;
        "öppna data" would otherwise find "dataskydd" first);
     4. a page whose title or address holds a year from the query;
     5. the page with the result that alone holds the most of the user's words;
     6. of those, the closest match: the typed word (3) before a word of its stem or a synonym (2) before a
        word it begins (1), summed over the words ("gåva" in a title before "gåvor" in a text);
     7. with several words: the result whose title holds more of them ("gåva bok": the gift answer);
     then Material's score of the best result that holds a word.
     Within a group, the results that match best come first (the same measures), so a search lands on the
     answer or clause: the page's own result (its top) leads only when no section holds as many words. */
  function rank(groups, query) {
    var phrases = query.phrases.filter(function (p) { return p.indexOf(" ") !== -1; });
    var years = query.words.filter(function (w) { return YEAR.test(w); });
    /* 0: the phrase is the item's title; 0.5: in its title; 1 to 2: in its visible text, the shortest (most
       specific) first; 3: only in its hidden search words (a synonym such as "ladda ner"). */
    function phraseHit(item) {
      if (!phrases.length) return Infinity;
      function is(text) {   /* the whole title: "Får jag …?" for "får jag" */
        var words = text.replace(/[^\p{L}\p{N}]+/gu, " ").trim();
        return phrases.some(function (p) { return words === p.replace(/[^\p{L}\p{N}]+/gu, " ").trim(); });
      }
      function has(text) {   /* whole words: "skriva ut" is not in "skriva utbildningsmaterial" */
        var words = " " + text.replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
        return phrases.some(function (p) { return words.indexOf(" " + p.replace(/[^\p{L}\p{N}]+/gu, " ").trim() + " ") !== -1; });
      }
      var text = textsOf(item.location);
      if (is(text.title)) return 0;
      if (has(text.title)) return 0.5;
      if (has(text.visible)) return 1 + text.visible.length / 1e9;
      return has(text.all) ? 3 : Infinity;
    }
    function ofYear(group) {
      var page = documents[pageOf(group[0].location)] || group[0];
      return years.some(function (year) {
        return page.location.indexOf(year) !== -1 || String(page.title).replace(/<[^>]*>/g, "").indexOf(year) !== -1;
      });
    }
    /* Weighted below 1: pages with search.boost below 1 (change log, coverage maps), and the sections of the
       guide's entry page that list its answers (generator/search.py: LIST_BOOST), after the topic pages. */
    function demoted(item) {
      var doc = documents[item.location] || item;
      return typeof doc.boost === "number" && doc.boost < 1 ? 1 : 0;
    }
    function missing(group) {   /* over the page's matching results together */
      var tokens = [].concat.apply([], group.map(function (item) { return textsOf(item.location).tokens; }));
      return query.words.filter(function (word) { return !holds(tokens, word); }).length;
    }
    function compare(x, y) { return x < y ? -1 : x > y ? 1 : 0; }
    var several = query.words.length > 1;
    var keyed = groups.map(function (group, order) {
      var items = group.map(function (item, at) {
        var m = match(item, query.words);
        /* asked: a guide answer whose question (its title) holds two or more of the user's words, or another
           title that does and whose result holds them all ("5.1 Prestationskrav … medlen 2025" lacks "rekvireras") */
        var answer = Boolean((documents[item.location] || {}).verdict);
        var asked = m.titled >= 2 && (answer || m.held === query.words.length) ? m.titled : 0;
        return { item: item, phrase: phraseHit(item), head: item.location.indexOf("#") === -1, held: m.held,
          asked: asked, titled: m.titled, quality: m.quality, at: at };
      });
      /* A section that holds none of the user's words by these rules (lunr stems "boka" to "bok") is left out. */
      items = items.filter(function (x) { return x.head || x.held > 0 || x.phrase !== Infinity; });
      items.sort(function (a, b) {
        return compare(a.phrase, b.phrase) || (several ? compare(b.asked, a.asked) : 0) || compare(b.held, a.held) ||
          compare(a.head ? 1 : 0, b.head ? 1 : 0) || compare(b.quality, a.quality) || (several ? compare(b.titled, a.titled) : 0) || compare(a.at, b.at);
      });
      var holding = items.filter(function (x) { return x.held > 0; });
      return {
        group: items.map(function (x) { return x.item; }),
        phrase: items[0].phrase, demoted: demoted(items[0].item), missing: missing(group), year: ofYear(group) ? 0 : 1,
        asked: several ? Math.max.apply(null, items.map(function (x) { return x.asked; })) : 0,
        titled: Math.max.apply(null, items.map(function (x) { return x.titled; })),
        held: Math.max.apply(null, items.map(function (x) { return x.held; })),
        quality: Math.max.apply(null, items.map(function (x) { return x.quality; })),
        /* Material's score of the best result that holds a word: a match these rules reject does not count. */
        score: Math.max.apply(null, holding.map(function (x) { return x.item.score; }).concat([0])),
        order: order,
      };
    });
    /* A page none of whose results holds a word is left out, unless that leaves nothing. */
    if (keyed.some(function (k) { return k.held > 0 || k.phrase !== Infinity; }))
      keyed = keyed.filter(function (k) { return k.held > 0 || k.phrase !== Infinity; });
    keyed.sort(function (a, b) {
      return compare(a.phrase, b.phrase) || compare(a.demoted, b.demoted) || compare(b.asked, a.asked) ||
        compare(a.missing, b.missing) || compare(a.year, b.year) || compare(b.held, a.held) ||
        compare(b.quality, a.quality) || (several ? compare(b.titled, a.titled) : 0) || compare(b.score, a.score) || compare(a.order, b.order);
    });
    return keyed.map(function (k) { return k.group; });
  }

  function adaptResult(data, query) {
    data.items = rank(data.items, query).map(function (group) {   /* rank first: it reads the hidden fields */
      return group.map(function (item) { return adaptItem(item, query.words); });
    });
    if (!data.items.length) {
      var suggestion = suggest(query.words);
      if (suggestion) data.items = [[suggestionItem(suggestion, query.words)]];
    }
    return data;
  }

  /* "Menade du …?": when a query finds nothing, each of its words that the site does not use is replaced by the
     nearest word the site does use (its titles, texts and search words), at most one edit in four letters away
     (a letter added, dropped, changed, or two swapped); the more common word wins a tie. The suggestion is a
     result of its own that opens the search with the suggested words. */
  var vocabulary = null;

  function vocabularyOf() {
    if (vocabulary === null) {
      var counts = Object.create(null);
      Object.keys(documents).forEach(function (location) {
        words(textsOf(location).all).forEach(function (token) {
          if (token.length > SHORT && /^\p{L}+$/u.test(token)) counts[token] = (counts[token] || 0) + 1;
        });
      });
      vocabulary = Object.keys(counts).map(function (word) { return { word: word, count: counts[word] }; });
    }
    return vocabulary;
  }

  function suggest(words) {
    if (!words.length || !Object.keys(documents).length) return null;
    var all = pageTokensOfSite();
    var changed = false;
    var out = words.map(function (word) {
      var lower = word.toLowerCase();
      if (holds(all, lower)) return lower;
      var limit = Math.max(1, Math.floor(lower.length / 4));
      var best = null;
      vocabularyOf().forEach(function (entry) {
        if (Math.abs(entry.word.length - lower.length) > limit) return;
        var d = distance(lower, entry.word, limit);
        if (d <= limit && (best === null || d < best.d || (d === best.d && entry.count > best.count)))
          best = { word: entry.word, d: d, count: entry.count };
      });
      if (best === null) return lower;
      changed = true;
      return best.word;
    });
    return changed ? out.join(" ") : null;
  }

  var siteTokens = null;

  function pageTokensOfSite() {
    if (siteTokens === null)
      siteTokens = unique([].concat.apply([], Object.keys(documents).map(function (l) { return textsOf(l).tokens; })));
    return siteTokens;
  }

  /* Optimal string alignment distance (Damerau–Levenshtein without repeated edits), stopping above limit. */
  function distance(a, b, limit) {
    var previous2 = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var least = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1))
          value = Math.min(value, previous2[j - 2] + 1);
        row.push(value);
        if (value < least) least = value;
      }
      if (least > limit) return limit + 1;
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  function suggestionItem(suggestion, words) {
    var shown = escapeHtml(suggestion);
    return {
      location: "index.html?q=" + encodeURIComponent(suggestion),
      title: "Menade du <mark>" + shown + "</mark>?",
      text: "<p>Inga träffar på ”" + escapeHtml(words.join(" ")) + "”. Sök på ”" + shown + "” i stället.</p>",
      score: 0,
      terms: {},
      suggestion: suggestion,
    };
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
