// The learned decision for a quoted span: slogan (coinage, campaign, mechanism, brand) or not
// (speech, nickname, metaphor, designation). Logistic-regression weights fitted by
// scripts/slogan_quote_model.py on the training excerpts and the seeds; the features here must
// stay in step with that script's `features`.
import ZhituCore

/// One feature of a quote. Named in the model file as `flag`, `len:N`, `first:X`, `prev2:XY`….
public enum QuoteFeature: Equatable, Sendable {
    public enum Flag: Int, CaseIterable, Sendable {
        case bias, sep, comma, final, plus, dot, num, allnum, digits, latin, pron, part
        case say, call, colon, lex, chainPrev, chainNext, nested, dict, dict100, head, intro
        public var name: String { String(describing: self) }
        /// Flags by name, described once (String(describing:) per flag and weight was most of the model's load).
        static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
        init?(name: String) {
            guard let f = Flag.byName[name] else { return nil }
            self = f
        }
    }
    /// A character of the span or its context: first, last (of the span), prev, next.
    public enum Slot: String, CaseIterable, Sendable { case first, last, prev, next }
    /// Two characters before (prev2) or after (next2) the quote.
    public enum PairSlot: String, CaseIterable, Sendable { case prev2, next2 }

    case flag(Flag)
    case length(Int)
    case char(Slot, Unicode.Scalar)
    case pair(PairSlot, Unicode.Scalar, Unicode.Scalar)

    /// The name the model file and the training script use.
    public var name: String {
        switch self {
        case .flag(let f): return f.name
        case .length(let n): return "len:\(n)"
        case .char(let s, let u): return "\(s.rawValue):\(Character(u))"
        case .pair(let s, let a, let b): return "\(s.rawValue):\(Character(a))\(Character(b))"
        }
    }
}

public struct QuoteModel: Sendable {
    /// A quote whose score reaches this is a slogan (chosen by cross-validation on train).
    public let threshold: Double
    // Weights by feature kind, so that scoring builds no strings.
    var flags = [Double](repeating: 0, count: QuoteFeature.Flag.allCases.count)
    var lengths: [Int: Double] = [:]
    var chars: [[Unicode.Scalar: Double]] = Array(repeating: [:], count: QuoteFeature.Slot.allCases.count)
    var pairs: [[UInt64: Double]] = Array(repeating: [:], count: QuoteFeature.PairSlot.allCases.count)

    static let say = ["说", "表示", "指出", "介绍", "坦言", "感慨", "笑称", "问", "告诉", "喊"].map { Array($0.unicodeScalars) }
    static let call = ["称为", "称作", "叫做", "叫作", "简称", "号称", "誉为", "俗称", "称之为", "名为", "命名为", "被称"].map { Array($0.unicodeScalars) }
    static let pronouns: Set<Unicode.Scalar> = Set("我你咱您他她".unicodeScalars)
    static let particles: Set<Unicode.Scalar> = Set("了吗呢吧啊呀嘛哦啦".unicodeScalars)
    static let chain: Set<Unicode.Scalar> = Set("、和与及".unicodeScalars)
    static let headStarts = ScalarSet(SloganRules.heads.scalars.compactMap(\.first))
    static let introducerEnds = ScalarSet(SloganRules.introducers.scalars.compactMap(\.last))

    /// Weights by feature name (names the model does not know are an error: a model file from
    /// another version of the features must not be half read).
    public init(weights: [String: Double], threshold: Double, file: String = "quote model") throws {
        self.threshold = threshold
        for (name, w) in weights {
            if let f = QuoteFeature.Flag(name: name) { flags[f.rawValue] = w; continue }
            let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
            let value = parts.count == 2 ? Array(parts[1].unicodeScalars) : []
            if parts.count == 2, parts[0] == "len", let n = Int(parts[1]) { lengths[n] = w; continue }
            if let s = QuoteFeature.Slot(rawValue: parts[0]), value.count == 1 { chars[Self.index(s)][value[0]] = w; continue }
            if let s = QuoteFeature.PairSlot(rawValue: parts[0]), value.count == 2 { pairs[Self.index(s)][Self.key(value[0], value[1])] = w; continue }
            throw LexiconError(file: file, line: nil, message: "unknown feature \(name); rebuild it with scripts/slogan_quote_model.py")
        }
    }

    /// Reads `feature<TAB>weight` lines and a `threshold<TAB>value` line.
    public init(_ lexicon: Lexicon, file: String) throws {
        var w: [String: Double] = [:]
        var th: Double?
        for (word, tag) in lexicon.entries {
            guard let v = Double(tag) else { throw LexiconError(file: file, line: nil, message: "weight of \(word) is not a number: \(tag)") }
            if word == "threshold" { th = v } else { w[word] = v }
        }
        guard let th else { throw LexiconError(file: file, line: nil, message: "no threshold line") }
        try self.init(weights: w, threshold: th, file: file)
    }

    static func index(_ s: QuoteFeature.Slot) -> Int {
        switch s { case .first: 0; case .last: 1; case .prev: 2; case .next: 3 }
    }
    static func index(_ s: QuoteFeature.PairSlot) -> Int { s == .prev2 ? 0 : 1 }
    static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 { UInt64(a.value) << 32 | UInt64(b.value) }

    public func weight(_ f: QuoteFeature) -> Double {
        switch f {
        case .flag(let x): return flags[x.rawValue]
        case .length(let n): return lengths[n] ?? 0
        case .char(let s, let u): return chars[Self.index(s)][u] ?? 0
        case .pair(let s, let a, let b): return pairs[Self.index(s)][Self.key(a, b)] ?? 0
        }
    }

    static func bucket(_ n: Int) -> Int { n <= 6 ? n : n <= 8 ? 7 : n <= 12 ? 9 : 13 }

    static func clean(_ u: Unicode.Scalar) -> Unicode.Scalar { u.isWhiteSpace ? "_" : u }

    static func isCN(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两", "百", "千", "零", "〇": return true
        default: return false
        }
    }

    /// Visits the features of the quote whose marks are at `open` and `close` in sentence `b`
    /// of document text `t`; `content` is the span's text with ， as ",", `lexicon` holds the
    /// established formulations, `common` the ordinary words (true: frequent ones).
    static func visit(_ t: [Unicode.Scalar], open o: Int, close c: Int, bounds b: Range<Int>, content: String,
                      lexicon: Set<String>, common: CommonWords, _ emit: (QuoteFeature) -> Void) {
        let x = t[(o + 1)..<c]
        let n = x.count
        emit(.flag(.bias))
        emit(.length(bucket(n)))
        func digit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }
        if x.contains("、") { emit(.flag(.sep)) }
        if x.contains("，") || x.contains(",") { emit(.flag(.comma)) }
        if x.contains(where: { Chars.final.contains($0) }) { emit(.flag(.final)) }
        if x.contains("+") { emit(.flag(.plus)) }
        if x.contains("·") { emit(.flag(.dot)) }
        if x.indices.contains(where: { k in (isCN(t[k]) || digit(t[k])) && !(k > x.startIndex && t[k - 1] == "第") }) { emit(.flag(.num)) }
        if n > 0, x.allSatisfy({ isCN($0) || digit($0) }) { emit(.flag(.allnum)) }
        if n > 0, x.allSatisfy(digit) { emit(.flag(.digits)) }
        if x.contains(where: Chars.isLatin) { emit(.flag(.latin)) }
        if x.contains(where: { pronouns.contains($0) }) { emit(.flag(.pron)) }
        if let l = x.last, particles.contains(l) { emit(.flag(.part)) }
        if let a = x.first, let z = x.last { emit(.char(.first, clean(a))); emit(.char(.last, clean(z))) }
        emit(.char(.prev, o - 1 >= b.lowerBound ? clean(t[o - 1]) : "^"))
        if o - 2 >= b.lowerBound { emit(.pair(.prev2, clean(t[o - 2]), clean(t[o - 1]))) }
        emit(.char(.next, c + 1 < b.upperBound ? clean(t[c + 1]) : "$"))
        if c + 2 < b.upperBound { emit(.pair(.next2, clean(t[c + 1]), clean(t[c + 2]))) }
        let w = max(b.lowerBound, o - 6)..<o
        if say.contains(where: { t.contains($0, in: w) }) { emit(.flag(.say)) }
        if call.contains(where: { t.contains($0, in: w) }) { emit(.flag(.call)) }
        if t[max(b.lowerBound, o - 2)..<o].contains(where: { $0 == "：" || $0 == ":" }) { emit(.flag(.colon)) }
        if lexicon.contains(content) { emit(.flag(.lex)) }
        let p1 = o - 1 >= b.lowerBound ? t[o - 1] : " ", p2 = o - 2 >= b.lowerBound ? t[o - 2] : " "
        if p1 == "”" || p1 == "’" || chain.contains(p1) && (p2 == "”" || p2 == "’") { emit(.flag(.chainPrev)) }
        let n1 = c + 1 < b.upperBound ? t[c + 1] : " ", n2 = c + 2 < b.upperBound ? t[c + 2] : " "
        if n1 == "“" || n1 == "‘" || chain.contains(n1) && (n2 == "“" || n2 == "‘") { emit(.flag(.chainNext)) }
        if t[o] == "‘" { emit(.flag(.nested)) }
        if let frequent = common[content] {
            emit(.flag(.dict))
            if frequent { emit(.flag(.dict100)) }
        }
        if c + 1 < b.upperBound, headStarts.contains(t[c + 1]),
           SloganRules.heads.scalars.contains(where: { c + 1 + $0.count <= b.upperBound && t.hasPrefix($0, at: c + 1) }) { emit(.flag(.head)) }
        if o - 1 >= b.lowerBound, introducerEnds.contains(t[o - 1]),
           SloganRules.introducers.scalars.contains(where: { o - $0.count >= b.lowerBound && t.hasPrefix($0, at: o - $0.count) }) { emit(.flag(.intro)) }
    }

    static func content(_ t: [Unicode.Scalar], _ o: Int, _ c: Int) -> String {
        // Built by `string(_:)`, specialised in ZhituCore: a String made from a UnicodeScalarView
        // or from a collection generic across modules costs a call per scalar.
        let x = (o + 1)..<c
        guard t[x].contains("，") else { return t.string(x) }
        let folded = t[x].map { $0 == "，" ? "," : $0 }
        return folded.string(folded.indices)
    }

    /// The names of the features of a quote (for tests and for reading the model).
    public static func features(_ t: [Unicode.Scalar], open o: Int, close c: Int, bounds b: Range<Int>,
                                lexicon: Set<String>, common: CommonWords = [:]) -> [String] {
        var out: [String] = []
        visit(t, open: o, close: c, bounds: b, content: content(t, o, c), lexicon: lexicon, common: common) { out.append($0.name) }
        return out
    }

    public func score(_ t: [Unicode.Scalar], open: Int, close: Int, bounds: Range<Int>, lexicon: Set<String>,
                      common: CommonWords = [:]) -> Double {
        var s = 0.0
        Self.visit(t, open: open, close: close, bounds: bounds, content: Self.content(t, open, close),
                   lexicon: lexicon, common: common) { s += weight($0) }
        return s
    }

    public func isSlogan(_ t: [Unicode.Scalar], open: Int, close: Int, bounds: Range<Int>, lexicon: Set<String>,
                         common: CommonWords = [:]) -> Bool {
        score(t, open: open, close: close, bounds: bounds, lexicon: lexicon, common: common) >= threshold
    }
}
