import BallastBinance
import BallastFakeExchange
import Foundation
import Testing

@Suite struct RESTClientTests {
    @Test func rateLimitWaitsExactlyRetryAfterThenSucceeds() async throws {
        try await withExchange { fx in
            await fx.exchange.scriptFaults([.rateLimited(retryAfter: 7)], method: "GET", path: "/api/v3/time")
            let time = try await fx.client.serverTime()
            #expect(time > 0)
            #expect(fx.sleeps.requested == [7])
            #expect(await fx.exchange.requests(method: "GET", path: "/api/v3/time").map(\.status) == [429, 200])
        }
    }

    @Test func ipBanWaitsAsToldThenSucceeds() async throws {
        try await withExchange { fx in
            await fx.exchange.seedKlines(symbol: "BTCUSDT", timeframe: .oneMinute, minuteKlines(from: 0, to: 120))
            await fx.exchange.scriptFaults([.ipBanned(retryAfter: 120)], path: "/api/v3/klines")
            let klines = try await fx.client.klines(symbol: "BTCUSDT", interval: .oneMinute, startTime: 0)
            #expect(klines.count == 3)
            #expect(fx.sleeps.requested == [120])
        }
    }

    @Test func rateLimitWithoutRetryAfterBacksOffExponentially() async throws {
        try await withExchange { fx in
            await fx.exchange.scriptFaults([.rateLimited(retryAfter: nil), .rateLimited(retryAfter: nil)])
            _ = try await fx.client.serverTime()
            #expect(fx.sleeps.requested == [0.5, 1])
        }
    }

    @Test func serverErrorsRetriedUntilAttemptsRunOut() async throws {
        try await withExchange(retryPolicy: BinanceRetryPolicy(maxAttempts: 3)) { fx in
            await fx.exchange.scriptFaults(Array(repeating: .serverError(status: 503), count: 3))
            let error = await #expect(throws: BinanceError.self) { try await fx.client.serverTime() }
            #expect(error == .http(status: 503, body: "Service Unavailable"))
            #expect(fx.sleeps.requested == [0.5, 1])
            #expect(await fx.exchange.requests.count == 3)
        }
    }

    @Test func transportErrorsAreRetriedWithBackoff() async throws {
        let sleeps = RecordingSleeper()
        // Nothing listens on port 9 of 127.0.0.1 (discard): connection refused.
        let client = BinanceRESTClient(
            baseURL: URL(string: "http://127.0.0.1:9")!, credentials: nil,
            retryPolicy: BinanceRetryPolicy(maxAttempts: 3),
            sleeper: sleeps.sleeper, logger: LogStore().logger())
        let error = await #expect(throws: BinanceError.self) { try await client.serverTime() }
        guard case .transport = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(sleeps.requested == [0.5, 1])
    }

    @Test(arguments: [60_000, -30_000] as [Int64])
    func clockSkewResynchronisesAndRetriesOnce(skew: Int64) async throws {
        try await withExchange { fx in
            await fx.exchange.setClockSkew(skew)
            let orders = try await fx.client.openOrders(symbol: "BTCUSDT")
            #expect(orders.isEmpty)
            let offset = await fx.client.serverTimeOffset
            #expect(abs(offset - skew) < 1000)
            let statuses = await fx.exchange.requests.map { "\($0.method) \($0.path) \($0.status)" }
            #expect(
                statuses == [
                    "GET /api/v3/openOrders 400", "GET /api/v3/time 200", "GET /api/v3/openOrders 200",
                ])
        }
    }

    @Test func badSignatureIsNotRetriedAndHidesTheSecret() async throws {
        let wrongSecret = "wrong-secret-W000000000000000000003"
        try await withExchange(secret: wrongSecret) { fx in
            let error = await #expect(throws: BinanceError.self) {
                try await fx.client.openOrders(symbol: "BTCUSDT")
            }
            #expect(error?.code == -1022)
            let text = String(describing: error)
            #expect(text.lowercased().contains("signature"))
            #expect(!text.contains(wrongSecret))
            #expect(!text.contains(testSecret))
            #expect(await fx.exchange.requests.count == 1)
            #expect(fx.sleeps.requested.isEmpty)
            for line in fx.logs.all {
                #expect(!line.contains(wrongSecret))
                #expect(!line.contains(testAPIKey))
            }
        }
    }

    @Test func wrongAPIKeyIsRejected() async throws {
        let exchange = FakeBinanceExchange(apiKey: "another-key", secret: testSecret)
        let url = try await exchange.start()
        let client = BinanceRESTClient(
            baseURL: url, credentials: BinanceCredentials(apiKey: testAPIKey, secret: testSecret),
            transport: AsyncHTTPClientTransport(timeout: inProcessExchangeTimeout), sleeper: RecordingSleeper().sleeper,
            logger: LogStore().logger())
        let error = await #expect(throws: BinanceError.self) { try await client.openOrders(symbol: nil) }
        #expect(error?.code == -2015)
        await exchange.stop()
    }

    @Test func signedRequestsCarryKeyHeaderTimestampWindowAndSignature() async throws {
        try await withExchange { fx in
            _ = try await fx.client.openOrders(symbol: "ETHUSDT")
            let request = try #require(await fx.exchange.requests.first)
            #expect(request.apiKey == testAPIKey)
            #expect(request.parameters["recvWindow"] == "5000")
            #expect(request.parameters["timestamp"] != nil)
            #expect(request.parameters["signature"]?.count == 64)
            #expect(!request.parameters.values.contains(testSecret))
            #expect(!request.parameters.values.contains(testAPIKey))
        }
    }

    @Test func unsignedCallsNeedNoCredentialsButSignedOnesDo() async throws {
        try await withExchange { fx in
            let url = try #require(await fx.exchange.baseURL)
            let anonymous = BinanceRESTClient(
                baseURL: url, credentials: nil, transport: AsyncHTTPClientTransport(timeout: inProcessExchangeTimeout),
                sleeper: fx.sleeps.sleeper, logger: fx.logs.logger())
            _ = try await anonymous.serverTime()
            await #expect(throws: BinanceError.missingCredentials) { try await anonymous.openOrders(symbol: nil) }
        }
    }
}
