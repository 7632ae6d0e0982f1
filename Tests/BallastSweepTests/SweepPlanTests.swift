import BallastConfig
import BallastSweep
import Testing

@Suite("Sweep files and plans")
struct SweepPlanTests {
    static func parse(_ text: String) throws -> SweepFile {
        try SweepFile.parse(text: text, path: "/tmp/sweep.toml")
    }

    @Test("a range is from inclusive, to exclusive; integers stay integers")
    func integerRange() throws {
        let file = try Self.parse(
            """
            portfolio = "p.toml"
            [[axes]]
            key = "strategies.a.params.slow"
            range = { from = 10, to = 70, step = 5 }
            """)
        #expect(file.axes[0].values == stride(from: 10, to: 70, by: 5).map { SweepValue.integer($0) })
        #expect(file.objective.name == "final_equity")
        #expect(file.portfolioPath == "/tmp/p.toml")
    }

    @Test("a float range has no accumulated error")
    func floatRange() throws {
        let file = try Self.parse(
            """
            portfolio = "p.toml"
            [[axes]]
            key = "risk.max_position_size"
            range = { from = 0.1, to = 0.4, step = 0.1 }
            """)
        #expect(file.axes[0].values == [.double(0.1), .double(0.2), .double(0.3)])
    }

    @Test(
        "bad sweep files are configuration errors naming the key",
        arguments: [
            (
                "portfolio = \"p.toml\"\n[[axes]]\nkey = \"risk.max_position_size\"\nrange = { from = 5, to = 5, step = 1 }",
                "axes[0].range.to", "the range is empty"
            ),
            (
                "portfolio = \"p.toml\"\nsamples = 5\nmode = \"random\"\n[[axes]]\nkey = \"risk.a\"\nvalues = [1]",
                "seed", "is required with samples"
            ),
            (
                "portfolio = \"p.toml\"\nobjective = \"happiness\"\n[[axes]]\nkey = \"risk.a\"\nvalues = [1]",
                "objective", "unknown metric"
            ),
            ("portfolio = \"p.toml\"\n[[axes]]\nkey = \"risk.a\"\nvalues = []", "axes[0].values", "is empty"),
            ("portfolio = \"p.toml\"", "axes", "at least one"),
            (
                "portfolio = \"p.toml\"\n[[axes]]\nkey = \"risk.a\"\nvalues = [1]\n[walk_forward]\ntrain = \"3q\"\ntest = \"1y\"\nstep = \"1y\"",
                "walk_forward.train", "unit d, w, m or y"
            ),
        ])
    func rejected(text: String, keyPath: String, reason: String) throws {
        let error = #expect(throws: ConfigurationError.self) { try Self.parse(text) }
        let issue = try #require(error?.issues.first { $0.issue.keyPath == keyPath })
        #expect(issue.issue.reason.contains(reason))
        #expect(error?.exitStatus == .badConfiguration)
    }

    @Test("a grid varies the first axis slowest")
    func gridOrder() {
        let plan = SweepPlan(
            axes: [
                SweepAxis(key: "a", values: [.integer(1), .integer(2)]),
                SweepAxis(key: "b", values: [.string("x"), .string("y"), .string("z")]),
            ], mode: .grid)
        #expect(plan.variants.map(\.index) == Array(0..<6))
        #expect(plan.variants[1].values == [.integer(1), .string("y")])
        #expect(plan.variants[3].values == [.integer(2), .string("x")])
    }

    @Test("a random sweep draws distinct grid points, the same for the same seed, in grid order")
    func randomSamples() {
        let axes = [
            SweepAxis(key: "a", values: (1...20).map { .integer($0) }),
            SweepAxis(key: "b", values: (1...20).map { .integer($0) }),
        ]
        let grid = SweepPlan(axes: axes, mode: .grid).variants.map(\.values)
        let one = SweepPlan(axes: axes, mode: .random(samples: 30, seed: 42))
        let again = SweepPlan(axes: axes, mode: .random(samples: 30, seed: 42))
        let other = SweepPlan(axes: axes, mode: .random(samples: 30, seed: 43))
        #expect(one == again)
        #expect(one != other)
        #expect(Set(one.variants.map(\.values)).count == 30)
        let positions = one.variants.map { variant in grid.firstIndex(of: variant.values)! }
        #expect(positions == positions.sorted())
        #expect(SweepPlan(axes: axes, mode: .random(samples: 1000, seed: 1)).variants.count == 400)
    }
}
