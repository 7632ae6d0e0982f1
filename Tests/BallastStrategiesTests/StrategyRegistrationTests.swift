import BallastCore
import BallastRisk
import BallastStrategies
import Testing

/// A user's own strategy type, as a package outside Ballast would write it.
struct AlwaysLong: ConfigurableStrategy, Equatable {
    static let kind = "always_long"
    static let parameterNames = ["every"]
    let every: Int
    var seen = 0

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> AlwaysLong? {
        let before = issues.count
        let every = parameters.integer("every", default: 1, in: 1...100, &issues)
        return issues.count == before ? AlwaysLong(every: every) : nil
    }

    var kind: String { Self.kind }
    var lookback: Int { every }

    mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        seen += 1
        return seen % every == 0 ? .enterLong : .none
    }
}

/// The open catalog (issue 13 item 1): a user's types registered by kind, next to the built-ins.
@Suite("Strategy catalog: registering your own kinds")
struct StrategyRegistrationTests {
    @Test("a registered kind is built from its params; the built-ins stay; an unknown key is reported")
    func registered() throws {
        let catalog = try StrategyCatalog(registering: [AlwaysLong.self])
        #expect(catalog.kinds.last == "always_long")
        #expect(catalog.kinds.dropLast() == StrategyCatalog.builtIn.kinds[...])
        var issues: [ConfigIssue] = []
        let strategy = catalog.make(
            kind: "always_long", parameters: StrategyParameters(["every": .integer(3)], path: "strategies[0].params"),
            issues: &issues)
        #expect(issues.isEmpty)
        #expect(strategy as? AlwaysLong == AlwaysLong(every: 3))
        #expect(
            catalog.make(
                kind: "always_long", parameters: StrategyParameters(["often": .bool(true)], path: "p"), issues: &issues)
                == nil)
        #expect(issues.map(\.keyPath) == ["p.often"])
    }

    @Test("the built-in catalog does not know a user's kind, and says which kinds it knows")
    func unknownKind() {
        var issues: [ConfigIssue] = []
        #expect(
            StrategyCatalog.builtIn.make(kind: "always_long", parameters: StrategyParameters(), issues: &issues) == nil)
        #expect(issues.count == 1 && issues[0].keyPath == "kind")
        #expect(issues[0].reason.contains("unknown strategy kind \"always_long\""))
        #expect(issues[0].reason.contains("signals, process"))
    }

    @Test("StrategyCatalog.current is task-local: bound for a task tree, the built-ins elsewhere")
    func taskLocal() throws {
        let catalog = try StrategyCatalog(registering: [AlwaysLong.self])
        StrategyCatalog.$current.withValue(catalog) {
            #expect(StrategyCatalog.kinds.contains("always_long"))
        }
        #expect(!StrategyCatalog.kinds.contains("always_long"))
    }

    struct Taken: ConfigurableStrategy {
        static let kind = "sma_cross"
        static let parameterNames: [String] = []
        static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Taken? { Taken() }
        var kind: String { Self.kind }
        var lookback: Int { 0 }
        mutating func step(_ bar: Bar, values: inout [Double]) -> Signal { .none }
    }

    struct Reserved: ConfigurableStrategy {
        static let kind = "process"
        static let parameterNames: [String] = []
        static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Reserved? { Reserved() }
        var kind: String { Self.kind }
        var lookback: Int { 0 }
        mutating func step(_ bar: Bar, values: inout [Double]) -> Signal { .none }
    }

    @Test("a kind taken by a built-in or reserved for signals/process cannot be registered (exit 78)")
    func takenKinds() {
        #expect(throws: StrategyRegistrationError.self) { try StrategyCatalog(registering: [Taken.self]) }
        #expect(throws: StrategyRegistrationError.self) { try StrategyCatalog(registering: [Reserved.self]) }
        #expect(throws: StrategyRegistrationError.self) {
            try StrategyCatalog(registering: [AlwaysLong.self, AlwaysLong.self])
        }
    }
}
