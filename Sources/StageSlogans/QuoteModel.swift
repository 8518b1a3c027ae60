// The learned decision for a quoted span: slogan (coinage, campaign, mechanism, brand) or not
// (speech, nickname, metaphor, designation). Logistic-regression weights fitted by
// scripts/slogan_quote_model.py on the training excerpts and the seeds; the features here must
// stay in step with that script's `features`.
import ZhituCore

public struct QuoteModel: Sendable {
    public let weights: [String: Double]
    /// A quote whose score reaches this is a slogan (chosen by cross-validation on train).
    public let threshold: Double

    static let say = ["说", "表示", "指出", "介绍", "坦言", "感慨", "笑称", "问", "告诉", "喊"].map { Array($0.unicodeScalars) }
    static let call = ["称为", "称作", "叫做", "叫作", "简称", "号称", "誉为", "俗称", "称之为", "名为", "命名为", "被称"].map { Array($0.unicodeScalars) }
    static let pronouns: Set<Unicode.Scalar> = Set("我你咱您他她".unicodeScalars)
    static let particles: Set<Unicode.Scalar> = Set("了吗呢吧啊呀嘛哦啦".unicodeScalars)
    static let chain: Set<Unicode.Scalar> = Set("、和与及".unicodeScalars)

    public init(weights: [String: Double], threshold: Double) {
        self.weights = weights
        self.threshold = threshold
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
        self.init(weights: w, threshold: th)
    }

    static func bucket(_ n: Int) -> Int { n <= 6 ? n : n <= 8 ? 7 : n <= 12 ? 9 : 13 }

    static func clean(_ u: Unicode.Scalar) -> String { u.properties.isWhitespace ? "_" : String(u) }

    static func isCN(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两", "百", "千", "零", "〇": return true
        default: return false
        }
    }

    /// The feature names of the quote whose marks are at `open` and `close` in sentence `b` of
    /// document text `t`; `lexicon` holds the established formulations, `common` the ordinary
    /// words (true: frequent ones).
    public static func features(_ t: [Unicode.Scalar], open o: Int, close c: Int, bounds b: Range<Int>,
                                lexicon: Set<String>, common: [String: Bool] = [:]) -> [String] {
        let x = t[(o + 1)..<c]
        let n = x.count
        var f = ["bias", "len:\(bucket(n))"]
        f.reserveCapacity(28)
        func digit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }
        if x.contains("、") { f.append("sep") }
        if x.contains("，") || x.contains(",") { f.append("comma") }
        if x.contains(where: { Chars.final.contains($0) }) { f.append("final") }
        if x.contains("+") { f.append("plus") }
        if x.contains("·") { f.append("dot") }
        if x.indices.contains(where: { k in (isCN(t[k]) || digit(t[k])) && !(k > x.startIndex && t[k - 1] == "第") }) { f.append("num") }
        if n > 0, x.allSatisfy({ isCN($0) || digit($0) }) { f.append("allnum") }
        if n > 0, x.allSatisfy(digit) { f.append("digits") }
        if x.contains(where: Chars.isLatin) { f.append("latin") }
        if x.contains(where: { pronouns.contains($0) }) { f.append("pron") }
        if let l = x.last, particles.contains(l) { f.append("part") }
        if let a = x.first, let z = x.last { f.append("first:" + clean(a)); f.append("last:" + clean(z)) }
        f.append(o - 1 >= b.lowerBound ? "prev:" + clean(t[o - 1]) : "prev:^")
        if o - 2 >= b.lowerBound { f.append("prev2:" + clean(t[o - 2]) + clean(t[o - 1])) }
        f.append(c + 1 < b.upperBound ? "next:" + clean(t[c + 1]) : "next:$")
        if c + 2 < b.upperBound { f.append("next2:" + clean(t[c + 1]) + clean(t[c + 2])) }
        let w = max(b.lowerBound, o - 6)..<o
        if say.contains(where: { t.contains($0, in: w) }) { f.append("say") }
        if call.contains(where: { t.contains($0, in: w) }) { f.append("call") }
        if t[max(b.lowerBound, o - 2)..<o].contains(where: { $0 == "：" || $0 == ":" }) { f.append("colon") }
        let content = String(String.UnicodeScalarView(x.map { $0 == "，" ? "," : $0 }))
        if lexicon.contains(content) { f.append("lex") }
        if n > 0, occurs(t, x, besides: o + 1) { f.append("rep") }
        let p1 = o - 1 >= b.lowerBound ? t[o - 1] : " ", p2 = o - 2 >= b.lowerBound ? t[o - 2] : " "
        if p1 == "”" || p1 == "’" || chain.contains(p1) && (p2 == "”" || p2 == "’") { f.append("chainPrev") }
        let n1 = c + 1 < b.upperBound ? t[c + 1] : " ", n2 = c + 2 < b.upperBound ? t[c + 2] : " "
        if n1 == "“" || n1 == "‘" || chain.contains(n1) && (n2 == "“" || n2 == "‘") { f.append("chainNext") }
        if t[o] == "‘" { f.append("nested") }
        if let frequent = common[content] {
            f.append("dict")
            if frequent { f.append("dict100") }
        }
        if SloganRules.heads.scalars.contains(where: { c + 1 + $0.count <= b.upperBound && t.hasPrefix($0, at: c + 1) }) { f.append("head") }
        if SloganRules.introducers.scalars.contains(where: { o - $0.count >= b.lowerBound && t.hasPrefix($0, at: o - $0.count) }) { f.append("intro") }
        return f
    }

    /// Whether `x` occurs in `t` at a place other than `at`.
    static func occurs(_ t: [Unicode.Scalar], _ x: ArraySlice<Unicode.Scalar>, besides at: Int) -> Bool {
        guard let first = x.first, x.count <= t.count else { return false }
        var i = 0
        let last = t.count - x.count
        while i <= last {
            if t[i] == first, i != at, t[i..<(i + x.count)].elementsEqual(x) { return true }
            i += 1
        }
        return false
    }

    public func score(_ features: [String]) -> Double {
        features.reduce(0) { $0 + (weights[$1] ?? 0) }
    }

    public func isSlogan(_ t: [Unicode.Scalar], open: Int, close: Int, bounds: Range<Int>, lexicon: Set<String>,
                         common: [String: Bool] = [:]) -> Bool {
        score(Self.features(t, open: open, close: close, bounds: bounds, lexicon: lexicon, common: common)) >= threshold
    }
}
