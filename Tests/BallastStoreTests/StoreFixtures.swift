import BallastCore
import BallastEngine
import BallastReports
import BallastRisk
import BallastStore
import BallastTestKit
import Foundation

/// Hand-built journal records of every kind, with distinct values in every field so that a column
/// mix-up shows in a round trip.
enum StoreFixtures {
    static let day0 = RiskFixtures.day0
    static let started = Date(timeIntervalSince1970: 1_735_787_045)  // 2025-01-02T03:04:05Z
    static let finished = Date(timeIntervalSince1970: 1_735_790_645)  // 2025-01-02T04:04:05Z

    static func time(day: Int64 = 0, hour: Int64 = 0) -> Timestamp { RiskFixtures.time(day: day, hour: hour) }

    /// A run of two strategies, `trend` (capital 0.6) and `revert` (0.4), over 10 000.
    static func header(name: String = "demo") -> RunHeader {
        RunHeader(
            mode: .backtest, name: name, portfolioPath: "portfolios/demo.toml", inputHash: "abc123",
            configText: "[portfolio]\nname = \"demo\"\n", initialEquity: 10_000, dataStart: day0,
            dataEnd: time(day: 30),
            strategies: [
                .init(
                    id: "trend", kind: "sma_cross", symbol: "GOOG", timeframe: "1d", capital: 0.6, priority: 1,
                    profileJSON: #"{"base_fraction":0.02}"#),
                .init(
                    id: "revert", kind: "rsi", symbol: "SPY", timeframe: "1h", capital: 0.4, priority: 2,
                    profileJSON: "{}"),
            ])
    }

    /// A risk decision with every field set (RiskDecision has no public memberwise initialiser, so it
    /// is decoded from its Codable form).
    static func decision(
        seq: Int, strategy: String = "trend", binding: BindingLimit = .maxDailyRisk, approved: Double = 0.03,
        correlation: Bool = true
    ) throws -> RiskDecision {
        var object: [String: Any] = [
            "sequence": seq, "time": time(day: Int64(seq), hour: 24).seconds,
            "barTime": time(day: Int64(seq)).seconds, "strategyID": strategy, "symbol": "GOOG", "side": "short",
            "trace": [
                "sized": 0.021, "throttled": 0.0168, "bounded": 0.05, "strategyDaily": 0.045, "portfolio": 0.027,
                "afterMaxPosition": 0.026, "afterDailyRisk": 0.025, "afterCorrelation": 0.024, "afterCash": 0.023,
            ],
            "approvedFraction": approved, "approvedSleeveFraction": approved * 1.5,
            "bindingLimit": binding.rawValue, "positionSizeFactor": 0.8, "stopLossTightening": 1.2,
            "dailyRiskFactor": 0.7, "primaryReason": "drawdown", "portfolioEquity": 9_876.5, "sleeveEquity": 5_432.1,
        ]
        if correlation {
            object["correlation"] = [
                "allowedFraction": 0.04, "groupExposure": 0.06, "group": ["GOOG", "QQQ", "SPY"], "cap": 0.1,
                "requestedFraction": 0.08,
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: object)
        return try JSONDecoder().decode(RiskDecision.self, from: data)
    }

    /// A budget with every field set (decoded from its Codable form).
    static func budget(strategy: String = "trend", dailyCap: Double? = 0.05) throws -> PortfolioRiskBudget {
        var object: [String: Any] = [
            "strategyID": strategy, "capital": 0.6, "sleeveEquity": 5_900.0, "sleevePeak": 6_100.0,
            "sleeveDrawdown": 0.0328, "strategyDailyUsed": 0.02, "portfolioDailyUsed": 0.03,
            "portfolioDailyLeft": 0.03, "openExposurePortfolio": 0.12, "openExposureSleeve": 0.2,
            "correlatedExposure": 0.09, "correlationHeadroom": 0.06, "strategyReduceOnly": true,
            "portfolioReduceOnly": false,
        ]
        if let dailyCap {
            object["strategyDailyCap"] = dailyCap
            object["strategyDailyLeft"] = dailyCap - 0.02
        }
        let data = try JSONSerialization.data(withJSONObject: object)
        return try JSONDecoder().decode(PortfolioRiskBudget.self, from: data)
    }

    /// Factors with a drawdown tier and a low-volatility boost active.
    static let adjustments = RiskAdjustments(
        positionSizeFactor: 0.8, stopLossTightening: 1.2, dailyRiskFactor: 0.8, primaryReason: .drawdown,
        drawdownTier: 0, activeReasons: [.drawdown, .lowVolatility],
        inputs: RiskInputs(
            drawdown: 0.06, recovery: 0.01, trough: 9_300, peak: 10_000, score: 0.5, winRate: 0.55,
            profitFactor: 1.4, tradeCount: 12, volatility: 0.008))

    /// A drawdown tier entered at `day`.
    static func adjustment(seq: Int, strategy: String = "trend", day: Int64 = 2) -> AdjustmentRecord {
        let opinion = ComponentOpinion(
            component: .drawdown, reason: .drawdown, positionSizeFactor: 0.8, stopLossTightening: 1.2,
            dailyRiskFactor: 0.8)
        let previous = RiskAdjustments(
            positionSizeFactor: 1.3, stopLossTightening: 1, dailyRiskFactor: 1, primaryReason: .lowVolatility,
            activeReasons: [.lowVolatility], inputs: RiskInputs(peak: 10_000))
        let event = RiskAdjustmentEvent(
            time: time(day: day), component: .drawdown, previousDrawdownTier: nil, drawdownTier: 0,
            previousOpinion: nil, opinion: opinion, before: previous, after: adjustments)
        return AdjustmentRecord(seq: seq, strategyID: strategy, event: event)
    }

    static func order(seq: Int, strategy: String = "trend") -> OrderRecord {
        OrderRecord(
            seq: seq, strategyID: strategy, symbol: "GOOG", side: .long, intent: .entry, createdAt: time(day: 1),
            decisionSeq: seq, fraction: 0.03, status: .filled)
    }

    static func fill(seq: Int, strategy: String = "trend") -> FillRecord {
        FillRecord(
            seq: seq, orderSeq: seq, strategyID: strategy, symbol: "GOOG", side: .buy, quantity: 3, price: 100.05,
            fee: 0.30015, time: time(day: 2))
    }

    static func position(fillSeq: Int, strategy: String = "trend") -> PositionRecord {
        PositionRecord(
            fillSeq: fillSeq, strategyID: strategy, symbol: "GOOG", time: time(day: 2), side: .long, quantity: 3,
            entryPrice: 100.05, stopLoss: 98.0, takeProfit: nil)
    }

    static func trade(seq: Int) -> TradeRecord {
        let outcome = TradeOutcome(
            entryTime: time(day: 2), exitTime: time(day: 5), side: .long, entryPrice: 100.05, exitPrice: 104,
            quantity: 3, pnl: 11.2, exitReason: .takeProfit)
        return TradeRecord(seq: seq, strategyID: "trend", symbol: "GOOG", trade: outcome)
    }

    static func state(strategy: String = "trend", day: Int64 = 3, quantity: Double = 3) throws -> StrategyStateRecord {
        StrategyStateRecord(
            strategyID: strategy, time: time(day: day), budget: try budget(strategy: strategy),
            adjustments: adjustments, realizedPnL: 11.2, positionSide: quantity > 0 ? .long : nil,
            positionQuantity: quantity)
    }

    /// One batch holding records of every kind.
    static func fullBatch() throws -> JournalBatch {
        var batch = JournalBatch()
        batch.orders = [order(seq: 1), order(seq: 2)]
        batch.fills = [fill(seq: 1), fill(seq: 2)]
        batch.positions = [position(fillSeq: 1), position(fillSeq: 2)]
        batch.trades = [trade(seq: 1)]
        batch.snapshots = [
            AccountSnapshotRecord(
                time: time(day: 1), scope: "portfolio", equity: 10_050, peak: 10_100, drawdown: 0.00495,
                grossExposure: 0.3, realizedPnL: 50),
            AccountSnapshotRecord(
                time: time(day: 1), scope: "trend", equity: 6_020, peak: 6_040, drawdown: 0.0033,
                grossExposure: 0.2, realizedPnL: 20),
        ]
        batch.decisions = [
            try decision(seq: 1), try decision(seq: 2, strategy: "revert", binding: .none, correlation: false),
            try decision(seq: 3, binding: .portfolioDrawdown, approved: 0),
        ]
        batch.adjustments = [adjustment(seq: 1), adjustment(seq: 2, strategy: "revert", day: 3)]
        batch.adjustmentEnds = [
            AdjustmentEndRecord(seq: 1, endedAt: time(day: 4), durationSeconds: 172_800, trades: 2, pnl: -15.5)
        ]
        batch.performance = [
            PerformanceRecord(
                strategyID: "trend", time: time(day: 1), trigger: .daily, winRate: 0.55, profitFactor: 1.4,
                sharpe: 1.1, drawdown: 0.06, volatility: 0.008, consecutiveWins: 2, consecutiveLosses: 0,
                tradeCount: 12, adjustments: adjustments)
        ]
        batch.reduceOnly = [
            ReduceOnlyEvent(time: time(day: 3), strategyID: nil, entered: true, drawdown: 0.21, limit: 0.2),
            ReduceOnlyEvent(time: time(day: 4), strategyID: "revert", entered: false, drawdown: 0.04, limit: 0.1),
        ]
        batch.strategyStates = [try state(), try state(strategy: "revert", quantity: 0)]
        var book = RiskBookState(initialEquity: 10_000, sleeveEquity: [6_000, 4_000])
        book.portfolioReduceOnly = true
        book.decisionCount = 3
        batch.riskState = book
        return batch
    }
}
