/* Draws the overview's KPI charts from its data block (web/pages/kpis.ts); the table below holds the same figures. */
(function () {
  var block = document.getElementById('kpi-data');
  if (!block || typeof Chart === 'undefined') return;
  var data = JSON.parse(block.textContent);
  var still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var options = {
    animation: still ? false : undefined,
    responsive: true,
    plugins: { legend: { position: 'bottom' } },
    scales: { x: { ticks: { autoSkip: false } }, y: { beginAtZero: true } },
  };
  data.charts.forEach(function (chart) {
    new Chart(document.getElementById(chart.id), {
      type: 'bar',
      data: { labels: data.labels, datasets: chart.datasets },
      options: options,
    });
  });
})();
