// Every htmx and fetch call from a signed-in page carries the CSRF token from the page's meta tags.
(function () {
  function csrf() {
    var t = document.querySelector('meta[name="_csrf"]'), h = document.querySelector('meta[name="_csrf_header"]');
    return t && h ? { header: h.content, token: t.content } : null;
  }
  document.addEventListener('htmx:configRequest', function (e) {
    var c = csrf(); if (c) e.detail.headers[c.header] = c.token;
  });
  // Live lists: an element with data-live refreshes itself when the server says an order it may show changed.
  document.addEventListener('DOMContentLoaded', function () {
    var live = document.querySelector('[data-live]');
    if (!live || !window.EventSource) return;
    var source = new EventSource(live.dataset.live);
    source.addEventListener('order', function () {
      var el = document.querySelector('[data-live]');
      if (el && window.htmx) htmx.trigger(el, 'refresh');
    });
  });
  // Map labels are set as text: a name is never read as HTML.
  window.hemeiText = function (value) {
    var span = document.createElement('span'); span.textContent = value == null ? '' : value; return span;
  };
  // Every map starts over Changsha on the configured base map (hemei.map.tile-url), if any; hemeiShapes draws a
  // division's boundary and its children's, so a place can be recognised without tiles. Resolves to the layer or null.
  window.hemeiMap = function (el, zoom) {
    var map = L.map(el).setView([28.23, 112.94], zoom), tiles = document.querySelector('meta[name="hemei-tiles"]');
    if (tiles && tiles.content) L.tileLayer(tiles.content, { maxZoom: 19 }).addTo(map);
    return map;
  };
  window.hemeiShapes = function (map, code, style) {
    return window.hemeiFetch('/api/territory/divisions/' + code + '/shapes').then(function (r) { return r.ok ? r.json() : []; })
      .then(function (shapes) {
        if (!shapes.length) return null;
        return L.geoJSON({ type: 'FeatureCollection', features: shapes.map(function (s) {
          return { type: 'Feature', geometry: JSON.parse(s.geometry), properties: s }; }) },
          { interactive: false, style: style || { color: '#1a237e', weight: 1, fill: false } }).addTo(map);
      });
  };
  window.hemeiFetch = function (url, options) {
    options = options || {}; options.headers = options.headers || {};
    var c = csrf(); if (c) options.headers[c.header] = c.token;
    options.headers['Accept'] = 'application/json';
    return fetch(url, options);
  };
})();

// A file input with data-max-bytes refuses a file over that size before anything is sent (the server checks again).
document.addEventListener('change', function (e) {
  var input = e.target;
  if (!input.matches || !input.matches('input[type=file][data-max-bytes]')) return;
  var file = input.files && input.files[0];
  input.setCustomValidity(file && file.size > Number(input.dataset.maxBytes) ? (input.dataset.tooLarge || 'too large') : '');
  input.reportValidity();
});

// A 常用语 button puts its words into the field of its form: a reason replaced, a result added to what is written.
document.addEventListener('click', function (e) {
  var button = e.target.closest && e.target.closest('button[data-phrase]');
  if (!button) return;
  var field = button.form && button.form.querySelector('textarea[name=note], input[name=reason]');
  if (!field) return;
  field.value = field.tagName === 'TEXTAREA' && field.value.trim() ? field.value.trim() + button.dataset.phrase : button.dataset.phrase;
  field.focus();
});

// A form with data-confirm (ending an order, say) is sent only once the person has said yes to its question.
document.addEventListener('submit', function (e) {
  var question = e.target.dataset && e.target.dataset.confirm;
  if (question && !window.confirm(question)) e.preventDefault();
});

// A form that sends a file says so while the file goes up, and cannot be sent twice; coming back to the page
// (the browser's back button) makes it usable again.
document.addEventListener('submit', function (e) {
  var form = e.target;
  if (e.defaultPrevented || form.enctype !== 'multipart/form-data') return;
  var note = document.querySelector('meta[name="hemei-uploading"]');
  form.querySelectorAll('button[type=submit], button:not([type])').forEach(function (b) { b.disabled = true; });
  var status = form.querySelector('.upload-status') || form.appendChild(document.createElement('p'));
  status.className = 'upload-status'; status.setAttribute('role', 'status');
  status.innerHTML = '<progress></progress> ';
  status.appendChild(document.createTextNode(note ? note.content : ''));
});
window.addEventListener('pageshow', function () {
  document.querySelectorAll('form[enctype="multipart/form-data"] button[disabled]').forEach(function (b) { b.disabled = false; });
  document.querySelectorAll('.upload-status').forEach(function (s) { s.remove(); });
});

// Lists as cards on a phone (table.cards, see hemei.css): each cell is labelled with its column's heading, also in
// rows that htmx swaps in later.
(function () {
  function label(root) {
    root.querySelectorAll('table.cards').forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
      table.querySelectorAll('tbody tr').forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (td, i) {
          if (!td.hasAttribute('colspan') && heads[i]) td.setAttribute('data-label', heads[i]);
        });
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () { label(document); });
  document.addEventListener('htmx:afterSettle', function () { label(document); });
})();
