// Filters the examples' rows by their data-* attributes; reads no text from the data and writes only counts.
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.example'));
  var threshold = document.getElementById('low-confidence');
  var shown = document.getElementById('shown');
  function keep(row, filter) {
    if (filter === 'disagreements') return row.dataset.disagree === 'true';
    if (filter === 'errors') return row.dataset.error === 'true';
    if (filter === 'low-confidence') {
      return row.dataset.confidence !== '' && parseFloat(row.dataset.confidence) <= parseFloat(threshold.value);
    }
    return true;
  }
  function apply() {
    var filter = document.querySelector('input[name=filter]:checked').value;
    var count = 0;
    rows.forEach(function (row) {
      row.hidden = !keep(row, filter);
      if (!row.hidden) count++;
    });
    shown.textContent = count + ' of ' + rows.length + ' shown';
  }
  // report.html#errors opens with that filter chosen.
  var chosen = document.getElementById('filter-' + location.hash.slice(1));
  if (chosen && chosen.name === 'filter') chosen.checked = true;
  var form = document.getElementById('filters');
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  threshold.addEventListener('input', apply);
  apply();
  document.body.dataset.filtersReady = 'true';
})();
