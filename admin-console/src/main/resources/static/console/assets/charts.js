// Draws a bar chart beside every table marked data-chart, from the numbers in the table itself, so a
// chart can never say something its table does not.
(function () {
  function draw() {
    document.querySelectorAll('table[data-chart]').forEach(function (table) {
      var canvas = table.closest('section').querySelector('canvas');
      if (!canvas || canvas.dataset.drawn) {
        return;
      }
      var column = Number(table.dataset.valueColumn);
      var labels = [];
      var values = [];
      table.querySelectorAll('tbody tr').forEach(function (row) {
        labels.push(row.children[0].textContent.trim());
        values.push(Number(row.children[column].textContent.trim()));
      });
      var header = table.querySelectorAll('thead th')[column].textContent.trim();
      new Chart(canvas, {
        type: table.dataset.chart,
        data: {labels: labels, datasets: [{label: header, data: values, backgroundColor: '#13315c'}]},
        options: {animation: false, maintainAspectRatio: false, plugins: {legend: {display: false}}}
      });
      canvas.dataset.drawn = 'true';
    });
  }
  draw();
  document.addEventListener('htmx:afterSettle', draw);
})();
