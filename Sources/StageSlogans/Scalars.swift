// Character classes and small helpers over normalised text.
import ZhituCore

enum Chars {
    /// Sentence-final punctuation: a quote that contains one is speech, not a formula.
    static let final: Set<Unicode.Scalar> = Set("。？！?!…".unicodeScalars)

    /// Chinese numerals, as a bitmap: these run on every character, and a switch over them
    /// compiled to a binary search whose branches on Han text the CPU could not predict.
    static let numerals = ScalarSet("一二三四五六七八九十两百千零〇几多".unicodeScalars)
    /// Chinese numeral.
    @inline(__always) static func isCN(_ u: Unicode.Scalar) -> Bool { numerals.contains(u) }
    @inline(__always) static func isSeparator(_ u: Unicode.Scalar) -> Bool {
        switch u { case "、", "，", ",", "；", ";": return true; default: return false }
    }
    @inline(__always) static func isHard(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "。", "；", ";", "：", ":", "“", "”", "‘", "’", "《", "》", "（", "）", "(", ")", "？", "！", "?", "!", "\n", " ": return true
        default: return false
        }
    }

    static func isHan(_ u: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(u.value) || (0x3400...0x4DBF).contains(u.value)
    }
    static func isDigit(_ u: Unicode.Scalar) -> Bool { ("0"..."9").contains(u) }
    static func isNumeral(_ u: Unicode.Scalar) -> Bool { isCN(u) || isDigit(u) }
    static func isLatin(_ u: Unicode.Scalar) -> Bool { ("A"..."Z").contains(u) || ("a"..."z").contains(u) }
}

/// A word list with each word's scalars decoded once, for matching against the text in place.
struct WordList: ExpressibleByArrayLiteral, Sendable {
    let words: [String]
    let scalars: [[Unicode.Scalar]]

    init(arrayLiteral words: String...) {
        self.words = words
        scalars = words.map { Array($0.unicodeScalars) }
    }
}

extension Array where Element == Unicode.Scalar {
    func hasPrefix(_ s: String, at i: Int) -> Bool {
        var j = i
        for u in s.unicodeScalars {
            guard j < count, self[j] == u else { return false }
            j += 1
        }
        return true
    }

    /// Whether `self[start..<end]` ends with `word`.
    func hasSuffix(_ word: String, endingAt end: Int, from start: Int) -> Bool {
        let n = word.unicodeScalars.count
        return end - start >= n && hasPrefix(word, at: end - n)
    }

    /// Whether `word` occurs inside `self[r]`.
    func contains(_ word: String, in r: Range<Int>) -> Bool {
        let n = word.unicodeScalars.count
        guard n <= r.count else { return false }
        return (r.lowerBound...(r.upperBound - n)).contains { hasPrefix(word, at: $0) }
    }

    /// Whether `word` occurs inside `self[r]`.
    func contains(_ word: [Unicode.Scalar], in r: Range<Int>) -> Bool {
        guard word.count <= r.count else { return false }
        return (r.lowerBound...(r.upperBound - word.count)).contains { hasPrefix(word, at: $0) }
    }

    /// Whether `word` occurs at `i`.
    func hasPrefix(_ word: [Unicode.Scalar], at i: Int) -> Bool {
        i >= 0 && i + word.count <= count && self[i..<(i + word.count)].elementsEqual(word)
    }

    /// The longest word of `words` that ends exactly at `end` (exclusive), if any (the first of
    /// equally long ones).
    func suffixMatch(_ words: WordList, endingAt end: Int) -> String? {
        var best: Int?
        for (k, w) in words.scalars.enumerated() where w.count <= end && w.count > (best.map { words.scalars[$0].count } ?? 0) {
            if hasPrefix(w, at: end - w.count) { best = k }
        }
        return best.map { words.words[$0] }
    }

    /// The longest word of `words` starting at `start` (the first of equally long ones).
    func prefixMatch(_ words: WordList, at start: Int) -> String? {
        var best: Int?
        for (k, w) in words.scalars.enumerated() where w.count > (best.map { words.scalars[$0].count } ?? 0) {
            if hasPrefix(w, at: start) { best = k }
        }
        return best.map { words.words[$0] }
    }
}
