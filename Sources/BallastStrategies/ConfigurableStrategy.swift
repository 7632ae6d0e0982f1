import BallastCore

/// A strategy type that a portfolio file can name by `kind` and configure with its `params`
/// table: implement it in your own package and register the type with `StrategyCatalog` (or pass
/// it to `BallastCommand.main(strategies:)`) to run it from the command line (SPEC §15).
///
/// Contract: `make` reads every parameter it needs from `parameters` with the typed accessors
/// (`integer`, `number`, `bool`, `string`), which collect one issue per problem; it returns nil
/// exactly when it appended an issue. Keys not in `parameterNames` are reported by the catalog
/// before `make` runs, so `make` sees only known keys. `kind` is unique within a catalog.
public protocol ConfigurableStrategy: Strategy {
    /// The kind name in portfolio files, such as `mean_reversion`: letters, digits and `_`.
    static var kind: String { get }
    /// Every parameter name the kind accepts; any other key of `params` is an error (exit 78).
    static var parameterNames: [String] { get }
    /// Reads and validates the parameters, appending one issue per problem (key paths from
    /// `parameters.keyPath(_:)`). Returns nil exactly when it appended an issue.
    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self?
}
