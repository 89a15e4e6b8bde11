// Mamori search: the index side (docs/search.md, "Files" and "Postings"). Loads
// search/meta.js, the key shards and the text chunks as classic scripts (they work from
// file:// under script-src 'self'), keeps what it loaded, and answers a query with ranked,
// confirmed results. Anything malformed in the index is ignored, never trusted: a document
// whose fields are not strings, or whose url could leave the site, is left out.
(function () {
  'use strict';

  var search = window.mamoriSearch = window.mamoriSearch || {};
  var text = search.text;

  var CONTINUE = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var FINAL = '0123456789abcdefghijklmnopqrstuv';
  var K_CONTINUE = {};
  var K_FINAL = {};
  for (var d = 0; d < 32; d++) { K_CONTINUE[CONTINUE.charAt(d)] = d; K_FINAL[FINAL.charAt(d)] = d; }

  var root = '';         // the site root, relative to this page ('' or '../' …)
  var version = '';      // ?v=<meta id> over http(s)
  var received = {};     // what the index files handed over, by file name
  var loaded = {};       // file name → its data, or null (missing or malformed)
  var waiting = {};      // file name → callbacks while it loads
  var postingCache = {}; // shard + '\n' + key → decoded postings
  var prefixCache = {};  // shard + '\n' + prefix → [keys]
  var docCache = {};     // document number → prepared document, or null

  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isCount(n) { return typeof n === 'number' && n >= 0 && n % 1 === 0 && n < 1e9; }

  // The callbacks the index files call.
  search.meta = function (data) {
    if (!data || data.format !== 1 || !isCount(data.docs) || !isCount(data.shards) || data.shards < 1 ||
        !Array.isArray(data.chunks) || !data.chunks.every(isCount)) return;
    received.meta = { id: typeof data.id === 'string' ? data.id : '', docs: data.docs, shards: data.shards,
      chunks: data.chunks.slice() };
  };
  // Shards and chunks hand over their JSON compressed, as a base64 string (docs/search.md).
  search.keys = function (n, data) {
    if (isCount(n) && typeof data === 'string') received['k' + n] = data;
  };
  search.chunk = function (i, data) {
    if (isCount(i) && typeof data === 'string') received['c' + i] = data;
  };

  // What a shard or chunk holds once unpacked: an object of keys, or an array of documents.
  function wellFormed(name, data) {
    if (!data || typeof data !== 'object') return false;
    return name.charAt(0) === 'c' ? Array.isArray(data) : !Array.isArray(data);
  }

  // No file of the index unpacks to more than this (the generator cuts a page's text at
  // 256 KiB, so a chunk stays near 64 KiB + 256 KiB): a file that would is refused.
  var MAX_UNPACKED = 4 * 1024 * 1024;

  // Unpacks base64 raw DEFLATE JSON; done(data or null). Uses the browser's
  // DecompressionStream: no fetch (a Response only reads the stream), no eval.
  function unpack(name, packed, done) {
    if (typeof packed !== 'string') { done(packed === undefined ? null : packed); return; }
    try {
      var binary = atob(packed);
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      var reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
      var parts = [];
      var total = 0;
      var finish = function () {
        var all = new Uint8Array(total);
        var at = 0;
        parts.forEach(function (part) { all.set(part, at); at += part.length; });
        var data = null;
        try { data = JSON.parse(new TextDecoder().decode(all)); } catch (e) { data = null; }
        done(wellFormed(name, data) ? data : null);
      };
      var pump = function () {
        reader.read().then(function (step) {
          if (step.done) { finish(); return; }
          total += step.value.length;
          if (total > MAX_UNPACKED) { reader.cancel(); done(null); return; }
          parts.push(step.value);
          pump();
        }, function () { done(null); });
      };
      pump();
    } catch (e) {
      done(null);
    }
  }

  // Where the index lies: `siteRoot` is the site root relative to this page.
  search.configure = function (siteRoot) { root = siteRoot || ''; };

  // Loads search/<name>.js once; calls done(data or null).
  function load(name, done) {
    if (own(loaded, name)) { done(loaded[name]); return; }
    if (own(waiting, name)) { waiting[name].push(done); return; }
    waiting[name] = [done];
    var script = document.createElement('script');
    var finish = function () {
      var packed = own(received, name) ? received[name] : null;
      delete received[name];
      script.parentNode.removeChild(script);
      unpack(name, packed, function (data) {
        loaded[name] = data;
        var callbacks = waiting[name];
        delete waiting[name];
        callbacks.forEach(function (callback) { callback(data); });
      });
    };
    script.onload = finish;
    script.onerror = finish;
    script.src = root + 'search/' + name + '.js' + (version && name !== 'meta' ? '?v=' + encodeURIComponent(version) : '');
    document.head.appendChild(script);
  }

  // Loads every named file, then calls done().
  function loadAll(names, done) {
    var left = names.length;
    if (!left) { done(); return; }
    names.forEach(function (name) { load(name, function () { if (--left === 0) done(); }); });
  }

  // Loads the meta file (the box calls this when it gets focus); done(meta or null).
  search.start = function (done) {
    load('meta', function (meta) {
      if (meta && /^https?:$/.test(location.protocol) && /^[0-9a-f]{1,64}$/i.test(meta.id)) version = meta.id;
      if (done) done(meta);
    });
  };

  // A postings string → { docs: [n…], weights: [w…] } (increasing, below `count`), or null.
  function decode(postings, count) {
    if (typeof postings !== 'string') return null;
    var numbers = [];
    var value = 0;
    for (var i = 0; i < postings.length; i++) {
      var c = postings.charAt(i);
      if (own(K_FINAL, c)) { numbers.push(value * 32 + K_FINAL[c]); value = 0; continue; }
      if (!own(K_CONTINUE, c)) return null;
      value = value * 32 + K_CONTINUE[c];
      if (value > 0x7FFFFFF) return null;
    }
    if (value !== 0 || numbers.length % 2) return null;
    var docs = [];
    var weights = [];
    var doc = -1;
    for (var j = 0; j < numbers.length; j += 2) {
      if (numbers[j] < 1) return null;
      doc += numbers[j];
      if (doc >= count) return null;
      docs.push(doc);
      weights.push(Math.min(31, Math.max(1, numbers[j + 1])));
    }
    return { docs: docs, weights: weights };
  }

  function postingsOf(meta, key) {
    var shard = text.keyShard(key, meta.shards);
    var id = shard + '\n' + key;
    if (!own(postingCache, id)) {
      var data = loaded['k' + shard];
      postingCache[id] = data && own(data, key) ? decode(data[key], meta.docs) : null;
    }
    return postingCache[id];
  }

  function keysStartingWith(meta, prefix) {
    var shard = text.keyShard(prefix, meta.shards);
    var id = shard + '\n' + prefix;
    if (!own(prefixCache, id)) {
      var data = loaded['k' + shard] || {};
      prefixCache[id] = Object.keys(data).filter(function (key) { return key.lastIndexOf(prefix, 0) === 0; });
    }
    return prefixCache[id];
  }

  function idf(meta, df) { return Math.log(1 + (meta.docs - df + 0.5) / (df + 0.5)); }

  // One key's scores: { doc: weight × idf }; a prefix's: the best of the keys it starts.
  function keyScores(meta, keys) {
    var scores = {};
    keys.forEach(function (key) {
      var postings = postingsOf(meta, key);
      if (!postings) return;
      var factor = idf(meta, postings.docs.length);
      postings.docs.forEach(function (doc, i) {
        var score = postings.weights[i] * factor;
        if (!own(scores, doc) || scores[doc] < score) scores[doc] = score;
      });
    });
    return scores;
  }

  // The BM25 score of every document that has all keys of every term: { doc: score }.
  function candidates(meta, terms) {
    var total = null;
    terms.forEach(function (term) {
      var parts = term.keys.map(function (key) { return keyScores(meta, [key]); });
      if (term.prefix) parts.push(keyScores(meta, keysStartingWith(meta, term.prefix)));
      var next = {};
      Object.keys(parts[0]).forEach(function (doc) {
        if (total && !own(total, doc)) return;
        var sum = 0;
        for (var i = 0; i < parts.length; i++) {
          if (!own(parts[i], doc)) return;
          sum += parts[i][doc];
        }
        next[doc] = (total ? total[doc] : 0) + sum / parts.length;
      });
      total = next;
    });
    return total || {};
  }

  // The shard files a query's keys lie in.
  function shardFiles(meta, terms) {
    var names = [];
    terms.forEach(function (term) {
      term.keys.concat(term.prefix ? [term.prefix] : []).forEach(function (key) {
        var name = 'k' + text.keyShard(key, meta.shards);
        if (names.indexOf(name) < 0) names.push(name);
      });
    });
    return names;
  }

  function chunkOf(meta, doc) {
    var chunks = meta.chunks;
    var found = -1;
    for (var i = 0; i < chunks.length && chunks[i] <= doc; i++) found = i;
    return found;
  }

  // A url the site wrote (relative to its root): no scheme, no leading slash, no
  // backslash, no control characters, no ".." segment (also percent-encoded).
  function safeUrl(url) {
    if (typeof url !== 'string' || url === '' || /^[a-z][a-z0-9+.\-]*:|^[\/\\]|[\\\u0000-\u001F\u007F]/i.test(url)) return false;
    var decoded;
    try { decoded = decodeURIComponent(url); } catch (e) { return false; }
    return !/(^|[\/\\])\.\.([\/\\]|$)/.test(url) && !/(^|[\/\\])\.\.([\/\\]|$)/.test(decoded);
  }

  // A path as an href: what a URL path may hold stays (so %XX escapes do), the rest is
  // percent-encoded (spaces, Japanese file names, ? and #).
  function encodePath(path) {
    return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@\/%]+/g, function (run) {
      try { return encodeURIComponent(run); } catch (e) { return ''; }
    });
  }

  function str(value) { return typeof value === 'string'; }

  // The prepared document `doc` (folded title and blocks), or null when it is malformed.
  function documentOf(meta, doc) {
    if (own(docCache, doc)) return docCache[doc];
    var chunk = chunkOf(meta, doc);
    var data = chunk >= 0 ? loaded['c' + chunk] : null;
    var entry = data ? data[doc - meta.chunks[chunk]] : null;
    var prepared = null;
    if (Array.isArray(entry) && safeUrl(entry[0]) && str(entry[1]) && str(entry[2]) && Array.isArray(entry[3])) {
      var blocks = entry[3].filter(function (block) {
        return Array.isArray(block) && str(block[0]) && str(block[1]) && str(block[2]);
      }).map(function (block) {
        var folded = text.fold(block[2]);
        return { anchor: block[0], heading: block[1], text: block[2], folded: folded.text, map: folded.map,
          headingFolded: text.fold(block[1]).text };
      });
      prepared = { url: entry[0], title: entry[1], section: entry[2], titleFolded: text.fold(entry[1]).text,
        blocks: blocks };
    }
    docCache[doc] = prepared;
    return prepared;
  }

  // Whether every term occurs in the document; fills in where. null when one does not.
  function confirm(document_, terms, whole) {
    var titleHit = false;
    var best = null;
    var bestCount = 0;
    for (var t = 0; t < terms.length; t++) {
      var re = terms[t].re;
      var inTitle = re.test(document_.titleFolded);
      titleHit = titleHit || inTitle;
      var found = inTitle;
      document_.blocks.forEach(function (block) {
        // A term in the heading counts more: the block is about it (a glossary entry).
        var hits = (re.test(block.headingFolded) ? 3 : 0) + (re.test(block.folded) ? 1 : 0);
        if (hits) { found = true; block.hits = (block.hits || 0) + hits; }
      });
      if (!found) { document_.blocks.forEach(function (block) { block.hits = 0; }); return null; }
    }
    var wholeHit = false;
    document_.blocks.forEach(function (block) {
      if (block.hits > bestCount) { best = block; bestCount = block.hits; }
      if (whole && block.folded.indexOf(whole) >= 0) wholeHit = true;
      block.hits = 0;
    });
    return { titleHit: titleHit, wholeHit: wholeHit, block: best || document_.blocks[0] || null };
  }

  // The chunk files that hold `docs`, in their order.
  function chunkFiles(meta, docs) {
    var names = [];
    var seen = {};
    docs.forEach(function (doc) {
      var name = 'c' + chunkOf(meta, doc);
      if (!own(seen, name)) { seen[name] = true; names.push(name); }
    });
    return names;
  }

  // When the candidates lie in this many chunks or fewer, all are confirmed and the count is
  // exact; beyond, the best candidates are confirmed, BATCH_CHUNKS chunks at a time,
  // until `want` results are found, so a large site never sends its whole text.
  var ALL_CHUNKS = 8;
  var BATCH_CHUNKS = 4;

  // Confirms candidates `docs` (best first) from `next` on, until `want` results; done(results, more).
  function confirmInBatches(meta, docs, scores, terms, whole, want, done) {
    var results = [];
    var next = 0;
    (function step() {
      var batch = [];
      var need = [];
      while (next < docs.length) {
        // Chunks count whether or not an earlier query loaded them: the same query confirms
        // the same documents, and shows the same count, every time.
        var name = 'c' + chunkOf(meta, docs[next]);
        if (need.indexOf(name) < 0) {
          if (need.length >= BATCH_CHUNKS) break;
          need.push(name);
        }
        batch.push(docs[next++]);
      }
      loadAll(need, function () {
        results = results.concat(confirmed(meta, batch, scores, terms, whole));
        if (results.length >= want || next >= docs.length) done(ranked(results), next < docs.length);
        else step();
      });
    })();
  }

  // Searches: done({ terms, results: [{ doc, score, url, title, section, anchor, heading,
  // block, document }], more, error }). Results come best first; every one really holds each
  // term. `want` (default 50): how many results the caller needs at least; `more` is true
  // when candidates beyond them were not confirmed (the count is then a lower bound).
  search.run = function (query, done, want) {
    var terms = text.parseQuery(query);
    if (!terms.length) { done({ terms: terms, results: [] }); return; }
    terms.forEach(function (term) { term.re = new RegExp(term.pattern); });
    search.start(function (meta) {
      if (!meta) { done({ terms: terms, results: [], error: true }); return; }
      loadAll(shardFiles(meta, terms), function () {
        var scores = candidates(meta, terms);
        var docs = Object.keys(scores).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; });
        var whole = text.wholeQuery(query);
        var chunks = chunkFiles(meta, docs);
        if (chunks.length <= ALL_CHUNKS) {
          loadAll(chunks, function () {
            done({ terms: terms, results: ranked(confirmed(meta, docs, scores, terms, whole)), more: false });
          });
          return;
        }
        confirmInBatches(meta, docs, scores, terms, whole, want || 50, function (results, more) {
          done({ terms: terms, results: results, more: more });
        });
      });
    });
  };

  function confirmed(meta, docs, scores, terms, whole) {
    var results = [];
    docs.forEach(function (doc) {
      var prepared = documentOf(meta, doc);
      var hit = prepared ? confirm(prepared, terms, whole) : null;
      if (!hit) return;
      var score = scores[doc] * (hit.titleHit ? 2 : 1) * (hit.wholeHit ? 1.5 : 1);
      results.push({ doc: doc, score: score, url: prepared.url, title: prepared.title, section: prepared.section,
        anchor: hit.block ? hit.block.anchor : '', heading: hit.block ? hit.block.heading : '', block: hit.block });
    });
    return results;
  }

  function ranked(results) {
    return results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
  }

  // The link of a result, relative to this page.
  search.href = function (result) {
    return root + encodePath(result.url) + (result.anchor ? '#' + encodeURIComponent(result.anchor) : '');
  };

  // The snippet of a result: [{ text, mark }] from its block's original text, around the
  // first match, every match of a term marked.
  search.snippet = function (result, terms, size) {
    var block = result.block;
    if (!block || !block.text) return [];
    return cut(block.text, spansIn(block.folded, block.map, terms), size || 120);
  };

  // A short text (a heading) with every match of a term marked: [{ text, mark }].
  search.highlight = function (original, terms) {
    var folded = text.fold(original);
    return cut(original, spansIn(folded.text, folded.map, terms), original.length);
  };

  // Where the terms match folded text, as [start, end) in the original (through `map`).
  function spansIn(folded, map, terms) {
    var spans = [];
    terms.forEach(function (term) {
      var re = new RegExp(term.pattern, 'g');
      var m;
      while ((m = re.exec(folded)) !== null && spans.length < 200) {
        if (!m[0].length) { re.lastIndex++; continue; }
        spans.push([map[m.index], map[m.index + m[0].length]]);
      }
    });
    return spans.sort(function (a, b) { return a[0] - b[0]; });
  }

  // A window of `size` characters of `original` around the first span, marked.
  function cut(original, spans, size) {
    var first = spans.length ? spans[0][0] : 0;
    var start = Math.max(0, first - Math.floor(size / 4));
    var end = Math.min(original.length, start + size);
    start = Math.max(0, Math.min(start, end - size));
    if (start > 0 && /[\uDC00-\uDFFF]/.test(original.charAt(start))) start++;
    if (end < original.length && /[\uDC00-\uDFFF]/.test(original.charAt(end))) end++;
    var parts = [];
    var at = start;
    spans.forEach(function (span) {
      var from = Math.max(span[0], at);
      var to = Math.min(span[1], end);
      if (to <= from) return;
      if (from > at) parts.push({ text: original.slice(at, from), mark: false });
      parts.push({ text: original.slice(from, to), mark: true });
      at = to;
    });
    if (at < end) parts.push({ text: original.slice(at, end), mark: false });
    if (start > 0) parts.unshift({ text: '…', mark: false });
    if (end < original.length) parts.push({ text: '…', mark: false });
    return parts;
  }
}());
