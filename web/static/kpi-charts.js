/* Draws the KPI charts of the overview from its data block; the table beside them holds the same figures. */
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
  // Colours with enough contrast against white and against each other (NL Design System blue, orange, dark red).
  new Chart(document.getElementById('kpi-doorlooptijden'), {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: 'Dagen tot intake', data: data.toIntake, backgroundColor: '#24578f' },
        { label: 'Dagen tot afsluiting', data: data.toClosure, backgroundColor: '#b35c00' },
      ],
    },
    options: options,
  });
  new Chart(document.getElementById('kpi-uitstroom'), {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: 'Uitstroom', data: data.closed, backgroundColor: '#24578f' },
        { label: 'Afgeschaald', data: data.steppedDown, backgroundColor: '#b35c00' },
        { label: 'Op maximale duur', data: data.closedAtMaximum, backgroundColor: '#a0001c' },
      ],
    },
    options: options,
  });
})();
