import BallastCore
import BallastEngine
import BallastRisk
import GRDB

extension JournalWriter {
    func writeDecisions(_ decisions: [RiskDecision]) throws {
        guard !decisions.isEmpty else { return }
        try BulkInsert(
            db, into: "risk_decisions",
            columns: [
                "run_id", "seq", "time", "bar_time", "strategy_id", "symbol", "side", "sized", "throttled", "bounded",
                "strategy_daily", "portfolio", "after_max_position", "after_daily_risk", "after_correlation",
                "after_cash", "approved_fraction", "approved_sleeve_fraction", "binding_limit", "position_size_factor",
                "stop_loss_tightening", "daily_risk_factor", "primary_reason", "correlation_group",
                "correlation_exposure", "correlation_cap", "correlation_requested", "correlation_allowed",
                "correlation_reason", "portfolio_equity", "sleeve_equity",
            ]
        )(decisions) { row, decision in
            let trace = decision.trace
            let check = decision.correlation
            row.put(runID)
            row.put(decision.sequence)
            row.put(decision.time.seconds)
            row.put(decision.barTime.seconds)
            row.put(decision.strategyID)
            row.put(decision.symbol)
            row.put(decision.side)
            row.put(trace.sized)
            row.put(trace.throttled)
            row.put(trace.bounded)
            row.put(trace.strategyDaily)
            row.put(trace.portfolio)
            row.put(trace.afterMaxPosition)
            row.put(trace.afterDailyRisk)
            row.put(trace.afterCorrelation)
            row.put(trace.afterCash)
            row.put(decision.approvedFraction)
            row.put(decision.approvedSleeveFraction)
            row.put(decision.bindingLimit)
            row.put(decision.positionSizeFactor)
            row.put(decision.stopLossTightening)
            row.put(decision.dailyRiskFactor)
            row.put(decision.primaryReason)
            row.put(check.map { StoredText.join($0.group) })
            row.put(check?.groupExposure)
            row.put(check?.cap)
            row.put(check?.requestedFraction)
            row.put(check?.allowedFraction)
            row.put(check?.customReason)
            row.put(decision.portfolioEquity)
            row.put(decision.sleeveEquity)
        }
    }

    func writeAdjustments(_ adjustments: [AdjustmentRecord]) throws {
        guard !adjustments.isEmpty else { return }
        try BulkInsert(
            db, into: "risk_adjustments",
            columns: [
                "run_id", "seq", "strategy_id", "time", "component", "reason", "previous_reason", "tier_before",
                "tier_after", "position_size_factor_original", "position_size_factor_adjusted",
                "stop_loss_tightening_original", "stop_loss_tightening_adjusted", "daily_risk_factor_original",
                "daily_risk_factor_adjusted", "primary_reason_before", "primary_reason_after", "active_reasons",
                "component_size_factor_before", "component_size_factor_after", "component_tightening_before",
                "component_tightening_after", "component_daily_factor_before", "component_daily_factor_after",
                "drawdown", "recovery", "trough", "peak", "score", "win_rate", "profit_factor", "trade_count",
                "volatility",
            ]
        )(adjustments) { row, record in
            let event = record.event
            let before = event.before
            let after = event.after
            let inputs = event.inputs
            row.put(runID)
            row.put(record.seq)
            row.put(record.strategyID)
            row.put(event.time.seconds)
            row.put(event.component)
            row.put(event.reason)
            row.put(event.previousReason)
            row.put(event.previousDrawdownTier)
            row.put(event.drawdownTier)
            row.put(before.positionSizeFactor)
            row.put(after.positionSizeFactor)
            row.put(before.stopLossTightening)
            row.put(after.stopLossTightening)
            row.put(before.dailyRiskFactor)
            row.put(after.dailyRiskFactor)
            row.put(before.primaryReason)
            row.put(after.primaryReason)
            row.put(StoredText.join(after.activeReasons.map(\.rawValue)))
            row.put(event.previousOpinion?.positionSizeFactor)
            row.put(event.opinion?.positionSizeFactor)
            row.put(event.previousOpinion?.stopLossTightening)
            row.put(event.opinion?.stopLossTightening)
            row.put(event.previousOpinion?.dailyRiskFactor)
            row.put(event.opinion?.dailyRiskFactor)
            row.put(inputs)
        }
    }

    func writeAdjustmentEnds(_ ends: [AdjustmentEndRecord]) throws {
        guard !ends.isEmpty else { return }
        let update = try statement(
            """
            UPDATE risk_adjustments SET ended_at = ?, duration_seconds = ?, trades_under = ?, pnl_under = ?
            WHERE run_id = ? AND seq = ? AND ended_at IS NULL
            """)
        for end in ends {
            try update.run { row in
                row.put(end.endedAt.seconds)
                row.put(end.durationSeconds)
                row.put(end.trades)
                row.put(end.pnl)
                row.put(runID)
                row.put(end.seq)
            }
            if db.changesCount == 0 {
                let exists = try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM risk_adjustments WHERE run_id = ? AND seq = ?", arguments: [runID, end.seq])
                let problem = exists == true ? "has already ended" : "was never written"
                throw StoreError.inconsistentBatch(
                    path: path, runID: runID, reason: "the end of risk adjustment \(end.seq), which \(problem)")
            }
        }
    }

    func writePerformance(_ records: [PerformanceRecord]) throws {
        guard !records.isEmpty else { return }
        try BulkInsert(
            db, into: "dynamic_performance_metrics",
            columns: [
                "run_id", "strategy_id", "time", "trigger_kind", "win_rate", "profit_factor", "sharpe", "drawdown",
                "volatility", "consecutive_wins", "consecutive_losses", "trade_count", "position_size_factor",
                "stop_loss_tightening", "daily_risk_factor", "primary_reason", "drawdown_tier", "active_reasons",
                "score", "recovery", "trough", "peak",
            ]
        )(records) { row, record in
            let factors = record.adjustments
            row.put(runID)
            row.put(record.strategyID)
            row.put(record.time.seconds)
            row.put(record.trigger)
            row.put(record.winRate)
            row.put(record.profitFactor)
            row.put(record.sharpe)
            row.put(record.drawdown)
            row.put(record.volatility)
            row.put(record.consecutiveWins)
            row.put(record.consecutiveLosses)
            row.put(record.tradeCount)
            row.put(factors)
            row.put(factors.inputs.score)
            row.put(factors.inputs.recovery)
            row.put(factors.inputs.trough)
            row.put(factors.inputs.peak)
        }
    }

    func writeStrategyStates(_ states: [StrategyStateRecord]) throws {
        guard !states.isEmpty else { return }
        let known = try Set(
            String.fetchAll(db, sql: "SELECT id FROM strategies WHERE run_id = ?", arguments: [runID]))
        if let stranger = states.first(where: { !known.contains($0.strategyID) }) {
            throw StoreError.inconsistentBatch(
                path: path, runID: runID, reason: "a state for strategy '\(stranger.strategyID)', not in the run")
        }
        try BulkInsert(
            db, into: "strategy_state",
            columns: [
                "run_id", "strategy_id", "time", "capital", "sleeve_equity", "sleeve_peak", "sleeve_drawdown",
                "strategy_daily_used", "strategy_daily_cap", "strategy_daily_left", "portfolio_daily_used",
                "portfolio_daily_left", "open_exposure_portfolio", "open_exposure_sleeve", "correlated_exposure",
                "correlation_headroom", "strategy_reduce_only", "portfolio_reduce_only", "position_size_factor",
                "stop_loss_tightening", "daily_risk_factor", "primary_reason", "drawdown_tier", "active_reasons",
                "drawdown", "recovery", "trough", "peak", "score", "win_rate", "profit_factor", "trade_count",
                "volatility", "realized_pnl", "position_side", "position_quantity",
            ],
            orReplace: true
        )(states) { row, state in
            let budget = state.budget
            let factors = state.adjustments
            let inputs = factors.inputs
            row.put(runID)
            row.put(state.strategyID)
            row.put(state.time.seconds)
            row.put(budget.capital)
            row.put(budget.sleeveEquity)
            row.put(budget.sleevePeak)
            row.put(budget.sleeveDrawdown)
            row.put(budget.strategyDailyUsed)
            row.put(budget.strategyDailyCap)
            row.put(budget.strategyDailyLeft)
            row.put(budget.portfolioDailyUsed)
            row.put(budget.portfolioDailyLeft)
            row.put(budget.openExposurePortfolio)
            row.put(budget.openExposureSleeve)
            row.put(budget.correlatedExposure)
            row.put(budget.correlationHeadroom)
            row.put(budget.strategyReduceOnly)
            row.put(budget.portfolioReduceOnly)
            row.put(factors)
            row.put(inputs)
            row.put(state.realizedPnL)
            row.put(state.positionSide)
            row.put(state.positionQuantity)
        }
    }
}

extension SQLiteRow {
    /// The dynamic-risk inputs, in the column order of every table that has them: `drawdown`,
    /// `recovery`, `trough`, `peak`, `score`, `win_rate`, `profit_factor`, `trade_count`, `volatility`.
    mutating func put(_ inputs: RiskInputs) {
        put(inputs.drawdown)
        put(inputs.recovery)
        put(inputs.trough)
        put(inputs.peak)
        put(inputs.score)
        put(inputs.winRate)
        put(inputs.profitFactor)
        put(inputs.tradeCount)
        put(inputs.volatility)
    }

    /// The factors in force, in the column order of every table that has them:
    /// `position_size_factor`, `stop_loss_tightening`, `daily_risk_factor`, `primary_reason`,
    /// `drawdown_tier`, `active_reasons`.
    mutating func put(_ factors: RiskAdjustments) {
        put(factors.positionSizeFactor)
        put(factors.stopLossTightening)
        put(factors.dailyRiskFactor)
        put(factors.primaryReason)
        put(factors.drawdownTier)
        put(StoredText.join(factors.activeReasons.map(\.rawValue)))
    }
}
