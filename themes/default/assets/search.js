// Mamori search: the search boxes. The header's box (every page but search.html) shows the
// best results in a list under it as the reader types; search.html shows them all, 20 at a
// time. Nothing of the index loads before a box gets focus (or search.html opens). Results
// are links; the arrow keys move between them and the box, Escape closes the header's list.
// Every text from the index reaches the page through textContent, never as markup.
(function () {
  'use strict';

  var search = window.mamoriSearch;
  if (!search || !search.run || !document.querySelector) return;

  var DEBOUNCE_MS = 120;
  var HEADER_RESULTS = 8;
  var PAGE_RESULTS = 20;

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }

  // The site root relative to this page, from the form's action ("../search.html" → "../").
  function rootOf(form) {
    var action = form.getAttribute('action') || 'search.html';
    return action.replace(/search\.html(?:[?#].*)?$/, '');
  }

  // One result as a list item: the title (and heading) as the link, the section, the snippet.
  function resultItem(result, terms, snippetSize) {
    var item = element('li', 'search-result');
    var link = element('a', 'search-result-link');
    link.href = search.href(result);
    link.appendChild(element('span', 'search-result-title', result.title || result.url));
    if (result.heading) link.appendChild(marked(element('span', 'search-result-heading'), search.highlight(result.heading, terms)));
    item.appendChild(link);
    if (result.section) item.appendChild(element('p', 'search-result-section', result.section));
    var parts = search.snippet(result, terms, snippetSize);
    if (parts.length) item.appendChild(marked(element('p', 'search-result-snippet'), parts));
    return item;
  }

  // Fills `node` with text parts, the matches in <mark> (text nodes only, never markup).
  function marked(node, parts) {
    parts.forEach(function (part) {
      node.appendChild(part.mark ? element('mark', '', part.text) : document.createTextNode(part.text));
    });
    return node;
  }

  // The links the arrow keys move between, in order.
  function stops(container) {
    return Array.prototype.slice.call(container.querySelectorAll('a[href]')).filter(function (link) {
      return link.offsetParent !== null;
    });
  }

  // Arrow keys: from the box to the first link, between links, back up to the box.
  function arrowKeys(input, container, onEscape) {
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') {
        var links = stops(container);
        if (links.length) { event.preventDefault(); links[0].focus(); }
      } else if (event.key === 'Escape' && onEscape && onEscape()) {
        event.preventDefault();
      }
    });
    container.addEventListener('keydown', function (event) {
      var links = stops(container);
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        var next = at + (event.key === 'ArrowDown' ? 1 : -1);
        if (next < 0) input.focus();
        else links[Math.min(next, links.length - 1)].focus();
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        links[event.key === 'Home' ? 0 : links.length - 1].focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        if (onEscape) onEscape();
        input.focus();
      }
    });
  }

  // Runs the query when the reader pauses typing (or at once with `now`); calls
  // show(answer, query, elapsedMs) for the latest query only.
  function searcher(show) {
    var timer = null;
    var latest = 0;
    return function (query, now) {
      clearTimeout(timer);
      var run = function () {
        var id = ++latest;
        var started = Date.now();
        search.run(query, function (answer) {
          if (id === latest) show(answer, query, Date.now() - started);
        });
      };
      if (now) run();
      else timer = setTimeout(run, DEBOUNCE_MS);
    };
  }

  function countText(answer, query) {
    if (!query.replace(/\s+/g, '')) return '';
    if (answer.error) return '検索の索引を読み込めませんでした。';
    if (!answer.terms.length) return '検索できる語がありません。文字や数字を入力してください。';
    if (!answer.results.length) return '「' + query.trim() + '」に一致するページは見つかりませんでした。';
    return '「' + query.trim() + '」に一致するページが ' + answer.results.length + ' 件' + (answer.more ? '以上' : '') +
      '見つかりました。';
  }

  // What the status line answers and how long that took (the browser tests read these).
  function markAnswered(node, query, ms) {
    node.setAttribute('data-search-query', query);
    node.setAttribute('data-search-ms', String(ms));
  }

  // The page's Content-Security-Policy may not let a form send anything (form-action):
  // Enter opens search.html by address instead.
  function openPageOnEnter(form, root, input) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var query = input.value.trim();
      location.href = root + 'search.html' + (query ? '?q=' + encodeQuery(query) : '');
    });
  }

  // The header's box: the best results in a list under it, and a link to all of them.
  function headerBox(form) {
    var root = rootOf(form);
    var input = form.querySelector('input[name="q"]');
    var status = form.querySelector('[data-search-status]');
    var popup = form.querySelector('[data-search-popup]');
    var list = form.querySelector('[data-search-results]');
    var all = form.querySelector('[data-search-all]');
    var count = form.querySelector('[data-search-count]');
    if (!input || !status || !popup || !list || !all || !count) return;
    search.configure(root);
    var hasResults = false;
    var close = function () {
      if (popup.hidden) return false;
      popup.hidden = true;
      return true;
    };
    var open = function () {
      if (!hasResults) return;
      popup.hidden = false;
    };
    var show = function (answer, query, ms) {
      list.textContent = '';
      answer.results.slice(0, HEADER_RESULTS).forEach(function (result) {
        list.appendChild(resultItem(result, answer.terms, 80));
      });
      all.href = root + 'search.html?q=' + encodeQuery(query.trim());
      all.textContent = 'すべての結果を見る（' + answer.results.length + '件' + (answer.more ? '以上' : '') + '）';
      all.parentNode.hidden = !answer.results.length;
      status.textContent = countText(answer, query);
      count.textContent = answer.results.length ? '' : status.textContent;
      count.hidden = !count.textContent;
      hasResults = !!status.textContent;
      if (hasResults) open();
      else close();
      markAnswered(status, query, ms);
    };
    var find = searcher(show);
    // The line that announces the count becomes a live region when the box is first used
    // (well before its first answer): a page's own status line (a quiz's result) stays the
    // only one until then.
    input.addEventListener('focus', function () {
      status.setAttribute('role', 'status');
      search.start();
      open();
    });
    input.addEventListener('input', function () {
      if (!input.value.trim()) { hasResults = false; close(); status.textContent = ''; }
      find(input.value, false);
    });
    openPageOnEnter(form, root, input);
    form.addEventListener('focusout', function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) close();
    });
    document.addEventListener('click', function (event) { if (!form.contains(event.target)) close(); });
    arrowKeys(input, popup, close);
  }

  // search.html's box: every result, 20 at a time, and the query kept in the address.
  function pageBox(form) {
    var root = rootOf(form);
    var input = form.querySelector('input[name="q"]');
    var status = form.querySelector('[data-search-status]') || document.querySelector('[data-search-status]');
    var list = document.querySelector('[data-search-results]');
    var more = document.querySelector('[data-search-more]');
    if (!input || !status || !list || !more) return;
    search.configure(root);
    form.hidden = false;
    var answer = { terms: [], results: [] };
    var answered = '';  // the query `answer` answers
    var shown = {};     // document numbers listed
    var count = 0;      // how many are listed
    var showMore = function () {
      var first = null;
      answer.results.filter(function (result) { return !shown[result.doc]; }).slice(0, PAGE_RESULTS)
        .forEach(function (result) {
          var item = resultItem(result, answer.terms, 160);
          list.appendChild(item);
          shown[result.doc] = true;
          count++;
          first = first || item.querySelector('a');
        });
      more.hidden = count >= answer.results.length && !answer.more;
      return first;
    };
    var find = searcher(function (found, query, ms) {
      answer = found;
      answered = query;
      shown = {};
      count = 0;
      list.textContent = '';
      showMore();
      status.textContent = countText(found, query);
      keepQuery(query);
      markAnswered(status, query, ms);
    });
    // A large site confirms only the best results first: the next page may need more.
    more.addEventListener('click', function () {
      var next = function () {
        var first = showMore();
        if (first) first.focus();
      };
      if (count + PAGE_RESULTS <= answer.results.length || !answer.more) { next(); return; }
      var query = answered;
      search.run(query, function (found) {
        if (query !== answered) return;
        answer = found;
        status.textContent = countText(found, query);
        next();
      }, count + PAGE_RESULTS + 50);
    });
    input.addEventListener('input', function () { find(input.value, false); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      find(input.value, true);
    });
    arrowKeys(input, list, null);
    var query = queryParameter();
    search.start();
    if (query) { input.value = search.text.cut(query); find(input.value, true); }
  }

  function queryParameter() {
    var match = /[?&]q=([^&#]*)/.exec(location.search);
    if (!match) return '';
    try { return decodeURIComponent(match[1].replace(/\+/g, ' ')); } catch (e) { return ''; }
  }

  // Keeps the query in the address, so Back and a bookmark return to the same results.
  // A query for an address; a lone half of a surrogate pair (a pasted, cut emoji) is dropped,
  // which encodeURIComponent would throw on.
  function encodeQuery(query) {
    try {
      return encodeURIComponent(query);
    } catch (e) {
      return encodeURIComponent(query.replace(/[\uD800-\uDFFF]/g, ''));
    }
  }

  function keepQuery(query) {
    try {
      var search_ = query.trim() ? '?q=' + encodeQuery(query.trim()) : '';
      if (location.search === search_) return;
      history.replaceState(null, '', location.pathname + search_);
    } catch (e) { /* a lone surrogate cannot be encoded; some browsers refuse it over file:// */ }
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-search]'), function (form) {
    if (form.getAttribute('data-search') === 'page') pageBox(form);
    else headerBox(form);
  });
}());
