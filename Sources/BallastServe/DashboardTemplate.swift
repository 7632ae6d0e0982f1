import BallastHTMLReport

/// The dashboard's Mustache templates. Every `{{name}}` is HTML-escaped (`&`, `<`, `>`, `"`, `'`),
/// which is how all user text is written. The only unescaped values are fragments this server
/// rendered through the same escaping templates (`{{{budgetsHTML}}}`, `{{{commandsHTML}}}`) and the
/// report's charts (`{{{chartsHTML}}}`, from `ReportCharts`). No inline script: the page loads its two
/// scripts from this server (`/assets/…`), and its Content-Security-Policy allows nothing else.
enum DashboardTemplate {
    static let budgets = """
        <h2>Budgets <small>as of <span id="as-of">{{asOf}}</span> · {{status}}</small></h2>
        <p class="note">{{portfolioLine}}{{#portfolioReduceOnly}} <b class="reduce-only">PORTFOLIO REDUCE-ONLY</b>{{/portfolioReduceOnly}}</p>
        {{#noBudgets}}<p class="note">No budget journaled yet: the run has not committed a bar group.</p>{{/noBudgets}}
        <div class="scroll"><table class="budgets">
        <thead><tr><th>strategy</th><th>symbol</th><th>state</th><th>equity</th><th>peak</th><th>dd (sleeve %)</th><th>dd tier</th><th>throttle (reason)</th><th>size ×</th><th>stop ÷</th><th>exposure (sleeve %)</th><th>exposure (portfolio %)</th><th>daily used (sleeve %)</th><th>daily left (sleeve %)</th><th>corr exposure (portfolio %)</th><th>corr headroom (portfolio %)</th></tr></thead>
        <tbody>{{#budgets}}<tr class="budget-row"><td>{{strategy}}</td><td>{{symbol}}</td><td class="text state {{stateClass}}">{{state}}</td><td>{{equity}}</td><td>{{peak}}</td><td>{{drawdown}}</td><td>{{tier}}</td><td class="text">{{throttle}}</td><td>{{sizeFactor}}</td><td>{{stopFactor}}</td><td>{{exposureSleeve}}</td><td>{{exposurePortfolio}}</td><td>{{dailyUsed}}</td><td>{{dailyLeft}}</td><td>{{correlated}}</td><td>{{headroom}}</td></tr>
        {{/budgets}}</tbody>
        </table></div>
        <p class="note">dd tier: 0-based, as in <code>ballast budgets</code> (0 = the first, mildest reduction; — = none, docs/RISK.md). Exposure and corr exposure count open positions and approved, unfilled entries.</p>

        """

    static let commands = """
        <h2>Operator commands</h2>
        <p class="note"><code>ballast halt|resume|flatten --strategy ID | --all</code> or <code>POST /api/runs/{{runID}}/halt|resume|flatten</code> with the token; applied by the live run at its next bar group.</p>
        {{#noCommands}}<p class="note">None.</p>{{/noCommands}}
        {{^noCommands}}<div class="scroll"><table class="commands">
        <thead><tr><th>#</th><th>received</th><th>action</th><th>target</th><th>reason</th><th>source</th><th>applied</th></tr></thead>
        <tbody>{{#commands}}<tr class="command-row"><td>{{id}}</td><td>{{received}}</td><td>{{action}}</td><td class="text">{{target}}</td><td class="text">{{reason}}</td><td>{{source}}</td><td class="text">{{applied}}</td></tr>
        {{/commands}}</tbody>
        </table></div>{{/noCommands}}

        """

    static let page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Ballast">
        <link rel="icon" href="data:,">
        <title>Ballast dashboard: {{name}} (run {{runID}})</title>
        <style>\(ReportCharts.style)
        \(style)</style>
        </head>
        <body data-run="{{runID}}" data-version="{{version}}">
        <header>
        <h1>{{name}} <small>run {{runID}} · {{mode}} · <span id="status">{{status}}</span> · <span id="link">following the journal</span></small></h1>
        <nav>Runs: {{#runs}}<a href="/runs/{{id}}"{{#current}} class="current"{{/current}}>{{label}}</a> {{/runs}} · JSON: <a href="/api/runs">runs</a>, <a href="/api/runs/{{runID}}/budgets">budgets</a></nav>
        </header>
        <main>
        <section id="budgets">{{{budgetsHTML}}}</section>
        <section id="operator">{{{commandsHTML}}}</section>
        <div id="charts">{{{chartsHTML}}}</div>
        </main>
        <footer>Ballast dashboard, read from the run's journal. Nothing is loaded from outside this server.</footer>
        <script src="/assets/report.js"></script>
        <script src="/assets/dashboard.js"></script>
        </body>
        </html>

        """

    static let style = """
        td.text { text-align: left; } table.budgets td:nth-child(2), table.budgets th:nth-child(3) { text-align: left; }
        td.state.halted { color: #b91c1c; font-weight: 600; } td.state.reduce-only { color: #b45309; font-weight: 600; }
        b.reduce-only { color: #b91c1c; } nav a.current { font-weight: 600; }
        #link.lost { color: #b91c1c; }
        """

    /// Follows the run: polls `/api/runs/{id}/commit` every 0.5 s; when its version changes, replaces
    /// the budgets and commands (server-rendered, escaped fragments) at once and the charts at most
    /// every 5 s (a large run's charts take longer to draw), re-running the report's script on them.
    static let script = """
        (function () {
          "use strict";
          var run = document.body.getAttribute("data-run");
          var version = document.body.getAttribute("data-version");
          var chartsDirty = false, chartsAt = Date.now(), busy = false;
          var link = document.getElementById("link");
          function text(url) {
            return fetch(url, { cache: "no-store" }).then(function (r) {
              if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
              return r.text();
            });
          }
          function refreshCharts() {
            chartsDirty = false; chartsAt = Date.now();
            return text("/runs/" + run + "/charts.html").then(function (html) {
              document.getElementById("charts").innerHTML = html;
              var again = document.createElement("script");
              again.src = "/assets/report.js?" + chartsAt;
              document.body.appendChild(again);
            });
          }
          function tick() {
            if (busy) { return; }
            busy = true;
            text("/api/runs/" + run + "/commit").then(function (body) {
              var commit = JSON.parse(body);
              link.textContent = "following the journal"; link.className = "";
              var work = [];
              if (commit.version !== version) {
                version = commit.version; chartsDirty = true;
                document.getElementById("status").textContent = commit.status;
                work.push(text("/runs/" + run + "/budgets.html").then(function (html) {
                  document.getElementById("budgets").innerHTML = html;
                }));
                work.push(text("/runs/" + run + "/commands.html").then(function (html) {
                  document.getElementById("operator").innerHTML = html;
                }));
              }
              if (chartsDirty && Date.now() - chartsAt >= 5000) { work.push(refreshCharts()); }
              return Promise.all(work);
            }).catch(function (error) {
              link.textContent = "not following: " + error.message; link.className = "lost";
            }).then(function () { busy = false; });
          }
          document.body.setAttribute("data-following", "yes");
          setInterval(tick, 500);
        })();

        """
}
