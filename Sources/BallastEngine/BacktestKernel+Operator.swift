import BallastCore
import BallastRisk

extension BacktestKernel {
    /// The reduce-only source of an operator's halt (`ballast halt`, `flatten`, `resume`).
    package static let operatorSource = "operator"

    /// Applies the operator commands scheduled for the group closing at `closeTime`, after the
    /// group's fills and marks and before its signals (so a halt stops this group's entries and a
    /// flatten's exit fills at the next open, or at this close with `fill = "close"`).
    ///
    /// Each change of a strategy's operator halt is journaled as a reduce-only event with source
    /// `operator`; each command is journaled as applied at this group.
    mutating func applyOperatorCommands(closeTime: Int64, book: borrowing PortfolioRiskBook) {
        guard let commands = operatorControls.schedule.removeValue(forKey: closeTime) else { return }
        for command in commands {
            let targets: [Int]
            if let id = command.strategyID {
                guard let index = lanes.firstIndex(where: { $0.id == id }) else { continue }
                targets = [index]
            } else {
                targets = Array(lanes.indices)
            }
            for index in targets {
                switch command.action {
                case .halt:
                    haltByOperator(index, book: book)
                case .flatten:
                    haltByOperator(index, book: book)
                    flattenByOperator(index)
                case .resume:
                    guard operatorControls.halted.remove(index) != nil else { continue }
                    operatorEvent(index, entered: false, book: book)
                }
            }
            if recordsEvents {
                events.append(.operatorCommandApplied(AppliedOperatorCommand(id: command.id, closeTime: closeTime)))
            }
        }
    }

    private mutating func haltByOperator(_ index: Int, book: borrowing PortfolioRiskBook) {
        guard operatorControls.halted.insert(index).inserted else { return }
        operatorEvent(index, entered: true, book: book)
    }

    /// The position (if any) exits at the next fill; an approved entry not filled yet is dropped.
    private mutating func flattenByOperator(_ index: Int) {
        guard ledgers[index].position != nil else {
            if ledgers[index].pending?.entry != nil { ledgers[index].pending = nil }
            return
        }
        let series = columns[lanes[index].series].series
        guard let bar = series.lastIndex(openedAtOrBefore: clock) else { return }
        let time = Timestamp(seconds: series.times[bar])
        if fillAtClose && fillPolicy == nil {
            closePosition(index, rawPrice: series.close[bar], reason: .signal, time: time, createdAt: time)
        } else {
            ledgers[index].pending = PendingOrder(exitReason: .signal, entry: nil, createdAt: time)
        }
    }

    private mutating func operatorEvent(_ index: Int, entered: Bool, book: borrowing PortfolioRiskBook) {
        controlEvent(index, entered: entered, source: Self.operatorSource, book: book)
    }

    /// Journals strategy `index` entering or leaving a reduce-only state that `source` (an operator,
    /// the feed's health) set, with its sleeve's drawdown and drawdown limit at the time.
    mutating func controlEvent(_ index: Int, entered: Bool, source: String, book: borrowing PortfolioRiskBook) {
        let peak = book.state.strategyPeaks[index]
        let equity = book.state.sleeveEquity[index]
        reduceOnly(
            ReduceOnlyEvent(
                time: clock, strategyID: lanes[index].id, entered: entered,
                drawdown: peak > 0 ? max(0, (peak - equity) / peak) : 0,
                limit: lanes[index].context.profile.maxDrawdown ?? parameters.maxDrawdown, source: source))
    }

    /// True when an operator halted strategy `index`: it takes no new entries.
    func isHaltedByOperator(_ index: Int) -> Bool {
        !operatorControls.halted.isEmpty && operatorControls.halted.contains(index)
    }
}
