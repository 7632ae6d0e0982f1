import BallastTestKit
import Foundation
import Testing

/// Headless Chromium, when a `chromium` binary is on PATH (`.ci/run` installs Debian's).
enum HeadlessChromium {
    /// The binary's path, nil when there is none.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for directory in directories {
            for name in ["chromium", "chromium-browser"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static var isAvailable: Bool { path != nil }

    /// Runs Chromium headless with `arguments` on `url`; returns (status, stdout, stderr). Its
    /// standard error goes to `log` (read back at the end); it is killed after 120 s.
    static func run(_ arguments: [String], url: URL, log: String) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments =
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0"]
            + arguments + [url.absoluteString]
        let output = Pipe()
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? errors.close() }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: killer)
        let outputText = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        let errorText = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: outputText, as: UTF8.self), errorText)
    }
}

@Suite("The demo's report in a real browser (headless Chromium)")
struct ReportBrowserTests {
    @Test(
        "Chromium renders the demo report: every chart, the script ran without error, a screenshot",
        .enabled(if: HeadlessChromium.isAvailable, "no chromium on PATH: apt-get install chromium (.ci/run does)"),
        .timeLimit(.minutes(5)))
    func demoReportInChromium() async throws {
        let (directory, _, htmlPath) = try await ReportCommandTests.demoReport()
        defer { directory.remove() }
        let url = URL(fileURLWithPath: htmlPath)
        let (status, dom, log) = try await Self.offPool {
            try HeadlessChromium.run(
                ["--dump-dom", "--virtual-time-budget=3000"], url: url, log: directory.path("dom.log"))
        }
        #expect(status == 0, "chromium: \(log.suffix(2000))")
        let charts = 5 + 3 * ReportCommandTests.demoStrategies.count
        // The script ran to its end (it counts the charts) and caught no error.
        #expect(dom.contains("data-charts=\"\(charts)\""), "the report's script did not run to its end")
        // The script writes any uncaught error into <body data-script-error="…">.
        let scriptError = dom.components(separatedBy: "data-script-error=\"").dropFirst().first?.prefix(300)
        #expect(scriptError == nil, "script error: \(scriptError ?? "")")
        #expect(ReportCommandTests.count("<svg", in: dom) == charts)
        #expect(
            ReportCommandTests.count("class=\"metrics-row\"", in: dom) == 1 + ReportCommandTests.demoStrategies.count)
        for line in log.split(separator: "\n") where line.contains("Uncaught") || line.contains(":CONSOLE") {
            Issue.record("browser console: \(line)")
        }

        let screenshot = directory.path("report.png")
        let (shot, _, shotLog) = try await Self.offPool {
            try HeadlessChromium.run(
                ["--screenshot=\(screenshot)", "--window-size=1400,2400", "--hide-scrollbars"], url: url,
                log: directory.path("screenshot.log"))
        }
        #expect(shot == 0, "chromium: \(shotLog.suffix(2000))")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
    }

    @Test(
        "Chromium renders a walk-forward sweep's page: the stitched equity chart drawn, the script ran without error",
        .enabled(if: HeadlessChromium.isAvailable, "no chromium on PATH: apt-get install chromium (.ci/run does)"),
        .timeLimit(.minutes(5)))
    func walkForwardPageInChromium() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweepFile = try SweepFixture.write(
            in: directory,
            sweep: SweepReportTests.sweep + "\n[walk_forward]\ntrain = \"3y\"\ntest = \"2y\"\nstep = \"2y\"\n")
        let ran = try await SweepProcessTests.ballast(
            ["sweep", sweepFile, "--db", directory.path("j.sqlite"), "--html", directory.path("wf.html")])
        #expect(ran.status == 0, "\(ran.errors)")
        let url = URL(fileURLWithPath: directory.path("wf.html"))
        let (status, dom, log) = try await Self.offPool {
            try HeadlessChromium.run(
                ["--dump-dom", "--virtual-time-budget=3000"], url: url, log: directory.path("dom.log"))
        }
        #expect(status == 0, "chromium: \(log.suffix(2000))")
        // One chart (the stitched out-of-sample equity) beside the heatmap's plain SVG.
        #expect(dom.contains("data-charts=\"1\""), "the page's script did not run to its end")
        let scriptError = dom.components(separatedBy: "data-script-error=\"").dropFirst().first?.prefix(300)
        #expect(scriptError == nil, "script error: \(scriptError ?? "")")
        #expect(ReportCommandTests.count("<svg", in: dom) == 2)
        #expect(dom.contains("id=\"chart-walk-forward-equity\""))
        for line in log.split(separator: "\n") where line.contains("Uncaught") || line.contains(":CONSOLE") {
            Issue.record("browser console: \(line)")
        }
    }

    private static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
