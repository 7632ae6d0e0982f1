import BallastCommandLine

// The `ballast` executable: the command line of `BallastCommandLine` with the built-in kinds. A
// package of your own registers its kinds the same way (examples/swift-strategy).
await BallastCommand.main(strategies: [])
