// The ordinary words of jieba's dictionary (common-words.txt) that the quote model and the
// numbered formulas ask about, with whether each is frequent. A trie, so that the shipped list
// maps from its image (CommonWordsImage.swift) instead of filling a Dictionary of 46k Strings
// at every start.
import Foundation
import ZhituCore

/// Words with a frequent flag, looked up by String as a `[String: Bool]` is: canonically
/// equivalent spellings are the same word (the trie holds each word's canonical decomposition).
public struct CommonWords: Sendable, ExpressibleByDictionaryLiteral {
    /// Value 1 for a frequent word, 0 for another.
    let trie: Trie

    init(trie: Trie) { self.trie = trie }

    /// `words` in order; a later entry of the same word replaces an earlier one.
    public init(_ words: [(word: String, frequent: Bool)]) {
        let keys = words.map { Self.key($0.word) }
        var trie = Trie(reservingEdges: keys.reduce(0) { $0 + $1.unicodeScalars.count }, entries: keys.count)
        for (key, w) in zip(keys, words) { trie.insert(key, value: w.frequent ? 1 : 0) }
        self.trie = trie
    }

    public init(_ words: [String: Bool]) { self.init(words.map { (word: $0.key, frequent: $0.value) }) }

    public init(dictionaryLiteral elements: (String, Bool)...) { self.init(elements.map { (word: $0.0, frequent: $0.1) }) }

    /// The entries of a lexicon file, `frequent` where the tag says so.
    public init(_ lexicon: Lexicon) { self.init(lexicon.entries.map { (word: $0.word, frequent: $0.tag == "frequent") }) }

    public var isEmpty: Bool { trie.count == 0 }

    /// Whether `word` is frequent; nil if it is not a common word.
    public subscript(_ word: String) -> Bool? { trie.value(of: Self.key(word)).map { $0 == 1 } }

    /// Han and ASCII never decompose: only other words pay for the decomposition.
    static func key(_ word: String) -> String {
        word.unicodeScalars.allSatisfy(\.isPlain) ? word : word.decomposedStringWithCanonicalMapping
    }
}
