import BallastTestKit
import Foundation
import Testing

/// Issue 16 item 4: `ballast live --feed binance` pointed at a server that misbehaves keeps running,
/// costs little CPU, and stops on SIGTERM with exit 0. Before the AsyncHTTPClient transport, a
/// server that never answered cost ~85 % of a core (libcurl spinning) and a non-JSON answer ended
/// the run with exit 1 ("Binance response not understood").
///
/// The CPU figure is the child's own user + system time (from /proc) over a window after start-up,
/// so other load on the machine does not count; the 30 s figures are in docs/RELIABILITY.md.
@Suite("ballast live survives a misbehaving Binance endpoint")
struct FaultSurvivalProcessTests {
    /// Seconds of the measured window.
    static let window = 6.0
    /// Largest share of one core the run may use during the window (the issue's bar is 5 % over 30 s;
    /// a short window on a loaded test machine gets a little slack).
    static let maxCoreShare = 0.10

    static let cases: [(MisbehavingServer.Behaviour, String)] = MisbehavingServer.Behaviour.allCases.flatMap {
        [($0, "paper"), ($0, "binance")]
    }

    @Test("keeps running, stays cheap, stops on SIGTERM", arguments: cases)
    func survives(behaviour: MisbehavingServer.Behaviour, venue: String) async throws {
        let server = try MisbehavingServer(behaviour)
        defer { server.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let portfolio = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2010-06-01")
        let child = try BallastProcess(
            [
                "live", portfolio, "--feed", "binance", "--venue", venue, "--binance-base-url", server.url,
                "--db", directory.path("live.sqlite"),
            ],
            environment: ["BALLAST_BINANCE_API_KEY": "fault-key", "BALLAST_BINANCE_API_SECRET": "fault-secret"])
        let pid = child.process.processIdentifier
        try await Task.sleep(for: .seconds(2))
        guard let before = Self.cpuSeconds(pid: pid) else {
            let status = await child.finished()
            Issue.record("ballast ended during start-up (\(status)): \(child.standardError)")
            return
        }
        try await Task.sleep(for: .seconds(Self.window))
        let after = Self.cpuSeconds(pid: pid)
        #expect(child.process.isRunning, "the run ended: \(behaviour) \(venue)")
        if let after {
            let share = (after - before) / Self.window
            #expect(share < Self.maxCoreShare, "\(behaviour) \(venue): \(share * 100) % of a core")
        }
        kill(pid, SIGTERM)
        let status = await child.finished()
        #expect(status == 0, "\(behaviour) \(venue): exit \(status)")
    }

    /// User + system CPU seconds of a running process, nil when it is gone.
    static func cpuSeconds(pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15 (1-based).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
