import BallastCore

/// The strategy kinds a portfolio file can name: the built-ins and any `ConfigurableStrategy`
/// types registered by a user's package. Built from the `kind` and `params` of a `[[strategies]]`
/// entry.
///
/// Built-in kinds:
///
/// | kind | parameters (defaults) |
/// |---|---|
/// | `sma_cross`, `ema_cross` | `fast` (10, ≥ 1), `slow` (30, > fast), `allow_short` (false) |
/// | `rsi_reversion` | `period` (14, ≥ 1), `lower` (30), `upper` (70), 0 < lower < upper < 100 |
/// | `donchian_breakout` | `entry` (20, ≥ 1), `exit` (10, ≥ 1), `allow_short` (false) |
/// | `momentum` | `lookback` (20, ≥ 2), `threshold` (0, in [0, 10]) |
/// | `buy_and_hold` | none |
/// | `random_entry` | `seed` (1, ≥ 0), `probability` (0.05, in (0, 1]), `hold_bars` (10, ≥ 1), `allow_short` (false) |
///
/// Periods are at most 1 000 000 bars. Numbers accept integers; integers and booleans do not accept
/// anything else. The kinds `signals` and `process` (strategies from outside Swift) are read by the
/// portfolio-file reader itself and cannot be registered.
///
/// The catalog in force is `StrategyCatalog.current`, a task-local value: the command line binds
/// it to the built-ins plus the user's types for the whole run (`withValue`), so every reader of a
/// portfolio file in that task tree sees the same kinds. Invariant: kinds are unique.
public struct StrategyCatalog: Sendable {
    /// One registered kind: how to read its parameters.
    struct Builder: Sendable {
        let kind: String
        let parameterNames: [String]
        let make: @Sendable (StrategyParameters, inout [ConfigIssue]) -> (any Strategy)?

        init<S: ConfigurableStrategy>(_ type: S.Type) {
            kind = S.kind
            parameterNames = S.parameterNames
            make = { S.make($0, &$1) }
        }

        init<S: BuiltInStrategy>(builtIn type: S.Type) {
            kind = S.kind
            parameterNames = S.parameterNames
            make = { S.make($0, &$1) }
        }
    }

    /// The kinds the portfolio-file reader handles itself (SPEC §15); no type may take them.
    public static let externalKinds = ["signals", "process"]

    static let builtInBuilders: [Builder] = [
        .init(builtIn: SMACrossStrategy.self), .init(builtIn: EMACrossStrategy.self),
        .init(builtIn: RSIReversionStrategy.self), .init(builtIn: DonchianBreakoutStrategy.self),
        .init(builtIn: MomentumStrategy.self), .init(builtIn: BuyAndHoldStrategy.self),
        .init(builtIn: RandomEntryStrategy.self),
    ]

    /// The built-in kinds only.
    public static let builtIn = StrategyCatalog(builders: builtInBuilders)

    /// The catalog portfolio files are read with in this task (the built-ins unless bound).
    @TaskLocal public static var current = StrategyCatalog.builtIn

    private let builders: [Builder]

    private init(builders: [Builder]) {
        self.builders = builders
    }

    /// The built-ins plus `types`, in that order.
    ///
    /// - Throws: `StrategyRegistrationError` when a type's kind is empty, not made of letters,
    ///   digits and `_`, taken by a built-in or another type, or one of `externalKinds`.
    public init(registering types: [any ConfigurableStrategy.Type]) throws(StrategyRegistrationError) {
        var builders = Self.builtInBuilders
        for type in types {
            let builder = Self.builder(for: type)
            let kind = builder.kind
            let allowed =
                !kind.isEmpty
                && kind.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
                }
            guard allowed else {
                throw StrategyRegistrationError(kind: kind, reason: "a kind is letters, digits and _")
            }
            guard !Self.externalKinds.contains(kind), !builders.contains(where: { $0.kind == kind }) else {
                throw StrategyRegistrationError(kind: kind, reason: "the kind is already taken")
            }
            builders.append(builder)
        }
        self.builders = builders
    }

    private static func builder(for type: any ConfigurableStrategy.Type) -> Builder {
        func open<S: ConfigurableStrategy>(_ type: S.Type) -> Builder { Builder(type) }
        return open(type)
    }

    /// Every kind of this catalog: the built-ins in the order of the table above, then the
    /// registered types in registration order.
    public var kinds: [String] { builders.map(\.kind) }

    /// Every kind of `current`.
    public static var kinds: [String] { current.kinds }

    /// The strategy of `kind` configured by `parameters`; nil exactly when it appended issues to
    /// `issues` (all it found, like the other configuration readers; `Result` cannot carry
    /// `[ConfigIssue]`, which is not an `Error`).
    ///
    /// An unknown kind gives one issue at key path `kind` (relative: the caller prefixes the
    /// entry's path, e.g. with `ConfigIssue.prefixed(by: "strategies[2]")`) that lists the known
    /// kinds. Otherwise the issues are at `parameters.path` + `.` + the key: unknown keys first (in
    /// key order), then mistyped or out-of-range values, then relations between values (such as
    /// `slow` > `fast`, reported at `slow`), which are checked only when their values read cleanly.
    public func make(
        kind: String, parameters: StrategyParameters, issues: inout [ConfigIssue]
    ) -> (any Strategy)? {
        guard let builder = builders.first(where: { $0.kind == kind }) else {
            let known = (kinds + Self.externalKinds).joined(separator: ", ")
            issues.append(
                ConfigIssue(keyPath: "kind", reason: "unknown strategy kind \"\(kind)\"; expected one of: \(known)"))
            return nil
        }
        var local: [ConfigIssue]
        if builder.parameterNames.isEmpty {
            local = parameters.values.keys.sorted().map {
                ConfigIssue(keyPath: parameters.keyPath($0), reason: "unknown parameter; \(kind) takes no parameters")
            }
        } else {
            local = parameters.unknownKeys(allowed: builder.parameterNames)
        }
        let strategy = builder.make(parameters, &local)
        issues += local
        return local.isEmpty ? strategy : nil
    }

    /// `make(kind:parameters:issues:)` of `current`.
    public static func make(
        kind: String, parameters: StrategyParameters, issues: inout [ConfigIssue]
    ) -> (any Strategy)? {
        current.make(kind: kind, parameters: parameters, issues: &issues)
    }
}

/// A strategy type that cannot be registered: its kind is malformed or taken.
public struct StrategyRegistrationError: BallastFailure, Equatable {
    public var kind: String
    public var reason: String

    /// `.badConfiguration` (78): the strategy types given do not make a catalog.
    public var exitStatus: ExitStatus { .badConfiguration }

    public var description: String { "cannot register strategy kind \"\(kind)\": \(reason)" }
}
