/* The dashboard's charts, drawn with the vendored Chart.js from the JSON data block #dashboard-charts (json_script):
   no inline script (the Content-Security-Policy). Every chart's numbers are also in the table beside it, which is
   what a reader without script or with a screen reader uses; the canvas is marked as an image with its title.
   - each series has a fill pattern (solid, stripes, dots) as well as a colour, and the legend shows it;
   - each bar carries its number, drawn on it (not only on hover);
   - a bar that counts agencies opens the list of those agencies when clicked. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-charts");
  if (!source || typeof window.Chart === "undefined") { return; }
  var Chart = window.Chart;
  var data = JSON.parse(source.textContent);
  var big = window.matchMedia("(min-width: 700px)").matches;

  Chart.defaults.font.size = big ? 18 : 14;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1d2733";
  Chart.defaults.animation = false;

  function pattern(kind, colour) {
    if (kind === "solid") { return colour; }
    var size = 12;
    var tile = document.createElement("canvas");
    tile.width = size;
    tile.height = size;
    var ctx = tile.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, size, size);
    ctx.fillStyle = colour;
    ctx.strokeStyle = colour;
    if (kind === "stripes") {
      ctx.lineWidth = 4;
      ctx.beginPath();
      ctx.moveTo(-2, size + 2); ctx.lineTo(size + 2, -2);
      ctx.moveTo(-2, 2); ctx.lineTo(2, -2);
      ctx.moveTo(size - 2, size + 2); ctx.lineTo(size + 2, size - 2);
      ctx.stroke();
    } else {
      ctx.beginPath();
      ctx.arc(size / 2, size / 2, 3.2, 0, 2 * Math.PI);
      ctx.fill();
    }
    return ctx.createPattern(tile, "repeat");
  }

  /* The number of each bar, on a white label so that it reads over any fill. */
  var valueLabels = {
    id: "valueLabels",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = "bold " + Chart.defaults.font.size + "px " + Chart.defaults.font.family;
      ctx.textBaseline = "middle";
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) { return; }
        meta.data.forEach(function (bar, j) {
          var text = (ds.texts || [])[j];
          var value = ds.data[j];
          if (!text || (chart.options.stackedChart && !value)) { return; }
          var p = bar.getProps(["x", "y", "base"], true);
          if (value === null) {  /* nothing to divide by: say so at the axis rather than leave a gap */
            p = {x: chart.scales.x.getPixelForValue(0), base: chart.scales.x.getPixelForValue(0), y: p.y};
          }
          if (!isFinite(p.y)) { return; }
          var width = ctx.measureText(text).width + 8;
          var inside = Math.abs(p.x - p.base) > width + 6;
          /* A stacked segment too narrow for its number: the last one of the bar takes it after the bar; the
             others leave it to the table rather than overprint their neighbour. */
          var last = !chart.data.datasets.slice(i + 1).some(function (other) { return other.data[j]; });
          if (chart.options.stackedChart && !inside && !last) { return; }
          var x = inside ? (p.x + p.base) / 2 - width / 2 : p.x + 6;
          x = Math.max(chart.chartArea.left + 2, Math.min(x, chart.chartArea.right - width - 2));
          var h = Chart.defaults.font.size + 6;
          ctx.fillStyle = "rgba(255,255,255,0.92)";
          ctx.fillRect(x, p.y - h / 2, width, h);
          ctx.fillStyle = "#1d2733";
          ctx.fillText(text, x + 4, p.y + 1);
        });
      });
      ctx.restore();
    }
  };

  function draw(canvas, spec) {
    var stacked = !!spec.stacked;
    var rows = spec.labels.length;
    var perRow = stacked ? 1.6 : spec.datasets.length;
    canvas.parentNode.style.height = Math.max(180, 90 + rows * perRow * (big ? 44 : 34)) + "px";
    var chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (ds) {
          return {label: ds.label, data: ds.data, texts: ds.texts, urls: ds.urls,
                  backgroundColor: pattern(ds.pattern, ds.colour), borderColor: ds.colour, borderWidth: 2};
        })
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        stackedChart: stacked,
        plugins: {
          legend: {display: spec.datasets.length > 1, position: "top", labels: {boxWidth: big ? 36 : 24, boxHeight: big ? 22 : 16}},
          tooltip: {callbacks: {label: function (item) {
            return item.dataset.label + ": " + (item.dataset.texts[item.dataIndex] || "");
          }}}
        },
        scales: {
          x: {stacked: stacked, beginAtZero: true, max: spec.max || undefined,
              ticks: {precision: 0, callback: function (v) { return spec.unit === "đ" ? "" : v + (spec.unit ? " " + spec.unit : ""); }}},
          y: {stacked: stacked, ticks: {autoSkip: false}}
        },
        onClick: function (event, elements) {
          if (!elements.length) { return; }
          var ds = chart.data.datasets[elements[0].datasetIndex];
          var url = (ds.urls || [])[elements[0].index];
          if (url) { window.location.assign(url); }
        },
        onHover: function (event, elements) {
          var ds = elements.length ? chart.data.datasets[elements[0].datasetIndex] : null;
          event.native.target.style.cursor = ds && (ds.urls || [])[elements[0].index] ? "pointer" : "default";
        }
      },
      plugins: [valueLabels]
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
    var spec = data[canvas.getAttribute("data-chart")];
    if (spec) { draw(canvas, spec); }
  });
}());
