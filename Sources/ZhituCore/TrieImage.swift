// A trie as bytes of a resource file (`ResourceImage`): loading it maps the edge table in place
// instead of inserting every word again.
//
// Layout (one section): eight UInt64 (nodes, pair count, longest entry, entries, edge slots,
// edges used, bitmap words, 0), the first-scalar and single-scalar bitmaps (8 KB each), the
// pair bitmap, then the edge slots as `EdgeTable` keeps them (16 bytes each).
import Foundation

extension Trie {
    static let headerWords = 8
    static let scalarSetBytes = 0x10000 / 8

    /// The trie's bytes (deterministic: the same words inserted in the same order give the same bytes).
    public var image: [UInt8] {
        var f = ImageFields()
        for v in [nodes, pairCount, maxLength, count, edges.capacity, edges.count, pairs.count, 0] { f.append(v) }
        f.append(contentsOf: firsts.bits)
        f.append(contentsOf: singles.bits)
        f.append(contentsOf: pairs)
        var out = f.bytes
        out.append(contentsOf: UnsafeRawBufferPointer(start: edges.memory.base, count: edges.capacity * 16))
        return out
    }

    /// The same trie in the smallest edge table that holds it: a presized table is sparser than
    /// it need be, and an image written to disk should not carry the slack.
    public func compacted() -> Trie {
        var t = self
        var e = EdgeTable(minimumCapacity: edges.count)
        edges.forEach { e.insert($0, $1, value: $2) }
        t.edges = e
        return t
    }

    /// The trie in `section` of a mapped file; nil if the bytes are not a trie's.
    public init?(image section: UnsafeRawBufferPointer, in file: MappedFile) {
        let h = (0..<Trie.headerWords).compactMap { ImageFields.int(section, $0) }
        guard h.count == Trie.headerWords else { return nil }
        let (nodes, pairCount, maxLength, count, capacity, used, pairWords) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6])
        let bitsAt = Trie.headerWords * 8, pairsAt = bitsAt + 2 * Trie.scalarSetBytes
        let edgesAt = pairsAt + pairWords * 8
        guard nodes >= 1, count >= 0, maxLength >= 0, pairCount >= 0, used >= 0,
              capacity >= 16, capacity.nonzeroBitCount == 1, used * 2 <= capacity,
              pairWords >= 64, pairWords.nonzeroBitCount == 1,
              edgesAt % 16 == 0, section.count == edgesAt + capacity * 16 else { return nil }
        func words(_ at: Int, _ n: Int) -> [UInt64] {
            ImageFields.array(UnsafeRawBufferPointer(rebasing: section[at..<(at + n * 8)]), of: UInt64.self)!
        }
        self.init()
        self.nodes = nodes
        self.pairCount = pairCount
        self.maxLength = maxLength
        self.count = count
        firsts.bits = words(bitsAt, Trie.scalarSetBytes / 8)
        singles.bits = words(bitsAt + Trie.scalarSetBytes, Trie.scalarSetBytes / 8)
        pairs = words(pairsAt, pairWords)
        let memory = PageMemory(mapped: UnsafeRawBufferPointer(rebasing: section[edgesAt...]), owner: file)
        edges = EdgeTable(memory: memory, capacity: capacity, count: used)
    }
}
