import BallastCore
import BallastRisk

/// The intrabar stop and target rules of SPEC §8, as pure functions.
enum ExitRule {
    /// The exit a bar triggers for a position, before slippage: a long whose bar opens at or below
    /// its stop fills at the open (gap); else a low at or below the stop fills at the stop; targets
    /// likewise with the high; when both are touched in one bar the stop wins. Shorts mirror this.
    static func check(_ position: OpenPosition, open: Double, high: Double, low: Double) -> (Double, ExitReason)? {
        let stopReason: ExitReason = position.stopTrailed ? .trailingStop : .stopLoss
        switch position.side {
        case .long:
            if let stop = position.stopLoss, open <= stop { return (open, stopReason) }
            if let target = position.takeProfit, open >= target { return (open, .takeProfit) }
            if let stop = position.stopLoss, low <= stop { return (stop, stopReason) }
            if let target = position.takeProfit, high >= target { return (target, .takeProfit) }
        case .short:
            if let stop = position.stopLoss, open >= stop { return (open, stopReason) }
            if let target = position.takeProfit, open <= target { return (open, .takeProfit) }
            if let stop = position.stopLoss, high >= stop { return (stop, stopReason) }
            if let target = position.takeProfit, low <= target { return (target, .takeProfit) }
        }
        return nil
    }

    /// Moves a trailing stop after a bar: tracks the best price; once the favourable move from entry
    /// reaches `activationPct` the stop trails the best price by the distance; once it reaches
    /// `breakevenPct` the stop is at least entry ± buffer. The stop never moves against the position.
    static func trail(_ position: inout OpenPosition, high: Double, low: Double, config: TrailingStopConfig) {
        let sign = position.side.sign
        position.bestPrice = position.side == .long ? max(position.bestPrice, high) : min(position.bestPrice, low)
        let move = sign * (position.bestPrice - position.entryPrice) / position.entryPrice
        var candidate: Double?
        if move >= config.activationPct {
            let distance: Double
            switch config.distance {
            case .percent(let pct): distance = position.bestPrice * pct
            case .atrMultiple(let multiple): distance = (position.atr ?? position.entryPrice * 0.01) * multiple
            }
            candidate = position.bestPrice - sign * distance
        }
        if let breakeven = config.breakevenPct, move >= breakeven {
            let floor = position.entryPrice * (1 + sign * config.breakevenBufferPct)
            candidate = candidate.map { sign > 0 ? max($0, floor) : min($0, floor) } ?? floor
        }
        guard let newStop = candidate else { return }
        if let current = position.stopLoss {
            let better = sign > 0 ? newStop > current : newStop < current
            guard better else { return }
        }
        position.stopLoss = newStop
        position.stopTrailed = true
    }
}
