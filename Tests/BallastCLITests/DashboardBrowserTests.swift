import BallastTestKit
import Foundation
import Testing

@Suite("The dashboard in a real browser (headless Chromium)")
struct DashboardBrowserTests {
    @Test(
        "Chromium opens the dashboard served on 127.0.0.1: scripts ran, no console error, a budget row per strategy",
        .enabled(if: HeadlessChromium.isAvailable, "no chromium on PATH: apt-get install chromium (.ci/run does)"),
        .timeLimit(.minutes(5)))
    func dashboardInChromium() async throws {
        let (directory, database, _) = try await ReportCommandTests.demoReport()
        defer { directory.remove() }
        let server = try await ServeProcess(database: database)
        let url = server.base.appendingPathComponent("runs/1")
        let (status, dom, log) = try await Self.offPool {
            try HeadlessChromium.run(
                ["--dump-dom", "--virtual-time-budget=3000"], url: url, log: directory.path("dom.log"))
        }
        #expect(status == 0, "chromium: \(log.suffix(2000))")
        let strategies = ReportCommandTests.demoStrategies
        let charts = 5 + 3 * strategies.count
        #expect(dom.contains("data-charts=\"\(charts)\""), "the report's script did not run to its end")
        #expect(dom.contains("data-following=\"yes\""), "the dashboard's script did not run")
        let scriptError = dom.components(separatedBy: "data-script-error=\"").dropFirst().first?.prefix(300)
        #expect(scriptError == nil, "script error: \(scriptError ?? "")")
        #expect(!dom.contains("not following"), "the dashboard lost the server")
        #expect(ReportCommandTests.count("<svg", in: dom) == charts)
        #expect(ReportCommandTests.count("class=\"budget-row\"", in: dom) == strategies.count)
        for id in strategies { #expect(dom.contains("<td>\(id)</td>"), "budget row of \(id)") }
        for line in log.split(separator: "\n")
        where line.contains("Uncaught") || line.contains(":CONSOLE") || line.contains("Refused to") {
            Issue.record("browser console: \(line)")
        }

        let screenshot = directory.path("dashboard.png")
        let (shot, _, shotLog) = try await Self.offPool {
            try HeadlessChromium.run(
                ["--screenshot=\(screenshot)", "--window-size=1400,1800", "--hide-scrollbars"], url: url,
                log: directory.path("screenshot.log"))
        }
        #expect(shot == 0, "chromium: \(shotLog.suffix(2000))")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
        #expect(await server.stop() == 0)
    }

    private static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
