/* Marsad charts: progressive enhancement of the static charts (plugins/charts).
 *
 * Every <figure class="chart"> already shows a static SVG and carries its
 * Vega-Lite spec in a <script type="application/json">. Once the self-hosted
 * Vega bundle (loaded before this file, both deferred) is there, the SVG is
 * swapped for the interactive view with tooltips. Under the site's
 * Content-Security-Policy: expressions run through Vega's interpreter (no eval),
 * no <style> is injected (charts.css styles the view and tooltips), nothing is
 * fetched, and the "open in editor" action, which posts the data to another
 * site, is off. If anything fails the static chart simply stays.
 */
(function () {
  "use strict";
  var embed = window.vegaEmbed;
  var vega = window.vega;
  if (typeof embed !== "function") {
    return;
  }
  var options = {
    actions: false,
    renderer: "svg",
    // ast: expressions are parsed to a syntax tree and interpreted (no eval,
    // no new Function). vl-convert's bundle leaves window.vega null, so
    // vega.expressionInterpreter is not reachable; with ast: true vega-embed
    // then uses the interpreter it bundles (vega-interpreter).
    ast: true,
    defaultStyle: false,
    tooltip: { theme: "custom", disableDefaultStyle: true },
    logLevel: 1 // vega.Error: keep Vega's warnings out of the reader's console
  };
  if (vega && vega.expressionInterpreter) {
    options.expr = vega.expressionInterpreter;
  }

  function enhance(figure) {
    var script = document.getElementById(figure.getAttribute("data-chart-spec"));
    var view = figure.querySelector(".chart__view");
    if (!script || !view) {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(script.textContent);
    } catch (error) {
      return;
    }
    var holder = document.createElement("div");
    holder.className = "chart__interactive";
    view.classList.add("chart__view--loading");
    view.appendChild(holder);
    embed(holder, spec, options).then(function () {
      var svg = view.querySelector(".chart__svg");
      if (svg) {
        svg.remove();
      }
      view.classList.remove("chart__view--loading");
      figure.classList.add("chart--interactive");
    }).catch(function (error) {
      holder.remove();
      view.classList.remove("chart__view--loading");
      if (window.console) {
        window.console.warn("Marsad: this chart stays static:", error);
      }
    });
  }

  Array.prototype.forEach.call(
    document.querySelectorAll("figure.chart[data-chart-spec]"), enhance);
}());
