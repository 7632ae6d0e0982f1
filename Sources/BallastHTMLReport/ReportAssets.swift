/// The report's fixed style sheet and script, inlined into every report (nothing is loaded from
/// anywhere). The script: hover shows every chart's values at the cursor's time, dragging across a
/// chart zooms every time chart to that range, double-click resets; an uncaught error is written
/// to `body[data-script-error]` (the browser test reads it). Neither contains a Mustache tag
/// delimiter (two braces in a row), so the template copies them as they are.
enum ReportAssets {
    static let style = """
        :root { --ink:#1f2933; --muted:#66788a; --line:#d9e2ec; --bg:#ffffff; --panel:#f7f9fb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        header { padding: 18px 28px 10px; border-bottom: 1px solid var(--line); background: var(--panel); }
        h1 { margin: 0 0 8px; font-size: 22px; } h1 small, h2 small { color: var(--muted); font-weight: normal; font-size: 14px; }
        h2 { font-size: 18px; margin: 26px 0 8px; } h2.sub { font-size: 16px; margin-top: 18px; border-top: 1px solid var(--line); padding-top: 12px; }
        h3 { font-size: 13px; margin: 0; font-weight: 600; }
        main { padding: 0 28px 28px; max-width: 1400px; }
        nav a { color: #2563eb; text-decoration: none; }
        .facts { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0 0 8px; }
        .facts div { display: flex; gap: 6px; } .facts dt { color: var(--muted); } .facts dd { margin: 0; }
        .note { color: var(--muted); margin: 4px 0 10px; font-size: 13px; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; }
        th, td { padding: 3px 6px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
        thead th { background: var(--panel); position: sticky; top: 0; }
        tbody th, td:first-child, thead th:first-child { text-align: left; }
        table.trades td:nth-child(2), table.trades td:nth-child(3), table.trades td:last-child { text-align: left; }
        tr.win td:nth-child(9) { color: #15803d; } tr.loss td:nth-child(9) { color: #b91c1c; }
        .chart { margin: 10px 0 14px; }
        .legend { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 12px; margin: 2px 0; }
        .key::before { content: ""; display: inline-block; width: 16px; height: 3px; margin: 0 5px 3px 0; vertical-align: middle; background: currentColor; }
        .key.lim::before { height: 0; border-top: 2px dashed currentColor; background: none; }
        .tip { font-size: 12px; color: var(--muted); min-height: 17px; font-variant-numeric: tabular-nums; }
        .tip b { color: var(--ink); font-weight: 600; }
        svg.tc { display: block; width: 100%; height: auto; overflow: hidden; user-select: none; cursor: crosshair; }
        svg.tc text { font-size: 11px; fill: var(--muted); }
        .grid line { stroke: #eef2f6; } .grid text { text-anchor: end; dominant-baseline: middle; }
        .xt text { text-anchor: middle; } .axis { stroke: #b8c4d0; }
        polyline.s { fill: none; stroke-width: 1.6; vector-effect: non-scaling-stroke; stroke-linejoin: round; }
        polyline.lim { stroke-dasharray: 6 4; stroke-width: 1.2; }
        line.mark { stroke: #f59e0b; stroke-width: 1; stroke-dasharray: 2 2; vector-effect: non-scaling-stroke; }
        line.mark:hover { stroke-width: 3; stroke-dasharray: none; }
        .cursor { stroke: #334155; stroke-width: 1; pointer-events: none; }
        .sel { fill: rgba(37, 99, 235, 0.12); pointer-events: none; }
        .c0 { color:#1d4ed8; stroke:#1d4ed8; } .c1 { color:#ea580c; stroke:#ea580c; } .c2 { color:#16a34a; stroke:#16a34a; }
        .c3 { color:#9333ea; stroke:#9333ea; } .c4 { color:#0891b2; stroke:#0891b2; } .c5 { color:#db2777; stroke:#db2777; }
        .c6 { color:#65a30d; stroke:#65a30d; } .c7 { color:#a16207; stroke:#a16207; } .c8 { color:#475569; stroke:#475569; }
        .c9 { color:#dc2626; stroke:#dc2626; }
        footer { color: var(--muted); font-size: 12px; padding: 14px 28px 24px; }
        """

    static let script = """
        (function () {
          "use strict";
          window.addEventListener("error", function (event) {
            document.body.setAttribute("data-script-error", String(event.message));
          });
          var L = 64, W = 1000, TOP = 6;
          var charts = Array.prototype.slice.call(document.querySelectorAll("svg.tc"));
          if (charts.length === 0) { return; }
          var T0 = parseFloat(charts[0].getAttribute("data-t0"));
          var T1 = parseFloat(charts[0].getAttribute("data-t1"));
          var z0 = T0, z1 = T1;
          function two(n) { return (n < 10 ? "0" : "") + n; }
          function date(t, withTime) {
            var d = new Date(t * 1000);
            var text = d.getUTCFullYear() + "-" + two(d.getUTCMonth() + 1) + "-" + two(d.getUTCDate());
            return withTime ? text + " " + two(d.getUTCHours()) + ":" + two(d.getUTCMinutes()) : text;
          }
          function format(v, unit) {
            if (unit === "money") { return v.toFixed(0); }
            if (unit === "percent") { return (v * 100).toFixed(2) + "%"; }
            if (unit === "factor") { return v.toFixed(2); }
            return v.toFixed(0);
          }
          function points(line) {
            if (!line.parsed) {
              var text = line.getAttribute("points").trim();
              line.parsed = text === "" ? [] : text.split(/\\s+/).map(function (pair) {
                var c = pair.split(","); return [parseFloat(c[0]), parseFloat(c[1])];
              });
            }
            return line.parsed;
          }
          function valueAt(line, x, svg) {
            var p = points(line);
            if (p.length === 0 || x < p[0][0]) { return null; }
            var lo = 0, hi = p.length - 1;
            while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (p[mid][0] <= x) { lo = mid; } else { hi = mid - 1; } }
            var v0 = parseFloat(svg.getAttribute("data-v0")), v1 = parseFloat(svg.getAttribute("data-v1"));
            var h = parseFloat(svg.getAttribute("data-h"));
            return v1 - (p[lo][1] - TOP) / h * (v1 - v0);
          }
          function toX(t) { return L + (t - z0) / (z1 - z0) * W; }
          function toTime(svgX) { return z0 + (svgX - L) / W * (z1 - z0); }
          function svgX(svg, event) {
            var box = svg.getBoundingClientRect();
            return (event.clientX - box.left) / box.width * 1104;
          }
          var short = (T1 - T0) < 5 * 86400;
          function applyZoom() {
            var k = (T1 - T0) / (z1 - z0);
            var shift = L - k * (L + (z0 - T0) / (T1 - T0) * W);
            charts.forEach(function (svg) {
              svg.querySelector("g.plot").setAttribute("transform", "translate(" + shift + ",0) scale(" + k + ",1)");
              var ticks = svg.querySelector("g.xt"), y = ticks.getAttribute("data-y");
              while (ticks.firstChild) { ticks.removeChild(ticks.firstChild); }
              for (var i = 0; i <= 5; i++) {
                var t = z0 + (z1 - z0) * i / 5;
                var label = document.createElementNS("http://www.w3.org/2000/svg", "text");
                label.setAttribute("x", String(L + W * i / 5)); label.setAttribute("y", y);
                label.textContent = date(t, short || (z1 - z0) < 5 * 86400);
                ticks.appendChild(label);
              }
            });
          }
          function hover(t) {
            charts.forEach(function (svg) {
              var x = toX(t);
              var cursor = svg.querySelector(".cursor");
              cursor.setAttribute("x1", String(x)); cursor.setAttribute("x2", String(x));
              var original = L + (t - T0) / (T1 - T0) * W;
              var tip = svg.parentNode.querySelector(".tip");
              while (tip.firstChild) { tip.removeChild(tip.firstChild); }
              tip.appendChild(document.createTextNode(date(t, (z1 - z0) < 20 * 86400) + "  "));
              svg.querySelectorAll("polyline.s").forEach(function (line) {
                var exact = line.getAttribute("data-value");
                var v = exact !== null ? parseFloat(exact) : valueAt(line, original, svg);
                if (v === null) { return; }
                var b = document.createElement("b");
                b.textContent = line.getAttribute("data-name") + " ";
                tip.appendChild(b);
                tip.appendChild(document.createTextNode(format(v, svg.getAttribute("data-unit")) + "   "));
              });
            });
          }
          var dragStart = null, dragSvg = null;
          charts.forEach(function (svg) {
            svg.addEventListener("mousemove", function (event) {
              var x = Math.max(L, Math.min(L + W, svgX(svg, event)));
              hover(toTime(x));
              if (dragStart !== null && dragSvg === svg) {
                var sel = svg.querySelector(".sel");
                sel.setAttribute("x", String(Math.min(dragStart, x)));
                sel.setAttribute("width", String(Math.abs(x - dragStart)));
              }
            });
            svg.addEventListener("mousedown", function (event) {
              dragStart = Math.max(L, Math.min(L + W, svgX(svg, event))); dragSvg = svg;
            });
            svg.addEventListener("mouseup", function (event) {
              if (dragStart === null) { return; }
              var x = Math.max(L, Math.min(L + W, svgX(svg, event)));
              svg.querySelector(".sel").setAttribute("width", "0");
              if (Math.abs(x - dragStart) > 4) {
                var a = toTime(Math.min(x, dragStart)), b = toTime(Math.max(x, dragStart));
                z0 = a; z1 = b; applyZoom();
              }
              dragStart = null; dragSvg = null;
            });
            svg.addEventListener("dblclick", function () { z0 = T0; z1 = T1; applyZoom(); });
          });
          document.body.setAttribute("data-charts", String(charts.length));
        })();
        """
}
