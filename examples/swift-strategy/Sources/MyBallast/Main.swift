import BallastCommandLine

/// `my-ballast`: every `ballast` subcommand, with `mean_reversion` next to the built-in kinds.
@main
struct Main {
    static func main() async {
        await BallastCommand.main(strategies: [MeanReversion.self])
    }
}
