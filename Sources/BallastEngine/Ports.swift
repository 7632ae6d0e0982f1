// The feed and venue ports (`BarFeed`, `OrderVenue` and their values) live in `BallastPorts`, which
// adapters such as `BallastBinance` depend on instead of the engine. The engine's live policy uses
// them, and its clients see them through the engine as before.
@_exported import BallastPorts
