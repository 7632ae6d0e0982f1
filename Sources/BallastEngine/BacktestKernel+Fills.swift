import BallastCore
import BallastReports
import BallastRisk

extension BacktestKernel {
    /// Executes a pending order at `rawPrice`: closes the open position first (exit or reversal),
    /// then opens the approved entry, if any.
    mutating func execute(_ order: PendingOrder, strategy index: Int, rawPrice: Double, bar: Int, time: Timestamp) {
        if let reason = order.exitReason, ledgers[index].position != nil {
            closePosition(index, rawPrice: rawPrice, reason: reason, time: time, createdAt: order.createdAt)
        }
        guard let entry = order.entry else { return }
        ledgers[index].mark = rawPrice
        let power = buyingPower(excluding: index, price: rawPrice)
        let opened = ledgers[index].open(
            entry, rawPrice: rawPrice, bar: bar, time: time, buyingPower: power,
            quantityStep: lanes[index].quantityStep, context: lanes[index].context)
        guard recordsEvents else { return }
        if opened, let position = ledgers[index].position {
            recordEntryFill(entry, of: order, strategy: index, position: position, time: time)
        } else {
            recordCancelled(entry, of: order, strategy: index)
        }
    }

    /// Closes a strategy's position, books the trade for its results and dynamic risk manager,
    /// and journals the order, fill, position and trade.
    mutating func closePosition(
        _ index: Int, rawPrice: Double, reason: ExitReason, time: Timestamp, createdAt: Timestamp
    ) {
        let trade = ledgers[index].close(rawPrice: rawPrice, reason: reason, time: time, execution: execution)
        recorder.closed(trade, strategy: index)
        dynamics[index].recordClosedTrade(exitTime: trade.exitTime, pnl: trade.pnl)
        guard recordsEvents else { return }
        recordExitFill(
            trade, strategy: index, fee: trade.quantity * trade.exitPrice * execution.feeRate, time: time,
            createdAt: createdAt, after: nil)
    }

    /// Buying power for a fill of sleeve `index` at `price`: leverage × portfolio equity minus the
    /// gross notional of every other position and the reservations of other pending entries.
    /// The sleeve's own position (closed first on a reversal) is valued at `price`.
    package func buyingPower(excluding index: Int, price: Double) -> Double {
        var equity = 0.0
        var used = 0.0
        for other in ledgers.indices {
            let ledger = ledgers[other]
            if other == index {
                equity += ledger.initialEquity + ledger.realized + (ledger.position?.unrealized(at: price) ?? 0)
            } else {
                equity += ledger.equity
                used += ledger.grossNotional + (ledger.pending?.reserved ?? 0)
            }
        }
        return equity * parameters.leverage - used
    }

    /// Records every strategy's budget and the book's state as of the last processed bar (the
    /// book's view of open positions is refreshed first, so exposures are current).
    mutating func recordStates(book: inout PortfolioRiskBook) {
        let equity = ledgers.reduce(0) { $0 + $1.equity }
        book.setOpenPositions(openExposures(portfolioEquity: equity))
        var states: [StrategyStateRecord] = []
        for index in ledgers.indices {
            guard let budget = PortfolioRiskBudget(book: book, strategyID: lanes[index].id, at: clock) else { continue }
            states.append(
                StrategyStateRecord(
                    strategyID: lanes[index].id, time: clock, budget: budget, adjustments: dynamics[index].adjustments,
                    realizedPnL: ledgers[index].realized, positionSide: ledgers[index].position?.side,
                    positionQuantity: ledgers[index].position?.quantity ?? 0))
        }
        events.append(.strategyStates(states))
        events.append(.riskState(book.state))
    }

    /// Closes every open position at its last close (reason `end_of_data`), cancels unfilled orders
    /// and records the final equity (and, when journaling, the final snapshots and states).
    mutating func finish(book: inout PortfolioRiskBook) {
        // With an external venue the exits were sent and filled there first; what is left (a venue
        // that did not fill) is closed at the last close below, like a backtest.
        if let policy = fillPolicy { policy.finishFills(kernel: &self) }
        var finalMarks: [SleeveMark] = []
        for index in ledgers.indices {
            let series = columns[lanes[index].series].series
            // A sleeve without bars (it sat out) closes flat at the run's last clock.
            let time = series.times.last.map { Timestamp(seconds: $0) } ?? clock
            if recordsEvents, let order = ledgers[index].pending, let entry = order.entry {
                recordCancelled(entry, of: order, strategy: index)
            }
            ledgers[index].pending = nil
            if ledgers[index].position != nil {
                closePosition(index, rawPrice: ledgers[index].mark, reason: .endOfData, time: time, createdAt: time)
                recorder.curves[index].record(time: time, equity: ledgers[index].equity, inMarket: false)
            }
            let equity = ledgers[index].equity
            finalMarks.append(
                SleeveMark(
                    time: max(recorder.curves[index].lastTime ?? Timestamp(seconds: 0), time), equity: equity,
                    peak: max(recorder.curves[index].peakEquity, equity), gross: 0, realized: ledgers[index].realized))
        }
        let equity = ledgers.reduce(0) { $0 + $1.equity }
        if let lastClose = columns.compactMap({ $0.series.isEmpty ? nil : $0.closeTime(at: $0.series.count - 1) }).max()
        {
            recorder.portfolio.record(time: Timestamp(seconds: lastClose - 1), equity: equity, inMarket: false)
        }
        // The book's last marks: everything is flat and no entry is pending any more; each sleeve's
        // equity is the one after its end-of-data exit (fees and slippage paid), so the final budgets
        // agree with the final snapshots.
        for index in ledgers.indices {
            if let event = book.markSleeve(index, equity: ledgers[index].equity, at: clock) { reduceOnly(event) }
        }
        if let event = book.markPortfolio(equity: equity, freeCash: equity, at: clock) { reduceOnly(event) }
        guard recordsEvents else { return }
        events.append(
            .finished(
                last: finalMarks, adjustments: dynamics.map(\.adjustments), time: clock, equity: equity,
                realized: ledgers.reduce(0) { $0 + $1.realized }))
        recordStates(book: &book)
    }
}
