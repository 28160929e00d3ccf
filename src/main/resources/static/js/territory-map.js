// Territory map: grids of the selected division, click to locate a point. Tiles only when configured
// (hemei.map.tile-url); without them the grids are drawn on a plain background.
(function () {
  var el = document.getElementById('map');
  if (!el || !window.L) return;
  var map = L.map(el, { zoomControl: true }).setView([28.23, 112.94], 10);
  if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
  var marker = null;
  hemeiFetch('/api/territory/divisions/' + el.dataset.code + '/grids').then(function (r) { return r.json(); }).then(function (grids) {
    if (!grids.length) return;
    var layer = L.geoJSON({ type: 'FeatureCollection', features: grids.map(function (g) {
      return { type: 'Feature', geometry: JSON.parse(g.geometry), properties: g };
    }) }, {
      style: function (f) { return { color: f.properties.synthetic ? '#b26a00' : '#b71c1c', weight: 1, fillOpacity: 0.08 }; },
      onEachFeature: function (f, l) { l.bindTooltip(f.properties.name); }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
  });
  map.on('click', function (e) {
    var lat = e.latlng.lat.toFixed(6), lng = e.latlng.lng.toFixed(6);
    if (marker) marker.remove();
    marker = L.marker(e.latlng).addTo(map);
    hemeiFetch('/api/territory/locate?lat=' + lat + '&lng=' + lng + '&crs=wgs84').then(function (r) { return r.json(); }).then(function (loc) {
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
