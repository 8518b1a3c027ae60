// The text normalisation that ANNOTATION.md defines for comparing records.
import Foundation

public enum TextNormal {
    static let quotes = ScalarSet("“”‘’\"'「」『』《》〈〉".unicodeScalars)

    /// The form a record's `text` takes: no whitespace, surrounding quote marks removed.
    public static func recordText(_ s: String) -> String {
        let all = s.unicodeScalars
        if let f = all.first, let l = all.last, !quotes.contains(f), !quotes.contains(l), !all.contains(where: \.isWhiteSpace) { return s }
        var scalars = all.filter { !$0.isWhiteSpace }[...]
        while let f = scalars.first, quotes.contains(f) { scalars.removeFirst() }
        while let l = scalars.last, quotes.contains(l) { scalars.removeLast() }
        return String(scalars: scalars)
    }

    /// The scorer's comparison key: NFKC, no whitespace, quotes stripped (as score.py does).
    public static func compareKey(_ s: String) -> String {
        recordText(s.precomposedStringWithCompatibilityMapping)
    }
}

public extension String {
    /// The string of `scalars`, encoded straight to UTF-8 (appending scalars to a
    /// `String.UnicodeScalarView` one by one is several times slower).
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for u in scalars { UTF8.encode(u) { buffer[n] = $0; n += 1 } }
            return n
        }
    }
}

public extension Array where Element == Unicode.Scalar {
    /// `self[r]` as a String (`String(scalars:)`).
    func string(_ r: Range<Int>) -> String { String(scalars: self[r]) }
}

public extension Unicode.Scalar {
    /// CJK unified ideographs (base block and extension A) and 〇.
    var isIdeograph: Bool {
        let v = value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || v == 0x3007
            || (0x20000...0x2FFFF).contains(v)
    }
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
    /// ASCII or a CJK unified ideograph (base block, extension A): no canonical decomposition,
    /// no combining class, so Strings of such scalars are equal exactly when their scalars are
    /// (a rule can then compare scalars instead of building Strings).
    var isPlain: Bool { value < 0x80 || (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) }
    /// Unicode White_Space (the same as `properties.isWhitespace`, a closed list), without the
    /// property look-up, which costs a call per scalar.
    var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
