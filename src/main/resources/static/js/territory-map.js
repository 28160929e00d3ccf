// Territory map: boundaries of the selected division and its children, its grids, and click-to-locate.
(function () {
  var el = document.getElementById('map');
  if (!el || !window.L) return;
  var map = hemeiMap(el, 10);
  var code = el.dataset.code, marker = null, fitted = false;

  function collection(items) {
    return { type: 'FeatureCollection', features: items.map(function (s) {
      return { type: 'Feature', geometry: JSON.parse(s.geometry), properties: s };
    }) };
  }
  function json(url) { return hemeiFetch(url).then(function (r) { return r.json(); }); }

  hemeiShapes(map, code, function (f) {
    return { color: '#1a237e', weight: f.properties.code === code ? 3 : 1.5, dashArray: f.properties.synthetic ? '6 4' : null, fill: false };
  }).then(function (layer) {
    if (layer && !fitted) { map.fitBounds(layer.getBounds()); fitted = true; }
  });
  json('/api/territory/divisions/' + code + '/grids').then(function (grids) {
    if (!grids.length) return;
    var layer = L.geoJSON(collection(grids), {
      style: function (f) { return { color: f.properties.synthetic ? '#b26a00' : '#b71c1c', weight: 1, fillOpacity: 0.08 }; },
      onEachFeature: function (f, l) { l.bindTooltip(hemeiText(f.properties.name)); }
    }).addTo(map);
    if (code.length >= 9 || !fitted) { map.fitBounds(layer.getBounds()); fitted = true; }
  });

  map.on('click', function (e) {
    var lat = e.latlng.lat.toFixed(6), lng = e.latlng.lng.toFixed(6);
    if (marker) marker.remove();
    marker = L.marker(e.latlng).addTo(map);
    json('/api/territory/locate?lat=' + lat + '&lng=' + lng + '&crs=wgs84').then(function (loc) {
      var out = document.getElementById('located');
      out.textContent = '';
      var title = document.createElement('strong');
      title.textContent = lat + ', ' + lng;
      out.appendChild(title);
      var list = document.createElement('ul');
      [['district', loc.district], ['street', loc.street], ['community', loc.community], ['grid', loc.grid]].forEach(function (p) {
        var li = document.createElement('li');
        li.className = 'located-' + p[0];
        li.textContent = p[1] ? p[1].name + ' (' + p[1].code + ')' : '—';
        list.appendChild(li);
      });
      out.appendChild(list);
    });
  });
})();
