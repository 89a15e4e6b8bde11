// Mamori search: the text side (docs/search.md, "Normalisation" and "Tokens"). Folds text
// exactly as the generator does, keeps a map back to the original so snippets show what
// was written, parses queries into terms and finds each term's index keys. No DOM here.
(function () {
  'use strict';

  var search = window.mamoriSearch = window.mamoriSearch || {};

  var LONG_VOWEL = 0x30FC;
  var MAX_WORD_KEY = 40;
  var MAX_QUERY = 200;

  // The first MAX_QUERY UTF-16 units of a query, never half of a character.
  function cut(query) {
    if (query.length <= MAX_QUERY) return query;
    var end = MAX_QUERY;
    var last = query.charCodeAt(end - 1);
    if (last >= 0xD800 && last <= 0xDBFF) end--;
    return query.slice(0, end);
  }
  var MAX_TERMS = 16;

  // Letters, digits and marks (Unicode L, N, M); engines without property escapes fall
  // back to "anything that has a case, or is not ASCII punctuation".
  var wordPattern = null;
  try { wordPattern = new RegExp('^[\\p{L}\\p{N}\\p{M}]$', 'u'); } catch (e) { wordPattern = null; }

  function katakanaLetter(cp) { return cp >= 0x30A1 && cp <= 0x30FA; }

  // Small kana whose full-size letter means the same in loanwords; ャュョッ are kept.
  function fullSizeKana(cp) {
    switch (cp) {
      case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049:
      case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9:
      case 0x308E: case 0x30EE:
        return cp + 1;
      case 0x3095: return 0x304B;
      case 0x3096: return 0x3051;
      case 0x30F5: return 0x30AB;
      case 0x30F6: return 0x30B1;
      default: return cp;
    }
  }

  // 'japanese', 'word' or '' (a separator) for a code point of folded text.
  function charClass(cp) {
    if (cp < 0x80) {
      return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7A) || (cp >= 0x41 && cp <= 0x5A) ? 'word' : '';
    }
    if ((cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF) ||
        cp === 0x3005 || cp === 0x3006 || cp === 0x3007) {
      return 'japanese';
    }
    var ch = String.fromCodePoint(cp);
    if (wordPattern) return wordPattern.test(ch) ? 'word' : '';
    return ch.toLowerCase() !== ch.toUpperCase() ? 'word' : '';
  }

  // The code points of a string, as numbers.
  function codePoints(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var cp = text.codePointAt(i);
      if (cp > 0xFFFF) i++;
      out.push(cp);
    }
    return out;
  }

  // One code point, simply lower-cased: the first code point of its toLowerCase() (İ → i).
  function lower(cp) {
    if (cp < 0x80) return cp >= 0x41 && cp <= 0x5A ? cp + 32 : cp;
    return String.fromCodePoint(cp).toLowerCase().codePointAt(0);
  }

  // Folds NFKC text per code point (lower case, small kana, a ー ending a katakana word).
  // Returns { text, map }: map[k] is the index in `nfkcText` of the code point that gave
  // folded UTF-16 unit k; map[text.length] is nfkcText.length.
  function fold(nfkcText) {
    var out = [];
    var map = [];
    var prev = -1;
    for (var i = 0; i < nfkcText.length; i++) {
      var at = i;
      var cp = nfkcText.codePointAt(i);
      if (cp > 0xFFFF) i++;
      var next = i + 1 < nfkcText.length ? nfkcText.codePointAt(i + 1) : -1;
      var drop = cp === LONG_VOWEL && (katakanaLetter(prev) || prev === LONG_VOWEL) && !katakanaLetter(next);
      prev = cp;
      if (drop) continue;
      var piece = String.fromCodePoint(fullSizeKana(lower(cp)));
      out.push(piece);
      map.push(at);
      if (piece.length === 2) map.push(at);
    }
    map.push(nfkcText.length);
    return { text: out.join(''), map: map };
  }

  function nfkc(text) {
    try { return String(text).normalize('NFKC'); } catch (e) { return String(text); }
  }

  // The one form the index is made of: NFKC, then folded.
  function normalise(text) { return fold(nfkc(text)).text; }

  // The runs of folded text: [{ kind: 'japanese'|'word', cps: [code points] }].
  function runs(folded) {
    var out = [];
    var current = null;
    codePoints(folded).forEach(function (cp) {
      var kind = charClass(cp);
      if (current && current.kind !== kind) current = null;
      if (!kind) return;
      if (!current) { current = { kind: kind, cps: [] }; out.push(current); }
      current.cps.push(cp);
    });
    return out;
  }

  // A term's keys: { keys: [...], prefix: key or null }. Japanese runs give their bigrams
  // (a one-character run its unigram); word runs the word cut at 40 code points. With
  // `typing`, a last word run of two or more characters is a prefix instead.
  function termKeys(folded, typing) {
    var keys = [];
    var prefix = null;
    var all = runs(folded);
    all.forEach(function (run, index) {
      var cps = run.cps;
      if (run.kind === 'word') {
        var word = String.fromCodePoint.apply(null, cps.slice(0, MAX_WORD_KEY));
        if (typing && index === all.length - 1 && cps.length >= 2) prefix = word;
        else keys.push(word);
      } else if (cps.length === 1) {
        keys.push(String.fromCodePoint(cps[0]));
      } else {
        for (var i = 0; i + 1 < cps.length; i++) keys.push(String.fromCodePoint(cps[i], cps[i + 1]));
      }
    });
    return { keys: keys, prefix: prefix };
  }

  function escapeRegExp(text) { return text.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&'); }

  // The pattern a term must match in folded text: a phrase exactly; a plain term may have
  // one space where a word run meets a Japanese run (USB メモリ).
  function termPattern(folded, phrase) {
    if (phrase) return escapeRegExp(folded);
    var out = '';
    var before = '';
    codePoints(folded).forEach(function (cp) {
      var kind = charClass(cp);
      if (before && kind && before !== kind) out += ' ?';
      out += escapeRegExp(String.fromCodePoint(cp));
      before = kind;
    });
    return out;
  }

  // Splits a query into terms: whitespace separates, "…" and 「…」 keep a phrase. Each term:
  // { text (folded), phrase, keys, prefix, pattern (RegExp source) }. Terms without keys
  // (only punctuation) are left out. At most 200 characters and 16 terms count.
  function parseQuery(query) {
    var text = nfkc(cut(String(query || '')));
    var found = [];
    var pattern = /"([^"]*)"?|「([^」]*)」?|[^\s"「]+/g;
    var match;
    while ((match = pattern.exec(text)) !== null && found.length < MAX_TERMS) {
      var phrase = match[1] !== undefined || match[2] !== undefined;
      var raw = phrase ? (match[1] !== undefined ? match[1] : match[2]) : match[0];
      var folded = fold(raw.replace(/\s+/g, ' ').replace(/^ | $/g, '')).text;
      if (!folded) continue;
      found.push({ text: folded, phrase: phrase, end: pattern.lastIndex, raw: match[0] });
    }
    var typing = !/\s$/.test(text);
    return found.map(function (term, i) {
      var last = typing && i === found.length - 1 && !term.phrase && term.end === text.length;
      var keys = termKeys(term.text, last);
      return { text: term.text, phrase: term.phrase, keys: keys.keys, prefix: keys.prefix,
        pattern: termPattern(term.text, term.phrase) };
    }).filter(function (term) { return term.keys.length > 0 || term.prefix; });
  }

  // The whole query as typed, folded, for the "holds the whole query" boost.
  function wholeQuery(query) {
    return normalise(cut(String(query || '')).replace(/["「」]/g, ' ')).replace(/\s+/g, ' ').trim();
  }

  // FNV-1a, 32 bits, of the UTF-8 bytes of a string.
  function fnv1a32(text) {
    var hash = 0x811C9DC5;
    var bytes = '';
    try { bytes = unescape(encodeURIComponent(text)); } catch (e) { bytes = ''; }  // a lone surrogate
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  // The key shard that holds `key` (and every key that starts with its first two code points).
  function keyShard(key, shards) {
    var cps = codePoints(key).slice(0, 2);
    return fnv1a32(String.fromCodePoint.apply(null, cps)) % shards;
  }

  search.text = {
    fold: fold,
    nfkc: nfkc,
    normalise: normalise,
    parseQuery: parseQuery,
    wholeQuery: wholeQuery,
    termKeys: termKeys,
    keyShard: keyShard,
    fnv1a32: fnv1a32,
    MAX_QUERY: MAX_QUERY,
    cut: cut
  };
}());
