// Mamori: small progressive enhancements. The pages work without this script.
(function () {
  'use strict';

  // window.localStorage or window.sessionStorage (`kind`), or null: either can be missing or
  // throw (some browsers over file://, private modes).
  function usable(kind) {
    try {
      var store = window[kind];
      var probe = '__mamori__';
      store.setItem(probe, probe);
      store.removeItem(probe);
      return store;
    } catch (e) {
      return null;
    }
  }

  function storage() { return usable('localStorage'); }

  // Task lists are self-checks: remember what the reader ticked on this page.
  function rememberTasks(store) {
    var boxes = document.querySelectorAll('input.task');
    if (!boxes.length || !store) return;
    var key = 'mamori:tasks:' + location.pathname;
    var saved = {};
    try { saved = JSON.parse(store.getItem(key) || '{}') || {}; } catch (e) { saved = {}; }
    Array.prototype.forEach.call(boxes, function (box) {
      var id = box.getAttribute('aria-labelledby');
      if (Object.prototype.hasOwnProperty.call(saved, id)) box.checked = !!saved[id];
      box.addEventListener('change', function () {
        saved[id] = box.checked;
        try { store.setItem(key, JSON.stringify(saved)); } catch (e) { /* full or unavailable */ }
      });
    });
  }

  // Print buttons: the whole page, or (data-action="print-contacts") the contact table only.
  function enablePrint() {
    var buttons = document.querySelectorAll('[data-action^="print"]');
    Array.prototype.forEach.call(buttons, function (button) {
      var only = button.getAttribute('data-action') === 'print-contacts' ? 'print-contacts-only' : null;
      button.hidden = false;
      button.addEventListener('click', function () {
        if (only) {
          document.body.classList.add(only);
          window.addEventListener('afterprint', function done() {
            document.body.classList.remove(only);
            window.removeEventListener('afterprint', done);
          });
        }
        window.print();
      });
    });
  }

  // The heading a node comes under: the nearest h2–h6 before it, among its siblings or
  // those of its ancestors inside the article; null when there is none.
  function headingAbove(node) {
    for (var at = node; at && !(at.classList && at.classList.contains('content')); at = at.parentElement) {
      for (var before = at.previousElementSibling; before; before = before.previousElementSibling) {
        if (/^H[2-6]$/.test(before.tagName)) return before;
      }
    }
    return null;
  }

  // A wide table's scroll region (.table-scroll, role="region", which the generator names
  // just 「表」) is named after the heading above it, so a screen reader's list of regions
  // tells the tables apart: 「表：3つの事例の早見表」, and 「…（2）」 for a second table under
  // the same heading.
  function nameTables() {
    var seen = [];
    var counts = [];
    Array.prototype.forEach.call(document.querySelectorAll('.table-scroll[role="region"]'), function (region) {
      var heading = headingAbove(region);
      var text = heading ? heading.textContent.replace(/\s+/g, ' ').trim() : '';
      if (!text) return;
      var i = seen.indexOf(heading);
      if (i < 0) { seen.push(heading); counts.push(0); i = seen.length - 1; }
      counts[i]++;
      region.setAttribute('aria-label', '表：' + text + (counts[i] > 1 ? '（' + counts[i] + '）' : ''));
    });
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // [training] deadline: 「受講期限（…）を過ぎています。…」 (training-deadline.mustache,
  // data-deadline-passed="2026-12-25") is shown once the browser's local day is after it;
  // on the day itself it is not past yet.
  function markDeadline() {
    var now = new Date();
    var today = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
    Array.prototype.forEach.call(document.querySelectorAll('[data-deadline-passed]'), function (note) {
      var day = note.getAttribute('data-deadline-passed');
      note.hidden = !(/^\d{4}-\d\d-\d\d$/.test(day) && today > day);
    });
  }

  function start() {
    markDeadline();
    rememberTasks(storage());
    enablePrint();
    nameTables();
  }

  // Shared with the quiz scripts, which load after this one. session(): the tab's
  // sessionStorage (a marked attempt is kept there, so Back returns to it).
  window.Mamori = { storage: storage, session: function () { return usable('sessionStorage'); } };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
