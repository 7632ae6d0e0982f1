import ArgumentParser
import BallastEngine
import BallastServe
import BallastStore
import Foundation

/// `ballast serve`: the web dashboard and JSON API over a journal (SPEC §16, docs/SERVE.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a dashboard and JSON API over the journal (read-only; follows a live run as it commits).",
        discussion: """
            Binds to loopback by default. A non-loopback --bind needs --token-file; with a token the POST \
            operator commands (halt, resume, flatten) are accepted with `Authorization: Bearer TOKEN`. \
            SIGINT or SIGTERM stops the server gracefully.
            """)

    @Option(
        help: """
            The journal database (default: ./ballast.sqlite, else the one ballast.sqlite in a directory just \
            below the current one, as for `ballast runs`).
            """)
    var db: String?

    @Option(help: "HOST:PORT to listen on (port 0: any free port, printed at start).")
    var bind: String = ServeBinding.standard.description

    @Option(help: "A file holding the token (≥ 16 characters) that the operator commands require.")
    var tokenFile: String?

    func validate() throws {
        guard ServeBinding(parsing: bind) != nil else {
            throw ValidationError("--bind \(bind): expected HOST:PORT, e.g. 127.0.0.1:8700 or [::1]:8700")
        }
    }

    func run() async throws {
        try await runReportingFailures {
            let binding = ServeBinding(parsing: bind)!
            let token = try tokenFile.map { path throws(ServeError) in try BearerToken.read(path: path) }
            let path: String
            if let db {
                path = db
            } else {
                path = try InspectionOptions.openStore(db: nil).path
            }
            let server = try DashboardServer(
                configuration: .init(databasePath: path, binding: binding, token: token), wallClock: SystemWallClock(),
                logger: CommandLogging.logger("serve"))
            try await server.run { bound in
                let mode = token == nil ? "read-only" : "operator commands need the token"
                // Written at once (not buffered): a script or a test reads the port from it.
                FileHandle.standardOutput.write(Data("serving \(path) at http://\(bound)/ (\(mode))\n".utf8))
            }
        }
    }
}
