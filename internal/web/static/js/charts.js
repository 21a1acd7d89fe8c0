// Draws every chart of a page: each [data-chart] element holds its ECharts option as JSON
// in the attribute (escaped by the server's templates, so a label is always data, never
// code). This is the only script that touches charts; ECharts itself comes from our own
// server. Without JavaScript, or when a chart fails, the table next to it stays visible.
(function () {
  "use strict";
  var nodes = document.querySelectorAll("[data-chart]");
  if (!window.echarts || !nodes.length) return;
  var drawn = [];
  var print = false;
  Array.prototype.forEach.call(nodes, function (node) {
    var figure = node.parentNode;
    var forPrint = node.hasAttribute("data-chart-print");
    print = print || forPrint;
    try {
      var option = JSON.parse(node.getAttribute("data-chart"));
      figure.classList.add("chart-drawn"); // gives the element its size first
      var chart = window.echarts.init(node, null, {
        renderer: "canvas",
        // Paper needs more dots than a screen; the print view's canvases scale to the page.
        devicePixelRatio: forPrint ? Math.max(window.devicePixelRatio || 1, 2) : undefined
      });
      chart.setOption(option);
      drawn.push(chart);
    } catch (e) {
      figure.classList.remove("chart-drawn");
    }
  });

  if (!print) {
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        drawn.forEach(function (chart) { chart.resize(); });
      }, 150);
    });
  }

  var printButton = document.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
})();
