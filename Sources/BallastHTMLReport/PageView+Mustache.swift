import Mustache

// Field lookup for the template without reflection: Mustache otherwise builds a `Mirror` of a
// value for every tag it resolves, which made rendering the 1,000-row trades table and the
// charts of a large run the slowest step of a report. Each name is a stored property's name.

extension ChartView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "title": title
        case "unit": unit
        case "height": height
        case "bottom": bottom
        case "totalHeight": totalHeight
        case "t0": t0
        case "t1": t1
        case "v0": v0
        case "v1": v1
        case "lines": lines
        case "legend": legend
        case "yTicks": yTicks
        case "xTicks": xTicks
        case "markers": markers
        case "xTickY": xTickY
        default: nil
        }
    }
}

extension ChartView.Line: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "color": color
        case "limit": limit
        case "step": step
        case "points": points
        case "exact": exact as Any?
        default: nil
        }
    }
}

extension ChartView.Tick: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": x
        case "y": y
        case "label": label
        default: nil
        }
    }
}

extension ChartView.Marker: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "x": x
        case "label": label
        default: nil
        }
    }
}

extension ChartView.LegendEntry: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "color": color
        case "limit": limit
        default: nil
        }
    }
}

extension PageView.TradeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "tone": tone
        case "strategy": strategy
        case "symbol": symbol
        case "side": side
        case "entry": entry
        case "exit": exit
        case "entryPrice": entryPrice
        case "exitPrice": exitPrice
        case "quantity": quantity
        case "pnl": pnl
        case "returnPct": returnPct
        case "reason": reason
        default: nil
        }
    }
}

extension PageView.Cell: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "style": style
        default: nil
        }
    }
}
