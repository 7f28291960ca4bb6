/**
 * Browser code drawing each `.waterfall[data-chart=i]` with uPlot from the JSON in #gap-data
 * (steps of waterfall-data.ts). It reads data only through JSON.parse and draws on a canvas:
 * no captured text becomes markup or code. Floating bars are uPlot bars with per-bar bottoms
 * (disp.y0/y1) and colours (disp.fill); each bar is labelled with its value, and axis labels
 * break at spaces so six causes fit side by side.
 */
export const WATERFALL_SCRIPT = String.raw`(function () {
  var source = document.getElementById('gap-data');
  if (!source || typeof uPlot !== 'function') return;
  var charts = JSON.parse(source.textContent || '[]');
  var COLOURS = { total: '#8393ab', loss: '#e0795f', unexplained: '#8e6cc2', observed: '#2f5d9e' };
  var dpr = window.devicePixelRatio || 1;
  document.querySelectorAll('.waterfall[data-chart]').forEach(function (el) {
    var chart = charts[Number(el.getAttribute('data-chart'))];
    if (!chart || !chart.steps || !chart.steps.length) return;
    var steps = chart.steps;
    var xs = steps.map(function (_, i) { return i; });
    var low = steps.map(function (s) { return Math.min(s.from, s.to) * 100; });
    var high = steps.map(function (s) { return Math.max(s.from, s.to) * 100; });
    var fills = steps.map(function (s) { return COLOURS[s.kind] || COLOURS.total; });
    var top = Math.ceil(Math.max.apply(null, [100].concat(high)) / 10) * 10;
    var width = Math.max(320, Math.min(el.clientWidth || 560, 820));
    var label = function (s) {
      if (s.kind === 'total' || s.kind === 'observed') return (s.to * 100).toFixed(1) + '%';
      var delta = (s.to - s.from) * 100;
      return (delta > 0 ? '+' : delta < 0 ? '\u2212' : '') + Math.abs(delta).toFixed(1) + ' pts';
    };
    new uPlot({
      width: width,
      height: 250,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.6, steps.length - 0.4] }, y: { range: [0, top] } },
      axes: [
        { splits: function () { return xs; }, values: function (u, splits) { return splits.map(function (i) { return steps[i] ? String(steps[i].label).replace(/ /g, '\n') : ''; }); }, grid: { show: false }, ticks: { show: false }, font: '12px system-ui, sans-serif', size: 48 },
        { values: function (u, splits) { return splits.map(function (v) { return v + '%'; }); }, font: '12px system-ui, sans-serif', size: 48 },
      ],
      series: [
        {},
        {
          label: chart.vendor,
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars({
            size: [0.62, 90],
            disp: {
              y0: { unit: 1, values: function () { return low; } },
              y1: { unit: 1, values: function () { return high; } },
              fill: { unit: 3, values: function () { return fills; } },
            },
          }),
        },
      ],
      hooks: {
        draw: [function (u) {
          var ctx = u.ctx;
          ctx.save();
          ctx.font = Math.round(12 * dpr) + 'px system-ui, sans-serif';
          ctx.fillStyle = '#1d2330';
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          steps.forEach(function (s, i) {
            ctx.fillText(label(s), u.valToPos(i, 'x', true), u.valToPos(high[i], 'y', true) - 4 * dpr);
          });
          ctx.restore();
        }],
      },
    }, [xs, high], el);
  });
})();`;
