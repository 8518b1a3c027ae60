// A stretch of the text for the String-like tests of the rules (hasPrefix, hasSuffix, ==),
// without building a String in the common case.
import ZhituCore

/// `text[range]`, tested as a String would be. Han and ASCII text (the common case) never
/// decomposes, so there String comparison (canonical equivalence) is scalar comparison and no
/// String is built; any other text is compared through a String, exactly as before.
struct Phrase {
    let unicodeScalars: ArraySlice<Unicode.Scalar>
    /// The text as a String when it is not plain.
    private let string: String?

    init(_ text: [Unicode.Scalar], _ range: Range<Int>) {
        unicodeScalars = text[range]
        string = unicodeScalars.allSatisfy(\.isPlain) ? nil : String(scalars: unicodeScalars)
    }

    // Plain words only (every literal in Words is Han) and, on the plain path, no "\r\n" in the
    // text (a Character of two scalars) that could align differently: both hold for the callers.
    func hasPrefix(_ w: String) -> Bool { string.map { $0.hasPrefix(w) } ?? unicodeScalars.starts(with: w.unicodeScalars) }
    func hasSuffix(_ w: String) -> Bool { string.map { $0.hasSuffix(w) } ?? unicodeScalars.reversed().starts(with: w.unicodeScalars.reversed()) }
    func equals(_ w: String) -> Bool { string.map { $0 == w } ?? unicodeScalars.elementsEqual(w.unicodeScalars) }
}


/// Token spans as `start << 32 | end`, sorted for binary search: the tokens come in order, so
/// this is cheaper to build than a hashed Set, and as cheap to ask.
struct TokenSpans {
    private let keys: [Int]

    init(_ keys: [Int]) {
        self.keys = zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 } ? keys : keys.sorted()
    }

    func contains(_ key: Int) -> Bool {
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == key
    }

    func contains(where predicate: (Int) -> Bool) -> Bool { keys.contains(where: predicate) }
}
