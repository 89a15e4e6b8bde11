#include "serve/reload_script.h"
#include "core/i18n.h"

namespace mamori {
namespace {

// The page's build is in the script's own URL (?site=N): a page that was served before a
// build it did not hear about (it connected late) reloads as soon as it learns of it.
// The panel: role="alert" so screen readers announce it, a Close button, Escape closes it;
// styles are set through the DOM (CSSOM), which the page's style-src 'self' allows.
constexpr std::string_view kScript = R"js(// mamori serve: live reload and the build's errors (the preview only).
(function () {
  'use strict';
  var OVERLAY_ID = 'mamori-preview-overlay';
  var script = document.currentScript;
  var match = script && /[?&]site=(\d+)/.exec(script.src);
  var pageSite = match ? parseInt(match[1], 10) : -1;

  function style(element, styles) {
    for (var name in styles) {
      if (Object.prototype.hasOwnProperty.call(styles, name)) element.style[name] = styles[name];
    }
    return element;
  }

  function onKey(event) {
    if (event.key === 'Escape' || event.key === 'Esc') removeOverlay();
  }

  function removeOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old && old.parentNode) old.parentNode.removeChild(old);
    document.removeEventListener('keydown', onKey);
  }

  function element(tag, text, styles) {
    var node = document.createElement(tag);
    if (text) node.textContent = String(text);
    return style(node, styles || {});
  }

  function showOverlay(status) {
    removeOverlay();
    var labels = status.labels || {};
    var box = element('div', '', { position: 'fixed', top: '1rem', left: '1rem', right: '1rem', zIndex: '2147483647',
      maxHeight: '70vh', overflow: 'auto', background: '#ffffff', color: '#1a1a1a', border: '2px solid #a4001d',
      borderLeftWidth: '8px', borderRadius: '4px', padding: '1rem 1.25rem', boxShadow: '0 4px 16px rgba(0,0,0,.3)',
      fontFamily: 'sans-serif', fontSize: '16px', lineHeight: '1.5', textAlign: 'left' });
    box.id = OVERLAY_ID;
    box.setAttribute('role', 'alert');
    if (status.language) box.setAttribute('lang', status.language);
    box.appendChild(element('h2', labels.title, { margin: '0 0 .5rem', fontSize: '1.2rem', color: '#a4001d' }));
    box.appendChild(element('p', labels.hint, { margin: '0 0 .5rem' }));
    var list = element('ul', '', { margin: '0 0 .75rem', paddingLeft: '1.25rem' });
    var problems = status.problems || [];
    for (var i = 0; i < problems.length; i++) {
      var item = element('li', '', {});
      item.appendChild(element('code', problems[i].text, { whiteSpace: 'pre-wrap', wordBreak: 'break-word' }));
      list.appendChild(item);
    }
    box.appendChild(list);
    var close = element('button', labels.close, { font: 'inherit', padding: '.25rem 1rem' });
    close.type = 'button';
    close.addEventListener('click', removeOverlay);
    box.appendChild(close);
    document.body.appendChild(box);
    document.addEventListener('keydown', onKey);
  }

  function apply(status) {
    if (!status || typeof status.build !== 'number') return;
    if (status.ok && typeof status.site === 'number' && pageSite >= 0 && status.site > pageSite) {
      window.location.reload();
      return;
    }
    if (status.ok) removeOverlay();
    else showOverlay(status);
  }

  function parsed(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function fetchStatus() {
    var request = new XMLHttpRequest();
    request.open('GET', '/__mamori/status');
    request.onload = function () {
      if (request.status === 200) apply(parsed(request.responseText));
    };
    request.send();
  }

  // A tab in the background gives its stream back: a browser opens at most six connections
  // to one host, so six hidden tabs would otherwise leave none for the seventh. Coming back,
  // the tab asks for the status and reloads if a build happened meanwhile.
  var source = null;
  function listen() {
    if (typeof window.EventSource === 'undefined' || source) return;
    source = new window.EventSource('/__mamori/events');
    source.addEventListener('open', fetchStatus);
    source.addEventListener('reload', function () {
      source.close();
      window.location.reload();
    });
    source.addEventListener('status', function (event) { apply(parsed(event.data)); });
  }
  function onVisibility() {
    if (!document.hidden) { listen(); return; }
    if (source) source.close();
    source = null;
  }

  document.addEventListener('visibilitychange', onVisibility);
  fetchStatus();
  if (!document.hidden) listen();
}());
)js";

}  // namespace

std::string_view reload_script() {
  return kScript;
}

}  // namespace mamori
