import BallastCore
import Foundation
import Testing

/// One real file's first three rows as shipped (`original/`) and as converted (`normalized/`).
struct SampleFile: Sendable, CustomTestStringConvertible {
    var name: String
    var original: String
    var normalized: String
    /// The first bar's open time and OHLCV, as written in the normalized file.
    var firstTime: String
    var firstBar: [Double]

    var testDescription: String { name }
}

@Suite("BarCSVLoader: accepted formats")
struct BarCSVLoaderTests {
    /// The first three rows of every real data file (SPEC §11 formats), pasted verbatim, with
    /// the sp500 and STOCKS_GOOGL line endings (CRLF) kept.
    static let samples: [SampleFile] = [
        SampleFile(
            name: "backtesting GOOG (unnamed date column, YYYY-MM-DD)",
            original: """
                ,Open,High,Low,Close,Volume
                2004-08-19,100,104.06,95.96,100.34,22351900
                2004-08-20,101.01,109.08,100.5,108.31,11428600
                2004-08-23,110.75,113.48,109.05,109.4,9137200

                """,
            normalized: """
                timestamp,open,high,low,close,volume
                2004-08-19T00:00:00Z,100,104.06,95.96,100.34,22351900
                2004-08-20T00:00:00Z,101.01,109.08,100.5,108.31,11428600
                2004-08-23T00:00:00Z,110.75,113.48,109.05,109.4,9137200

                """,
            firstTime: "2004-08-19T00:00:00Z", firstBar: [100, 104.06, 95.96, 100.34, 22_351_900]),
        SampleFile(
            name: "backtesting EURUSD (unnamed, YYYY-MM-DD HH:MM:SS)",
            original: """
                ,Open,High,Low,Close,Volume
                2017-04-19 09:00:00,1.0716,1.0722,1.07083,1.07219,1413
                2017-04-19 10:00:00,1.07214,1.07296,1.07214,1.0726,1241
                2017-04-19 11:00:00,1.07256,1.07299,1.0717,1.07192,1025

                """,
            normalized: """
                timestamp,open,high,low,close,volume
                2017-04-19T09:00:00Z,1.0716,1.0722,1.07083,1.07219,1413
                2017-04-19T10:00:00Z,1.07214,1.07296,1.07214,1.0726,1241
                2017-04-19T11:00:00Z,1.07256,1.07299,1.0717,1.07192,1025

                """,
            firstTime: "2017-04-19T09:00:00Z", firstBar: [1.0716, 1.0722, 1.07083, 1.07219, 1413]),
        SampleFile(
            name: "backtesting BTCUSD (unnamed, fractional volume)",
            original: """
                ,Open,High,Low,Close,Volume
                2012-01-31,4.58,7.38,3.8,5.55,2012.25343589
                2012-02-29,5.55,6.5,3.8,4.99,4761.6090813
                2012-03-31,4.99,5.44,4.54,4.92,9049.62628191

                """,
            normalized: """
                timestamp,open,high,low,close,volume
                2012-01-31T00:00:00Z,4.58,7.38,3.8,5.55,2012.25343589
                2012-02-29T00:00:00Z,5.55,6.5,3.8,4.99,4761.6090813
                2012-03-31T00:00:00Z,4.99,5.44,4.54,4.92,9049.62628191

                """,
            firstTime: "2012-01-31T00:00:00Z", firstBar: [4.58, 7.38, 3.8, 5.55, 2012.25343589]),
        SampleFile(
            name: "arch sp500 (Yahoo header, M/D/YYYY, Adj Close, CRLF)",
            original: "Date,Open,High,Low,Close,Adj Close,Volume\r\n"
                + "1/4/1999,1229.22998,1248.810059,1219.099976,1228.099976,1228.099976,877000000\r\n"
                + "1/5/1999,1228.099976,1246.109985,1228.099976,1244.780029,1244.780029,775000000\r\n"
                + "1/6/1999,1244.780029,1272.5,1244.780029,1272.339966,1272.339966,986900000\r\n",
            normalized: """
                timestamp,open,high,low,close,volume
                1999-01-04T00:00:00Z,1229.22998,1248.810059,1219.099976,1228.099976,877000000
                1999-01-05T00:00:00Z,1228.099976,1246.109985,1228.099976,1244.780029,775000000
                1999-01-06T00:00:00Z,1244.780029,1272.5,1244.780029,1272.339966,986900000

                """,
            firstTime: "1999-01-04T00:00:00Z",
            firstBar: [1229.22998, 1248.810059, 1219.099976, 1228.099976, 877_000_000]),
        SampleFile(
            name: "gym-anytrading STOCKS_GOOGL (Yahoo header, Adj Close, CRLF)",
            original: "Date,Open,High,Low,Close,Adj Close,Volume\r\n"
                + "2009-05-22,198.528534,199.524521,196.196198,196.946945,196.946945,3433700\r\n"
                + "2009-05-26,196.171173,202.702698,195.195190,202.382385,202.382385,6202700\r\n"
                + "2009-05-27,203.023026,206.136139,202.607605,202.982986,202.982986,6062500\r\n",
            normalized: """
                timestamp,open,high,low,close,volume
                2009-05-22T00:00:00Z,198.528534,199.524521,196.196198,196.946945,3433700
                2009-05-26T00:00:00Z,196.171173,202.702698,195.195190,202.382385,6202700
                2009-05-27T00:00:00Z,203.023026,206.136139,202.607605,202.982986,6062500

                """,
            firstTime: "2009-05-22T00:00:00Z",
            firstBar: [198.528534, 199.524521, 196.196198, 196.946945, 3_433_700]),
    ]

    @Test("normalized rows load with exact values", arguments: samples)
    func normalizedSample(_ sample: SampleFile) throws {
        let series = try TemporaryFile.load(sample.normalized)
        #expect(series.count == 3)
        #expect(Timestamp(seconds: series.times[0]).iso8601 == sample.firstTime)
        #expect(
            [series.open[0], series.high[0], series.low[0], series.close[0], series.volume[0]] == sample.firstBar)
        #expect(series.times[0] < series.times[1] && series.times[1] < series.times[2])
    }

    @Test("original rows load to the same series as the normalized ones", arguments: samples)
    func originalSample(_ sample: SampleFile) throws {
        #expect(try TemporaryFile.load(sample.original) == (try TemporaryFile.load(sample.normalized)))
    }

    @Test("the loaded series carries the loader's symbol and timeframe")
    func labels() throws {
        let series = try TemporaryFile.load(Self.samples[1].normalized, symbol: "EURUSD", timeframe: .oneHour)
        #expect(series.symbol == "EURUSD")
        #expect(series.timeframe == .oneHour)
    }

    static let plain =
        "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,100,101,99,100.5,10\n"
        + "2024-01-02T00:00:00Z,100.5,102,100,101,20\n"

    @Test(
        "line endings, byte-order mark and a missing final newline are tolerated",
        arguments: [
            plain,
            plain.replacingOccurrences(of: "\n", with: "\r\n"),
            "\u{FEFF}" + plain,
            "\u{FEFF}" + plain.replacingOccurrences(of: "\n", with: "\r\n"),
            String(plain.dropLast()),
            // "\r\n" is one Character, so dropLast() removes the whole CRLF.
            String(plain.replacingOccurrences(of: "\n", with: "\r\n").dropLast()),
            plain + "\n\n",
            plain.replacingOccurrences(of: "\n2024-01-02", with: "\n\n2024-01-02"),
        ])
    func lineEndings(_ text: String) throws {
        #expect(try TemporaryFile.load(text) == (try TemporaryFile.load(Self.plain)))
    }

    @Test(
        "columns are found by name, in any order and case, with extra columns ignored",
        arguments: [
            "TIMESTAMP,Open,HIGH,low,Close,Volume\n2024-01-01T00:00:00Z,100,101,99,100.5,10\n",
            "volume,close,low,high,open,timestamp\n10,100.5,99,101,100,2024-01-01T00:00:00Z\n",
            " timestamp , open ,high,low,close,volume\n2024-01-01T00:00:00Z,100,101,99,100.5,10\n",
            "\"timestamp\",\"open\",\"high\",\"low\",\"close\",\"volume\"\n2024-01-01T00:00:00Z,100,101,99,100.5,10\n",
            "symbol,time,open,high,low,close,trades,volume\nX,2024-01-01T00:00:00Z,100,101,99,100.5,7,10\n",
            "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-01,100,101,99,100.5,100.5,10\n",
            ",Open,High,Low,Close,Volume\n2024-01-01,100,101,99,100.5,10\n",
            "datetime,open,high,low,close,vol\n1704067200,100,101,99,100.5,10\n",
            "timestamp,open,high,low,close,volume\n1704067200000,100,101,99,100.5,10\n",
            "timestamp,open,high,low,close,volume\n\"2024-01-01T00:00:00Z\",\"100\",101, 99 ,100.5,10\n",
        ])
    func headerVariants(_ text: String) throws {
        let series = try TemporaryFile.load(text)
        #expect(series.count == 1)
        #expect(
            series[0]
                == Bar(
                    time: Timestamp(seconds: 1_704_067_200), open: 100, high: 101, low: 99, close: 100.5,
                    volume: 10))
    }

    @Test("without a volume column every volume is 0")
    func volumeOptional() throws {
        let series = try TemporaryFile.load("date,open,high,low,close\n2024-01-01,1,2,0.5,1.5\n2024-01-02,1.5,2,1,1\n")
        #expect(series.volume == [0, 0])
        #expect(series.close == [1.5, 1])
    }

    @Test("Unix seconds and milliseconds give the same times")
    func epochUnits() throws {
        let seconds = try TemporaryFile.load(
            "timestamp,open,high,low,close\n1704067200,1,1,1,1\n1704067260,1,1,1,1\n")
        let milliseconds = try TemporaryFile.load(
            "timestamp,open,high,low,close\n1704067200000,1,1,1,1\n1704067260000,1,1,1,1\n")
        #expect(seconds.times == [1_704_067_200, 1_704_067_260])
        #expect(milliseconds.times == seconds.times)
    }

    @Test("an unnamed first column is only the time when no column is named for it")
    func unnamedIndexColumn() throws {
        let series = try TemporaryFile.load(",Date,Open,High,Low,Close\n0,2024-01-01,1,2,1,2\n1,2024-01-02,2,3,2,3\n")
        #expect(
            series.times.map { Timestamp(seconds: $0).iso8601 } == ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"])
    }

    @Test("in-memory parsing gives the same series as loading the file")
    func parseInMemory() throws {
        let loader = BarCSVLoader(symbol: "TEST", timeframe: .oneDay)
        let fromText = try loader.parse(text: Self.plain, fileName: "plain.csv")
        let fromBytes = try Array(Self.plain.utf8).withUnsafeBytes { bytes in
            try loader.parse(bytes: bytes, fileName: "plain.csv")
        }
        #expect(try fromText == TemporaryFile.load(Self.plain))
        #expect(fromBytes == fromText)
    }

    @Test("a large generated file round-trips exactly")
    func largeRoundTrip() throws {
        let walk = RandomWalkBars(timeframe: .oneMinute, start: Timestamp(seconds: 1_704_067_200), seed: 7)
        let expected = walk.series(count: 20_000)
        let loaded = try TemporaryFile.load(walk.csv(count: 20_000), symbol: "SYN", timeframe: .oneMinute)
        #expect(loaded == expected)
    }
}
