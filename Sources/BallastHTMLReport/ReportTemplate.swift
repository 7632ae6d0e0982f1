/// The report's Mustache templates: the page and the `chart` partial.
///
/// Every `{{name}}` is HTML-escaped by Mustache (`&`, `<`, `>`, `"`, `'`): all user text (run
/// name, strategy ids, symbols, reasons, paths, errors) is written that way. The only unescaped
/// values (`{{{points}}}`) are the polylines' coordinates, which `ChartView` builds from numbers
/// alone. The style sheet and the script are fixed text: no CDN, no network.
enum ReportTemplate {
    static let chart = """
        <section class="chart" id="{{id}}">
        <h3>{{title}}</h3>
        <div class="legend">{{#legend}}<span class="key c{{color}}{{#limit}} lim{{/limit}}">{{name}}</span>{{/legend}}</div>
        <div class="tip" aria-live="polite"></div>
        <svg class="tc" viewBox="0 0 1104 {{totalHeight}}" preserveAspectRatio="none" data-t0="{{t0}}" data-t1="{{t1}}" data-v0="{{v0}}" data-v1="{{v1}}" data-h="{{height}}" data-unit="{{unit}}" role="img">
        <clipPath id="{{id}}-clip"><rect x="64" y="0" width="1000" height="{{totalHeight}}"/></clipPath>
        <g class="grid">{{#yTicks}}<line x1="64" x2="1064" y1="{{y}}" y2="{{y}}"/><text x="{{x}}" y="{{y}}">{{label}}</text>{{/yTicks}}</g>
        <line class="axis" x1="64" x2="1064" y1="{{bottom}}" y2="{{bottom}}"/>
        <g class="xt" data-y="{{xTickY}}">{{#xTicks}}<text x="{{x}}" y="{{xTickY}}">{{label}}</text>{{/xTicks}}</g>
        <g clip-path="url(#{{id}}-clip)"><g class="plot">
        {{#markers}}<line class="mark" x1="{{x}}" x2="{{x}}" y1="0" y2="{{bottom}}"><title>{{label}}</title></line>{{/markers}}
        {{#lines}}<polyline class="s c{{color}}{{#limit}} lim{{/limit}}" data-name="{{name}}" data-step="{{step}}"{{#exact}} data-value="{{.}}"{{/exact}} points="{{{points}}}"/>{{/lines}}
        </g></g>
        <line class="cursor" x1="-10" x2="-10" y1="0" y2="{{bottom}}"/>
        <rect class="sel" x="0" y="0" width="0" height="{{bottom}}"/>
        </svg>
        </section>
        """

    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Ballast">
        <title>Ballast report: {{title}} (run {{runID}})</title>
        <style>\(ReportAssets.style)</style>
        </head>
        <body>
        <header>
        <h1>{{title}} <small>run {{runID}}</small></h1>
        <dl class="facts">{{#facts}}<div><dt>{{name}}</dt><dd>{{value}}</dd></div>{{/facts}}</dl>
        <nav><a href="#metrics">Metrics</a> · <a href="#portfolio">Portfolio</a> · <a href="#strategies">Strategies</a> · <a href="#monthly">Monthly returns</a> · <a href="#trades">Trades</a></nav>
        </header>
        <main>
        <section id="metrics">
        <h2>Metrics</h2>
        <p class="note">{{metricsSource}}</p>
        <div class="scroll"><table class="metrics">
        <thead><tr><th>scope</th><th>symbol</th>{{#metricColumns}}<th>{{.}}</th>{{/metricColumns}}</tr></thead>
        <tbody>{{#metrics}}<tr class="metrics-row"><th>{{scope}}</th><td>{{symbol}}</td>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>
        {{/metrics}}</tbody>
        </table></div>
        </section>
        <section id="portfolio">
        <h2>Portfolio</h2>
        <p class="note">Drag across any time chart to zoom all of them; double-click to reset. Hover shows every chart's values at that time. {{limitsNote}}</p>
        {{#portfolioCharts}}{{> chart}}{{/portfolioCharts}}
        </section>
        <section id="strategies">
        <h2>Strategies</h2>
        {{#strategies}}<section class="strategy" id="{{anchor}}">
        <h2 class="sub">{{id}} <small>{{kind}} on {{symbol}}</small></h2>
        {{#charts}}{{> chart}}{{/charts}}
        </section>
        {{/strategies}}
        </section>
        <section id="monthly">
        <h2>Monthly returns (portfolio)</h2>
        <div class="scroll"><table class="monthly">
        <thead><tr><th>year</th><th>Jan</th><th>Feb</th><th>Mar</th><th>Apr</th><th>May</th><th>Jun</th><th>Jul</th><th>Aug</th><th>Sep</th><th>Oct</th><th>Nov</th><th>Dec</th><th>year</th></tr></thead>
        <tbody>{{#monthly}}<tr><th>{{year}}</th>{{#cells}}<td style="{{style}}">{{text}}</td>{{/cells}}</tr>
        {{/monthly}}</tbody>
        </table></div>
        </section>
        <section id="trades">
        <h2>Trades</h2>
        <p class="note">{{tradesNote}}</p>
        <div class="scroll"><table class="trades">
        <thead><tr><th>strategy</th><th>symbol</th><th>side</th><th>entry</th><th>exit</th><th>entry price</th><th>exit price</th><th>quantity</th><th>P&amp;L</th><th>return %</th><th>exit reason</th></tr></thead>
        <tbody>{{#trades}}<tr class="{{tone}}"><td>{{strategy}}</td><td>{{symbol}}</td><td>{{side}}</td><td>{{entry}}</td><td>{{exit}}</td><td>{{entryPrice}}</td><td>{{exitPrice}}</td><td>{{quantity}}</td><td>{{pnl}}</td><td>{{returnPct}}</td><td>{{reason}}</td></tr>
        {{/trades}}</tbody>
        </table></div>
        </section>
        </main>
        <footer>Made by Ballast from the run's journal. Self-contained: no network is used to view it.</footer>
        <script>\(ReportAssets.script)</script>
        </body>
        </html>

        """
}
