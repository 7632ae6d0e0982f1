/// The part of `GET /api/v3/account` Ballast reads: the balances (decimal strings).
struct BinanceAccount: Decodable {
    struct Balance: Decodable {
        var asset: String
        var free: Double
        var locked: Double

        enum CodingKeys: String, CodingKey { case asset, free, locked }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            asset = try c.decode(String.self, forKey: .asset)
            free = try c.decodeDecimal(.free)
            locked = try c.decodeDecimal(.locked)
        }
    }

    var balances: [Balance]

    /// Free + locked per asset (an asset listed twice is summed).
    var totals: [String: Double] {
        balances.reduce(into: [:]) { $0[$1.asset, default: 0] += $1.free + $1.locked }
    }
}
