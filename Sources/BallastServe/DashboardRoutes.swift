import BallastCore
import BallastEngine
import BallastHTMLReport
import BallastStore
import Foundation
import HTTPTypes
import Hummingbird

/// The routes of `ballast serve` (docs/SERVE.md): the JSON API, the dashboard page and its
/// fragments and scripts, and the token-protected operator commands.
///
/// Every answer is built from one read of the journal; errors are JSON `{"error": …}` with the status
/// of `APIFailure` (an unknown run is 404). Security headers on every answer: no caching, no type
/// sniffing, and a Content-Security-Policy that allows this server's own scripts only.
struct DashboardRoutes: Sendable {
    let reader: DashboardReader
    let page: DashboardPage
    /// The token the operator commands require; nil: the server is read-only (they answer 403).
    let token: BearerToken?
    /// The largest request body accepted (413 beyond it).
    let maxBodyBytes: Int
    /// Stamps `received_at` of operator commands.
    let wallClock: any WallClock

    init(
        store: BallastStore, probe: JournalChangeProbe?, token: BearerToken?, maxBodyBytes: Int,
        wallClock: any WallClock
    ) {
        reader = DashboardReader(store: store, probe: probe)
        page = DashboardPage(store: store)
        self.token = token
        self.maxBodyBytes = maxBodyBytes
        self.wallClock = wallClock
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/api/runs") { _, _ in json { try reader.runs() } }
        router.get("/api/runs/:id/budgets") { _, context in json { try reader.budgets(runID: try runID(context)) } }
        router.get("/api/runs/:id/decisions") { request, context in
            json {
                let query = request.uri.queryParameters
                return try reader.decisions(
                    runID: try runID(context), strategy: query.get("strategy"), binding: query.get("binding"),
                    limit: query.get("limit"))
            }
        }
        router.get("/api/runs/:id/adjustments") { request, context in
            json {
                try reader.adjustments(runID: try runID(context), strategy: request.uri.queryParameters.get("strategy"))
            }
        }
        router.get("/api/runs/:id/equity") { request, context in
            json { try reader.equity(runID: try runID(context), scope: request.uri.queryParameters.get("scope")) }
        }
        router.get("/api/runs/:id/trades") { request, context in
            json { try reader.trades(runID: try runID(context), strategy: request.uri.queryParameters.get("strategy")) }
        }
        router.get("/api/runs/:id/commands") { _, context in json { try reader.commands(runID: try runID(context)) } }
        router.get("/api/runs/:id/commit") { _, context in json { try reader.commit(runID: try runID(context)) } }
        for action in OperatorCommand.Action.allCases {
            router.post("/api/runs/:id/\(action.rawValue)") { request, context in
                await command(action, request: request, context: context)
            }
        }
        router.get("/") { _, _ in
            html {
                guard let latest = try reader.store.latestRunID() else {
                    throw StoreError.noRunYet(path: reader.store.path)
                }
                return try page.page(runID: latest)
            }
        }
        router.get("/runs/:id") { _, context in html { try page.page(runID: try runID(context)) } }
        router.get("/runs/:id/budgets.html") { _, context in html { try page.budgets(runID: try runID(context)) } }
        router.get("/runs/:id/commands.html") { _, context in html { try page.commands(runID: try runID(context)) } }
        router.get("/runs/:id/charts.html") { _, context in html { try page.charts(runID: try runID(context)) } }
        router.get("/assets/report.js") { _, _ in asset(ReportCharts.script, type: "text/javascript; charset=utf-8") }
        router.get("/assets/dashboard.js") { _, _ in
            asset(DashboardTemplate.script, type: "text/javascript; charset=utf-8")
        }
        return router
    }

    /// `POST /api/runs/{id}/halt|resume|flatten`, body `{"strategy": ID}` or `{"all": true}`, optional
    /// `"reason"`. Checked in this order, nothing written unless all pass: the token (403 without one
    /// configured, 401 when missing or wrong), the body's size (413), its JSON (400), the run and the
    /// strategy (404 unknown run, 409 a run that is not a running live run or an unknown strategy).
    func command(_ action: OperatorCommand.Action, request: Request, context: BasicRequestContext) async -> Response {
        do {
            guard let token else {
                throw APIFailure.forbidden(
                    "this server is read-only: start `ballast serve` with --token-file to accept operator commands")
            }
            guard token.accepts(authorization: request.headers[.authorization]) else {
                throw APIFailure.unauthorized("missing or wrong token (Authorization: Bearer …); nothing was applied")
            }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: maxBodyBytes)
            } catch {
                throw APIFailure.tooLarge("the request body is over \(maxBodyBytes) bytes; nothing was applied")
            }
            let payload = try OperatorPayload.decode(Data(buffer: body))
            let run = try runID(context)
            let store = try BallastStore.open(path: reader.store.path)
            let row = try store.submitOperatorCommand(
                runID: run, action: action, strategy: payload.strategy, reason: payload.reason ?? "", source: "http",
                receivedAt: wallClock.now())
            return respond(status: .accepted, type: "application/json", body: try DashboardReader.json(row))
        } catch {
            return failure(error)
        }
    }

    private func runID(_ context: BasicRequestContext) throws -> Int64 {
        let text = context.parameters.get("id") ?? ""
        guard let id = Int64(text) else { throw APIFailure.notFound("no run with id '\(text)'") }
        return id
    }

    private func json(_ body: () throws -> Data) -> Response {
        do {
            return respond(status: .ok, type: "application/json", body: try body())
        } catch {
            return failure(error)
        }
    }

    private func html(_ body: () throws -> String) -> Response {
        do {
            return respond(status: .ok, type: "text/html; charset=utf-8", body: Data(try body().utf8))
        } catch {
            return failure(error)
        }
    }

    private func asset(_ text: String, type: String) -> Response {
        respond(status: .ok, type: type, body: Data(text.utf8))
    }

    /// The error as JSON `{"error": message}` with its status: `APIFailure` as it says, an unknown run
    /// 404, an operator command refused 409, other store errors 500 (their text names the database).
    private func failure(_ error: any Error) -> Response {
        let status: HTTPResponse.Status
        let message: String
        switch error {
        case let failure as APIFailure:
            status = .init(code: failure.status)
            message = failure.message
        case StoreError.unknownRun(_, let runID):
            status = .notFound
            message = "no run with id \(runID)"
        case let refusal as OperatorCommandRefusal:
            status = .conflict
            message = refusal.message
        case let store as StoreError:
            status = store == .noRunYet(path: store.path) ? .notFound : .internalServerError
            message = store.description
        default:
            status = .internalServerError
            message = "\(error)"
        }
        let body = (try? DashboardReader.json(["error": message])) ?? Data()
        return respond(status: status, type: "application/json", body: body)
    }

    private func respond(status: HTTPResponse.Status, type: String, body: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Content-Security-Policy")!] =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// The JSON body of an operator command: `{"strategy": "trend-goog"}` or `{"all": true}`, and an
/// optional `"reason"`.
struct OperatorPayload: Decodable {
    var strategy: String?
    var all: Bool?
    var reason: String?

    static func decode(_ data: Data) throws -> OperatorPayload {
        let payload: OperatorPayload
        do {
            payload = try JSONDecoder().decode(OperatorPayload.self, from: data)
        } catch {
            throw APIFailure.badRequest(
                "the body must be JSON {\"strategy\": ID} or {\"all\": true}, with an optional \"reason\"")
        }
        guard (payload.all == true) != (payload.strategy != nil) else {
            throw APIFailure.badRequest("give either \"strategy\" or \"all\": true")
        }
        return payload
    }
}
