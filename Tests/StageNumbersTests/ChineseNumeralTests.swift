// Numeral parsing: written forms → values, and Arabic/Chinese forms of one number parse alike.
import Testing
@testable import StageNumbers

@Suite struct ChineseNumeralTests {
    /// Written numeral → value.
    static let numerals: [(String, Double)] = [
        ("0", 0), ("7", 7), ("22", 22), ("226", 226), ("2671", 2671), ("11443", 11443),
        ("99.2", 99.2), ("0.2", 0.2), ("91.56", 91.56), ("278.3", 278.3), ("1,234", 1234), ("12,345,678", 12_345_678),
        ("１２３", 123), ("３.５", 3.5), ("2.77万", 27700), ("7.87亿", 787_000_000), ("1.1万", 11000), ("35.4万", 354_000),
        ("58亿", 5_800_000_000), ("248万", 2_480_000), ("3万亿", 3e12), ("1000万", 10_000_000), ("5千万", 50_000_000),
        ("一", 1), ("二", 2), ("两", 2), ("三", 3), ("四", 4), ("五", 5), ("六", 6), ("七", 7), ("八", 8), ("九", 9),
        ("十", 10), ("十五", 15), ("二十", 20), ("二十三", 23), ("九十九", 99), ("一百", 100), ("一百零八", 108),
        ("一百一十", 110), ("三百五十", 350), ("三千", 3000), ("两千", 2000), ("三千零五", 3005), ("一千二百三十四", 1234),
        ("五万", 50000), ("两万", 20000), ("一万五", 15000), ("三十万", 300_000), ("一千二百万", 12_000_000),
        ("十四亿", 1_400_000_000), ("五十四万亿", 54e12), ("百", 100), ("千", 1000),
        ("二〇二四", 2024), ("一九九八", 1998), ("二○二○", 2020), ("二0一0", 2010), ("二零一零", 2010),
        ("三分之一", 1.0 / 3), ("三分之二", 2.0 / 3), ("四分之三", 0.75), ("百分之三十", 30), ("百分之五十", 50),
        ("三成", 0.3), ("七成", 0.7), ("-5", -5), ("-3.5", -3.5), ("负二", -2), ("负10", -10),
    ]

    @Test func numeralValues() {
        for (form, expected) in Self.numerals {
            let v = ChineseNumeral.value(of: form)
            #expect(v != nil && abs(v! - expected) <= 1e-9 * max(1, abs(expected)), "\(form) → \(String(describing: v)), expected \(expected)")
        }
    }

    /// Approximate pairs (三四, 一两) and non-numerals are not numbers.
    @Test func notNumerals() {
        for form in ["三四", "一两", "abc", "", "分之一"] {
            #expect(ChineseNumeral.value(of: form) == nil, "\(form)")
        }
    }

    /// Writes `n` (0 ..< 10^8) in Chinese numerals, the way a writer would.
    static func chinese(_ n: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        func below10k(_ n: Int, leadingZero: Bool) -> String {
            var out = ""
            var zero = leadingZero
            let units: [(Int, String)] = [(1000, "千"), (100, "百"), (10, "十"), (1, "")]
            var started = false
            for (u, name) in units {
                let d = (n / u) % 10
                if d == 0 { if started || zero { zero = true }; continue }
                if zero && (started || leadingZero) { out += "零" }
                zero = false
                if !(u == 10 && d == 1 && !started && !leadingZero) { out.append(digits[d]) }
                out += name
                started = true
            }
            return out
        }
        if n == 0 { return "零" }
        let high = n / 10000, low = n % 10000
        var s = high > 0 ? below10k(high, leadingZero: false) + "万" : ""
        if low > 0 { s += below10k(low, leadingZero: high > 0 && low < 1000) }
        return s
    }

    /// Property: the Arabic and the Chinese form of the same number parse to the same value.
    @Test func arabicAndChineseAgree() {
        var seed: UInt64 = 0x5EED
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        var samples = Array(1...120) + [1000, 1001, 1010, 1100, 10000, 10001, 10010, 10100, 20000, 100_000, 1_000_000]
        for _ in 0..<400 { samples.append(1 + next() % 99_999_999) }
        for n in samples {
            let c = Self.chinese(n)
            let a = ChineseNumeral.value(of: String(n))
            let z = ChineseNumeral.value(of: c)
            #expect(a == Double(n) && z == Double(n), "\(n) / \(c): \(String(describing: a)) vs \(String(describing: z))")
        }
    }

    /// Property: a multiplied Arabic form equals the plain Chinese multiplied form (3万 = 三万, 12亿 = 十二亿).
    @Test func multipliersAgree() {
        for k in 1...99 {
            for (m, name) in [(10_000.0, "万"), (100_000_000.0, "亿")] {
                #expect(ChineseNumeral.value(of: "\(k)\(name)") == Double(k) * m)
                #expect(ChineseNumeral.value(of: Self.chinese(k) + name) == Double(k) * m, "\(Self.chinese(k))\(name)")
            }
        }
    }
}
