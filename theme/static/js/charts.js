/* Marsad charts: progressive enhancement of the static charts (plugins/charts).
 *
 * Every <figure class="chart"> already shows a static SVG and carries its
 * Vega-Lite spec in a <script type="application/json">. This file (deferred)
 * waits until the page has loaded, so the story is readable first on a slow
 * connection, then inserts the self-hosted Vega bundle, whose hashed URL it
 * reads from its own data-vega-bundle attribute (no inline script: the CSP
 * allows none, and script-src 'self' allows this same-origin file). When the
 * bundle has run, each SVG is swapped for the interactive view with tooltips,
 * in the layout drawn for the column's width (the phone's or the wide one).
 * Under the site's Content-Security-Policy: expressions run through Vega's
 * interpreter (no eval), no <style> is injected (charts.css styles the view and
 * tooltips), nothing else is fetched, and the "open in editor" action, which
 * posts the data to another site, is off. If anything fails the static chart
 * simply stays.
 */
(function () {
  "use strict";
  var FIGURES = "figure.chart[data-chart-spec]";
  var self = document.currentScript;
  var bundle = self && self.getAttribute("data-vega-bundle");

  function options(vega) {
    var chosen = {
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
      chosen.expr = vega.expressionInterpreter;
    }
    return chosen;
  }

  // The width from which charts.css shows the wide static drawing (its container
  // query); the interactive view takes the layout drawn for the same width.
  var WIDE = 620;

  function enhance(figure, embed, settings) {
    var id = figure.getAttribute("data-chart-spec");
    var view = figure.querySelector(".chart__view");
    var script = document.getElementById(id);
    var wide = document.getElementById(id + "-wide");
    if (wide && view && view.clientWidth >= WIDE) {
      script = wide;
    }
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
    holder.setAttribute("data-layout", script === wide ? "wide" : "narrow");
    view.classList.add("chart__view--loading");
    view.appendChild(holder);
    embed(holder, spec, settings).then(function () {
      Array.prototype.forEach.call(view.querySelectorAll(".chart__static"), function (drawing) {
        drawing.remove();
      });
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

  function enhanceAll() {
    var embed = window.vegaEmbed;
    if (typeof embed !== "function") {
      return;
    }
    var settings = options(window.vega);
    Array.prototype.forEach.call(document.querySelectorAll(FIGURES), function (figure) {
      enhance(figure, embed, settings);
    });
  }

  function loadBundle() {
    if (typeof window.vegaEmbed === "function") {
      enhanceAll();
      return;
    }
    var script = document.createElement("script");
    script.src = bundle;
    script.addEventListener("load", enhanceAll);
    document.head.appendChild(script);
  }

  if (!bundle || !document.querySelector(FIGURES)) {
    return;
  }
  if (document.readyState === "complete") {
    loadBundle();
  } else {
    window.addEventListener("load", loadBundle, { once: true });
  }
}());
