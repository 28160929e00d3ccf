// Board map: a marker per listed order with a location, over the districts and the outlines of the pins' streets; redrawn when htmx refreshes the list.
(function () {
  var el = document.getElementById('board-map');
  if (!el || !window.L) return;
  var map = hemeiMap(el, 10), layer = L.layerGroup().addTo(map), streets = {};
  hemeiShapes(map, '430100');
  // says so when no listed order has a location, rather than leaving an empty map
  var empty = L.control({ position: 'topright' });
  empty.onAdd = function () {
    var div = L.DomUtil.create('div', 'map-note');
    div.textContent = el.dataset.empty || '';
    return div;
  };
  function draw() {
    layer.clearLayers();
    var bounds = [];
    document.querySelectorAll('tr[data-lat]').forEach(function (tr) {
      var lat = parseFloat(tr.dataset.lat), lng = parseFloat(tr.dataset.lng);
      if (isNaN(lat) || isNaN(lng)) return;
      var hazard = tr.classList.contains('hazard'), overdue = tr.classList.contains('overdue');
      L.circleMarker([lat, lng], { radius: hazard ? 9 : 6, color: hazard ? '#b71c1c' : overdue ? '#b26a00' : '#1a237e' })
        .bindTooltip(hemeiText(tr.dataset.number)).on('click', function () { location.href = '/casework/orders/' + tr.dataset.id; })
        .addTo(layer);
      bounds.push([lat, lng]);
      var street = (tr.dataset.division || '').substring(0, 9);
      if (street.length === 9 && !streets[street] && Object.keys(streets).length < 10) {
        streets[street] = true; // the pins' streets and their communities outlined, each once (ten at most)
        hemeiShapes(map, street, { color: '#1a237e', weight: 1, dashArray: '4 4', fill: false });
      }
    });
    if (bounds.length) map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] });
    if (bounds.length) empty.remove(); else empty.addTo(map);
  }
  draw();
  document.body.addEventListener('htmx:afterSwap', draw);
})();
