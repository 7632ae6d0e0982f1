import BallastStore
import Mustache

/// The report's time charts alone (portfolio and per strategy), as an HTML fragment for a page that
/// embeds them (the `ballast serve` dashboard), with the report's style sheet and script to go with
/// them. The fragment is rendered by the same Mustache `chart` partial as the report, so every
/// user text in it is escaped the same way; the dashboard inserts it as it is.
public enum ReportCharts {
    /// The report's fixed style sheet (no Mustache delimiters, no external reference).
    public static var style: String { ReportAssets.style }

    /// The report's fixed script: hover, zoom and the shared time axis over every `svg.tc` of the
    /// page, bound when it runs (run it again after replacing the charts).
    public static var script: String { ReportAssets.script }

    /// The charts of run `runID`: a `#portfolio` section, then a `#strategies` section with one
    /// `section.strategy` per strategy.
    ///
    /// - Throws: `StoreError.unknownRun` for a run the database does not have; any other store error.
    public static func render(store: BallastStore, runID: Int64) throws(StoreError) -> String {
        let model = ReportModel(journal: try store.reportJournal(runID: runID, tradeLimit: 0))
        return templates.render(PageView(model), withTemplate: "charts") ?? ""
    }

    /// One time chart over [start, end] (epoch seconds) as the report draws it: a `section.chart`
    /// with an inline SVG (min/max-downsampled), its title and series names escaped. A page that
    /// embeds it includes `style` for its look and `script` for hover and zoom.
    public static func render(_ chart: TimeChart, start: Double, end: Double) -> String {
        templates.render(ChartView(chart, start: start, end: end), withTemplate: "chart") ?? ""
    }

    static let fragment = """
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

        """

    private static let templates: MustacheLibrary = {
        var library = MustacheLibrary()
        // Fixed text of this module; a failure is a bug.
        try! library.register(ReportTemplate.chart, named: "chart")
        try! library.register(fragment, named: "charts")
        return library
    }()
}
