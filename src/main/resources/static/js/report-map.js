// Report page: a pin on the map (or the phone's location) fills lat/lng in WGS-84.
(function () {
  var el = document.getElementById('report-map');
  if (!el || !window.L) return;
  var map = L.map(el).setView([28.23, 112.94], 11), marker = null;
  el._map = map; // lets tests and other scripts move the view
  var lat = document.getElementById('lat'), lng = document.getElementById('lng');
  function place(latlng) {
    if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map);
    lat.value = latlng.lat.toFixed(6); lng.value = latlng.lng.toFixed(6);
  }
  if (lat.value && lng.value) place(L.latLng(+lat.value, +lng.value));
  // Grids give a sense of place when no base map is configured.
  hemeiFetch('/api/territory/divisions/430100/shapes').then(function (r) { return r.ok ? r.json() : []; }).then(function (shapes) {
    if (shapes.length) L.geoJSON({ type: 'FeatureCollection', features: shapes.map(function (s) {
      return { type: 'Feature', geometry: JSON.parse(s.geometry), properties: s }; }) },
      { interactive: false, style: { color: '#1a237e', weight: 1, fill: false } }).addTo(map);
  });
  map.on('click', function (e) { place(e.latlng); });
  var button = document.getElementById('use-location'), problem = document.getElementById('location-error');
  function unavailable() { problem.textContent = button.dataset.unavailable; problem.hidden = false; }
  button.addEventListener('click', function () {
    problem.hidden = true;
    if (!navigator.geolocation) return unavailable();
    // Refused, no fix or too slow: say so, and the map stays there to tap.
    navigator.geolocation.getCurrentPosition(function (p) {
      var ll = L.latLng(p.coords.latitude, p.coords.longitude); place(ll); map.setView(ll, 16);
    }, unavailable, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
