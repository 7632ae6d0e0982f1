import BallastCore
import BallastReports
import BallastStore

/// The dashboard's values as its templates read them: numbers already formatted, user text
/// (strategy ids, symbols, reasons, the run's name) left raw for the templates to escape.
struct DashboardView {
    struct RunLink {
        var id: String
        var label: String
        var current: Bool
    }

    struct BudgetView {
        var strategy: String
        var symbol: String
        var equity: String
        var peak: String
        var drawdown: String
        var tier: String
        var throttle: String
        var sizeFactor: String
        var stopFactor: String
        var exposureSleeve: String
        var exposurePortfolio: String
        var dailyUsed: String
        var dailyLeft: String
        var correlated: String
        var headroom: String
        var state: String
        var stateClass: String
    }

    struct CommandView {
        var id: String
        var received: String
        var action: String
        var target: String
        var reason: String
        var source: String
        var applied: String
    }

    var runID: String
    var name: String
    var mode: String
    var status: String
    var asOf: String
    var version: String
    var runs: [RunLink]
    var portfolioLine: String
    var portfolioReduceOnly: Bool
    var budgets: [BudgetView]
    var noBudgets: Bool
    var commands: [CommandView]
    var noCommands: Bool

    init(run: RunRow, runs: [RunRow], budgets: [BudgetRow], commands: [OperatorCommandRow], commit: DashboardCommit) {
        runID = "\(run.id)"
        name = run.name
        mode = run.mode.rawValue
        status = commit.status
        asOf = commit.asOf?.iso8601 ?? "no bar yet"
        version = commit.version
        self.runs = runs.reversed().prefix(20).map { other in
            RunLink(id: "\(other.id)", label: "\(other.id) \(other.mode) \(other.status)", current: other.id == run.id)
        }
        let first = budgets.first
        portfolioLine =
            first.map { budget in
                "Portfolio daily risk (portfolio %): used \(Self.percent(budget.portfolioDailyUsed)), left "
                    + (budget.portfolioDailyLeft.map(Self.percent) ?? "no daily budget")
            } ?? ""
        portfolioReduceOnly = first?.portfolioReduceOnly ?? false
        self.budgets = budgets.map(Self.budget)
        noBudgets = budgets.isEmpty
        self.commands = commands.reversed().map { command in
            CommandView(
                id: "\(command.id)", received: command.receivedAt, action: command.action.rawValue,
                target: command.strategyID ?? "all strategies", reason: command.reason, source: command.source,
                applied: command.appliedAt.map { "at the bar group closing \($0.iso8601)" } ?? "pending")
        }
        noCommands = commands.isEmpty
    }

    static func budget(_ budget: BudgetRow) -> BudgetView {
        let throttle =
            budget.activeComponents.isEmpty
            ? "normal"
            : budget.activeComponents.map { "\($0.component.rawValue): \($0.reason.rawValue)" }.joined(separator: ", ")
        let state: String
        let stateClass: String
        if let halt = budget.operatorHalt {
            state =
                "halted by operator (\(halt.action.rawValue)\(halt.reason.isEmpty ? "" : ": \(halt.reason)"))"
                + (budget.positionSide.map { ", \($0.rawValue) open" } ?? "")
            stateClass = "halted"
        } else if budget.strategyReduceOnly || budget.portfolioReduceOnly {
            state = budget.strategyReduceOnly ? "reduce-only (strategy drawdown)" : "reduce-only (portfolio drawdown)"
            stateClass = "reduce-only"
        } else {
            state = budget.positionSide?.rawValue ?? "flat"
            stateClass = "ok"
        }
        return BudgetView(
            strategy: budget.strategyID, symbol: budget.symbol,
            equity: TableFormatter.fixed(budget.sleeveEquity, digits: 2),
            peak: TableFormatter.fixed(budget.sleevePeak, digits: 2), drawdown: percent(budget.sleeveDrawdown),
            tier: budget.drawdownTier.map { "\($0)" } ?? "—", throttle: throttle,
            sizeFactor: TableFormatter.fixed(budget.positionSizeFactor, digits: 2),
            stopFactor: TableFormatter.fixed(budget.stopLossTightening, digits: 2),
            exposureSleeve: percent(budget.openExposureSleeve),
            exposurePortfolio: percent(budget.openExposurePortfolio), dailyUsed: percent(budget.strategyDailyUsed),
            dailyLeft: budget.strategyDailyLeftInForce.map(percent) ?? "no cap",
            correlated: percent(budget.correlatedExposure), headroom: percent(budget.correlationHeadroom),
            state: state, stateClass: stateClass)
    }

    static func percent(_ fraction: Double) -> String {
        TableFormatter.fixed(fraction * 100, digits: 2) + "%"
    }
}
