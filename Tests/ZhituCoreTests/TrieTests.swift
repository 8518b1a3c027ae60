// The trie finds exactly the entries a brute-force scan finds, across the growth of its tables.
import Testing
@testable import ZhituCore

@Suite struct TrieTests {
    /// Deterministic words over 61 scalars (so prefixes are shared, and there are enough
    /// two-scalar prefixes for the pair bitmap to grow several times), incl. one beyond the BMP.
    static func words(_ n: Int, seed: UInt64) -> [String] {
        let alphabet = (0x4E00..<0x4E3C).map { Character(Unicode.Scalar($0)!) } + ["𠀀"]
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<n).map { _ in String((0..<(1 + next() % 6)).map { _ in alphabet[next() % alphabet.count] }) }
    }

    @Test func matchesAgreeWithABruteForceScan() {
        let lexicon = TrieTests.words(3000, seed: 7)
        let trie = Trie(lexicon)
        var last: [String: Int32] = [:]
        for (i, w) in lexicon.enumerated() { last[w] = Int32(i) }   // a later insert overwrites
        #expect(trie.count == last.count)
        #expect(trie.pairBits >= 16384)
        for text in TrieTests.words(300, seed: 99).map({ Array(($0 + $0 + "，" + $0).unicodeScalars) }) {
            for start in 0..<text.count {
                var got: [(Int, Int32)] = []
                trie.forEachMatch(in: text, from: start) { got.append(($0, $1)) }
                let expected: [(Int, Int32)] = (start + 1...text.count).compactMap { end in
                    last[String(String.UnicodeScalarView(text[start..<end]))].map { (end, $0) }
                }
                #expect(got.map(\.0) == expected.map(\.0) && got.map(\.1) == expected.map(\.1))
            }
        }
    }

    @Test func limitsAndSingleScalarEntries() {
        let trie = Trie(["青", "青海", "青海省", "西宁"])
        let text = Array("青海省西宁".unicodeScalars)
        var ends: [Int] = []
        trie.forEachMatch(in: text, from: 0, limit: 2) { e, _ in ends.append(e) }
        #expect(ends == [1, 2])
        #expect(trie.longestMatch(in: text, from: 0)?.end == 3)
        #expect(trie.longestMatch(in: text, from: 3)?.end == 5)
        #expect(trie.longestMatch(in: text, from: 4) == nil)
        #expect(trie.contains("青") && !trie.contains("海"))
    }

    /// A trie is a value: changing a copy (its edges share memory until then) leaves the original alone.
    @Test func copiesAreIndependent() {
        let original = Trie(["青海", "青海省", "西宁"])
        var copy = original
        copy.insert("青海湖", value: 7)
        copy.insert("西宁", value: 9)
        for i in 0..<200 { copy.insert("词\(i)", value: Int32(i)) }   // grows the edge table
        #expect(!original.contains("青海湖") && original.count == 3)
        #expect(original.longestMatch(in: Array("西宁".unicodeScalars), from: 0)?.value == 2)
        #expect(copy.contains("青海湖") && copy.count == 204)
        #expect(copy.longestMatch(in: Array("西宁".unicodeScalars), from: 0)?.value == 9)
    }
}
