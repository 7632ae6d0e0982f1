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
            row.bind(
                runID, decision.sequence, decision.time.seconds, decision.barTime.seconds, decision.strategyID,
                decision.symbol, decision.side.rawValue, trace.sized, trace.throttled, trace.bounded,
                trace.strategyDaily, trace.portfolio, trace.afterMaxPosition, trace.afterDailyRisk,
                trace.afterCorrelation, trace.afterCash, decision.approvedFraction, decision.approvedSleeveFraction,
                decision.bindingLimit.rawValue, decision.positionSizeFactor, decision.stopLossTightening,
                decision.dailyRiskFactor, decision.primaryReason.rawValue, check.map { StoredText.join($0.group) },
                check?.groupExposure, check?.cap, check?.requestedFraction, check?.allowedFraction, check?.customReason,
                decision.portfolioEquity, decision.sleeveEquity,
            )
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
            row.bind(
                runID, record.seq, record.strategyID, event.time.seconds, event.component.rawValue,
                event.reason.rawValue, event.previousReason.rawValue, event.previousDrawdownTier,
                event.drawdownTier, before.positionSizeFactor, after.positionSizeFactor, before.stopLossTightening,
                after.stopLossTightening, before.dailyRiskFactor, after.dailyRiskFactor,
                before.primaryReason.rawValue, after.primaryReason.rawValue,
                StoredText.join(after.activeReasons.map(\.rawValue)),
                event.previousOpinion?.positionSizeFactor, event.opinion?.positionSizeFactor,
                event.previousOpinion?.stopLossTightening, event.opinion?.stopLossTightening,
                event.previousOpinion?.dailyRiskFactor, event.opinion?.dailyRiskFactor, inputs.drawdown,
                inputs.recovery, inputs.trough, inputs.peak, inputs.score, inputs.winRate, inputs.profitFactor,
                inputs.tradeCount, inputs.volatility,
            )
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
            try update.run(
                end.endedAt.seconds, end.durationSeconds, end.trades, end.pnl, runID, end.seq,
            )
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
            row.bind(
                runID, record.strategyID, record.time.seconds, record.trigger, record.winRate, record.profitFactor,
                record.sharpe, record.drawdown, record.volatility, record.consecutiveWins, record.consecutiveLosses,
                record.tradeCount, factors.positionSizeFactor, factors.stopLossTightening, factors.dailyRiskFactor,
                factors.primaryReason.rawValue, factors.drawdownTier,
                StoredText.join(factors.activeReasons.map(\.rawValue)), factors.inputs.score,
                factors.inputs.recovery, factors.inputs.trough, factors.inputs.peak,
            )
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
            row.bind(
                runID, state.strategyID, state.time.seconds, budget.capital, budget.sleeveEquity,
                budget.sleevePeak, budget.sleeveDrawdown, budget.strategyDailyUsed, budget.strategyDailyCap,
                budget.strategyDailyLeft, budget.portfolioDailyUsed, budget.portfolioDailyLeft,
                budget.openExposurePortfolio, budget.openExposureSleeve, budget.correlatedExposure,
                budget.correlationHeadroom, budget.strategyReduceOnly, budget.portfolioReduceOnly,
                factors.positionSizeFactor, factors.stopLossTightening, factors.dailyRiskFactor,
                factors.primaryReason.rawValue, factors.drawdownTier,
                StoredText.join(factors.activeReasons.map(\.rawValue)), inputs.drawdown, inputs.recovery,
                inputs.trough, inputs.peak, inputs.score, inputs.winRate, inputs.profitFactor, inputs.tradeCount,
                inputs.volatility, state.realizedPnL, state.positionSide?.rawValue, state.positionQuantity,
            )
        }
    }
}
