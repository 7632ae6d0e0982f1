import BallastCore

// TEMPORARY stub, replaced by the full implementation.
public struct DynamicRiskConfig: Sendable, Equatable, Codable {
    public var enabled = true
    public init() {}
    public func validationIssues() -> [ConfigIssue] { [] }
}
