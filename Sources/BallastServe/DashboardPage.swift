import BallastHTMLReport
import BallastStore
import Mustache

/// Renders the dashboard page and the fragments it refreshes (budgets, operator commands, charts)
/// from the journal. Deterministic: the same journal gives the same bytes.
struct DashboardPage {
    let store: BallastStore

    /// The whole page of run `runID`.
    func page(runID: Int64) throws -> String {
        let view = try view(runID: runID)
        var page = PageView(view: view)
        page.budgetsHTML = Self.templates.render(view, withTemplate: "budgets") ?? ""
        page.commandsHTML = Self.templates.render(view, withTemplate: "commands") ?? ""
        page.chartsHTML = try ReportCharts.render(store: store, runID: runID)
        return Self.templates.render(page, withTemplate: "page") ?? ""
    }

    /// The budgets table of run `runID` (what the page's script swaps in).
    func budgets(runID: Int64) throws -> String {
        Self.templates.render(try view(runID: runID), withTemplate: "budgets") ?? ""
    }

    /// The operator commands table of run `runID`.
    func commands(runID: Int64) throws -> String {
        Self.templates.render(try view(runID: runID), withTemplate: "commands") ?? ""
    }

    /// The report's charts of run `runID`.
    func charts(runID: Int64) throws -> String { try ReportCharts.render(store: store, runID: runID) }

    private func view(runID: Int64) throws -> DashboardView {
        let runs = try store.runs()
        guard let run = runs.first(where: { $0.id == runID }) else {
            throw StoreError.unknownRun(path: store.path, runID: runID)
        }
        // The commit is read first: a version older than the budgets makes the page refresh once more,
        // never miss a commit.
        let commit = try store.lastCommit(runID: runID)
        return DashboardView(
            run: run, runs: runs, budgets: try store.budgets(runID: runID),
            commands: try store.operatorCommands(runID: runID), commit: commit)
    }

    /// The page: the view's values plus the rendered fragments.
    struct PageView {
        var view: DashboardView
        var budgetsHTML = ""
        var commandsHTML = ""
        var chartsHTML = ""
    }

    private static let templates: MustacheLibrary = {
        var library = MustacheLibrary()
        // Fixed text of this module, parsed by a test; a failure is a bug.
        try! library.register(DashboardTemplate.page, named: "page")
        try! library.register(DashboardTemplate.budgets, named: "budgets")
        try! library.register(DashboardTemplate.commands, named: "commands")
        return library
    }()
}

extension DashboardPage.PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "budgetsHTML": budgetsHTML
        case "commandsHTML": commandsHTML
        case "chartsHTML": chartsHTML
        case "runID": view.runID
        case "name": view.name
        case "mode": view.mode
        case "status": view.status
        case "version": view.version
        case "runs": view.runs
        default: nil
        }
    }
}
