import BallastBinance
import Foundation
import Testing

@Suite struct SigningTests {
    @Test func documentedSignatureKnownAnswer() {
        let signer = BinanceSigner(secret: "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")
        let query =
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
        #expect(signer.signature(for: query) == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
    }

    @Test func queryEncodingKeepsOrderAndEscapes() {
        let text = BinanceQuery.encode([("symbol", "BTCUSDT"), ("newClientOrderId", "run:1/a b"), ("quantity", "0.5")])
        #expect(text == "symbol=BTCUSDT&newClientOrderId=run%3A1%2Fa%20b&quantity=0.5")
        let decoded = BinanceQuery.decode(text)
        #expect(decoded.map(\.0) == ["symbol", "newClientOrderId", "quantity"])
        #expect(decoded[1].1 == "run:1/a b")
    }

    @Test func decimalsArePlainAndNeverRoundedUp() {
        #expect(BinanceDecimal.format(0.1 + 0.2) == "0.3")
        #expect(BinanceDecimal.format(12.5) == "12.5")
        #expect(BinanceDecimal.format(3) == "3")
        #expect(BinanceDecimal.format(0.000_000_019) == "0.00000001")
        #expect(BinanceDecimal.format(1e-9) == "0")
        #expect(BinanceDecimal.format(0.123_456_789) == "0.12345678")
    }

    @Test func credentialsFromEnvironment() throws {
        let credentials = try BinanceCredentials.fromEnvironment([
            "BALLAST_BINANCE_API_KEY": testAPIKey, "BALLAST_BINANCE_API_SECRET": testSecret,
        ])
        #expect(credentials.apiKey == testAPIKey)
        #expect(credentials.secret == testSecret)
        for text in [credentials.description, String(reflecting: credentials), "\(credentials)"] {
            #expect(!text.contains(testAPIKey))
            #expect(!text.contains(testSecret))
        }
    }

    @Test func missingCredentialsNameTheVariable() {
        #expect(throws: BinanceCredentialsError.missing(variable: "BALLAST_BINANCE_API_KEY")) {
            try BinanceCredentials.fromEnvironment(["BALLAST_BINANCE_API_SECRET": testSecret])
        }
        let error = #expect(throws: BinanceCredentialsError.self) {
            try BinanceCredentials.fromEnvironment(["BALLAST_BINANCE_API_KEY": testAPIKey])
        }
        #expect(error?.description.contains("BALLAST_BINANCE_API_SECRET") == true)
        #expect(error?.description.contains(testAPIKey) == false)
    }

    @Test func backoffIsExponentialAndCapped() {
        let policy = BinanceRetryPolicy()
        #expect((1...8).map { policy.backoff(afterAttempt: $0) } == [0.5, 1, 2, 4, 8, 16, 30, 30])
        #expect(policy.backoff(afterAttempt: 1000) == 30)
    }
}
