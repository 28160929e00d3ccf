// Report page: a pin on the map (or the phone's location) fills lat/lng in WGS-84.
(function () {
  var el = document.getElementById('report-map');
  if (!el || !window.L) return;
  var map = hemeiMap(el, 11), marker = null;
  el._map = map; // lets tests and other scripts move the view
  var lat = document.getElementById('lat'), lng = document.getElementById('lng');
  function place(latlng) {
    if (marker) marker.setLatLng(latlng); else marker = L.marker(latlng).addTo(map);
    lat.value = latlng.lat.toFixed(6); lng.value = latlng.lng.toFixed(6);
  }
  if (lat.value && lng.value) place(L.latLng(+lat.value, +lng.value));
  hemeiShapes(map, '430100');
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
