// Every htmx and fetch call from a signed-in page carries the CSRF token from the page's meta tags.
(function () {
  function csrf() {
    var t = document.querySelector('meta[name="_csrf"]'), h = document.querySelector('meta[name="_csrf_header"]');
    return t && h ? { header: h.content, token: t.content } : null;
  }
  document.addEventListener('htmx:configRequest', function (e) {
    var c = csrf(); if (c) e.detail.headers[c.header] = c.token;
  });
  window.hemeiFetch = function (url, options) {
    options = options || {}; options.headers = options.headers || {};
    var c = csrf(); if (c) options.headers[c.header] = c.token;
    options.headers['Accept'] = 'application/json';
    return fetch(url, options);
  };
})();
