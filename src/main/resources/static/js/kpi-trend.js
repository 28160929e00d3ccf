// Measures page: the by-day table drawn as demands received (bars) and the share handled on time (line, %).
// It reads the table's rows, so the picture never says anything the table does not.
(function () {
  var el = document.getElementById('kpi-trend');
  if (!el || !window.echarts) return;
  var rows = [].slice.call(document.querySelectorAll('table.kpi-days tr[data-day]')).reverse(); // oldest first
  if (!rows.length) { el.hidden = true; return; }
  var chart = echarts.init(el);
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: [el.dataset.received, el.dataset.ontime] },
    grid: { left: 40, right: 48, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map(function (r) { return r.dataset.day.slice(5); }) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [
      { name: el.dataset.received, type: 'bar', itemStyle: { color: '#b71c1c' },
        data: rows.map(function (r) { return Number(r.dataset.received); }) },
      { name: el.dataset.ontime, type: 'line', yAxisIndex: 1, itemStyle: { color: '#1a237e' },
        data: rows.map(function (r) { return r.dataset.ontime ? Math.round(Number(r.dataset.ontime) * 1000) / 10 : null; }) }
    ]
  });
  window.addEventListener('resize', function () { chart.resize(); });
})();
