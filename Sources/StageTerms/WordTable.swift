// Words looked up by a slice of the text, without building a String for each look-up.
import Foundation
import ZhituCore

/// A word list (with a value per word) matched against `[Unicode.Scalar]` slices. The trie holds
/// each word's canonical decomposition, so for a slice of Han and ASCII, which never
/// decomposes, a hit is exactly String equality (canonical equivalence); other slices must be
/// compared as Strings by the caller (see `Unicode.Scalar.isPlain`).
struct WordTable: Sendable {
    private(set) var trie = Trie()
    private(set) var values: [Int] = []

    /// A table of a trie built before (an image's) and its values.
    init(trie: Trie, values: [Int]) {
        self.trie = trie
        self.values = values
    }

    /// `entries` in order; a later entry equal to an earlier one replaces it.
    init<S: Sequence>(_ entries: S) where S.Element == (word: String, value: Int) {
        let entries = Array(entries)
        // room for every scalar: the edge table never grows (a decomposed form is rare and longer: it may grow once)
        trie = Trie(reservingEdges: entries.reduce(0) { $0 + $1.word.unicodeScalars.count }, entries: entries.count)
        values.reserveCapacity(entries.count)
        for (word, value) in entries {
            let form = word.unicodeScalars.allSatisfy(\.isPlain) ? word : word.decomposedStringWithCanonicalMapping
            trie.insert(form, value: Int32(values.count))
            values.append(value)
        }
    }

    init<S: Sequence>(words: S) where S.Element == String { self.init(words.lazy.map { (word: $0, value: 1) }) }

    /// The value of the word `t[r]`, if it is one.
    func value(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Int? {
        guard !r.isEmpty, let m = trie.longestMatch(in: t, from: r.lowerBound, limit: r.upperBound), m.end == r.upperBound else { return nil }
        return values[Int(m.value)]
    }

    func contains(_ t: [Unicode.Scalar], _ r: Range<Int>) -> Bool { value(t, r) != nil }
}
