// A trie with an inline test of the scalars its entries start with.
import ZhituCore

/// `Trie.longestMatch` is a call into ZhituCore that cannot be inlined, and the rules ask several
/// tries at every position of every sentence; most positions start no entry. Here they are
/// rejected by a bitmap of first scalars without the call. Values are the entries' indices.
struct WordTrie: Sendable {
    let trie: Trie
    /// First scalars of the entries in the BMP (others always go to the trie).
    private let firsts: ScalarSet

    init(_ words: [String]) {
        trie = Trie(words)
        firsts = ScalarSet(words.compactMap { $0.unicodeScalars.first }.filter { $0.value < 0x10000 })
    }

    /// The longest entry starting at `start` and ending by `limit`, as (end, value).
    @inline(__always)
    func longestMatch(in text: [Unicode.Scalar], from start: Int, limit: Int) -> (end: Int, value: Int32)? {
        guard start < text.count, text[start].value >= 0x10000 || firsts.contains(text[start]) else { return nil }
        return trie.longestMatch(in: text, from: start, limit: limit)
    }
}
