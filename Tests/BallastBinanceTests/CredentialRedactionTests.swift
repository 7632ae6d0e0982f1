import BallastBinance
import BallastFakeExchange
import Foundation
import Testing

/// Issue 11, item 12: a venue (or a proxy) that echoes the `X-MBX-APIKEY` header must not get the
/// key onto stderr, into a log line or into the journal: the client redacts the key and the secret
/// from every error it throws and every message it logs.
@Suite("The API key and secret never leave the Binance client (issue 11, item 12)")
struct CredentialRedactionTests {
    static func expectRedacted(_ text: String, _ comment: Comment? = nil) {
        #expect(!text.contains(testAPIKey), comment)
        #expect(!text.contains(testSecret), comment)
    }

    @Test(
        "an error answer echoing the key, as JSON or as text, 4xx or 5xx after retries",
        arguments: [(400, true), (401, false), (503, true), (502, false)])
    func echoedKeyIsRedacted(status: Int, json: Bool) async throws {
        try await withExchange(retryPolicy: BinanceRetryPolicy(maxAttempts: 2)) { fx in
            await fx.exchange.scriptFaults(
                Array(repeating: .echoAPIKey(status: status, json: json), count: 2), path: "/api/v3/openOrders")
            let error = await #expect(throws: BinanceError.self) { try await fx.client.openOrders(symbol: "BTCUSDT") }
            let text = "\(String(describing: error))"
            Self.expectRedacted(text, "error: \(text)")
            #expect(text.contains(BinanceCredentials.redaction))
            for line in fx.logs.all { Self.expectRedacted(line, "log: \(line)") }
            // The key did reach the exchange (it was echoed), so the test is not vacuous.
            #expect(await fx.exchange.requests.first?.apiKey == testAPIKey)
        }
    }

    @Test("redaction replaces every occurrence, also percent-encoded, and leaves other text alone")
    func redactText() {
        let credentials = BinanceCredentials(apiKey: "key+with/odd=chars", secret: "s3cr3t")
        let text = "a key+with/odd=chars b key%2Bwith%2Fodd%3Dchars c s3cr3t d s3cr3ts3cr3t"
        #expect(
            credentials.redact(text)
                == "a <redacted> b <redacted> c <redacted> d <redacted><redacted>")
        #expect(credentials.redact("nothing secret") == "nothing secret")
    }

    @Test("every case of BinanceError carries redacted text")
    func redactEveryCase() {
        let credentials = BinanceCredentials(apiKey: testAPIKey, secret: testSecret)
        let cases: [BinanceError] = [
            .api(httpStatus: 400, code: -1022, message: "sig \(testSecret)"),
            .api(httpStatus: 400, code: -1000, message: "key \(testAPIKey)"),
            .http(status: 500, body: String(repeating: "x", count: 190) + testAPIKey),
            .transport("refused \(testAPIKey)"), .invalidResponse("bad \(testAPIKey)"),
        ]
        for error in cases {
            let redacted = error.redactingText(credentials.redact)
            Self.expectRedacted(redacted.description)
            #expect(redacted.code == error.code)
            #expect(redacted.isTransient == error.isTransient)
        }
    }
}
