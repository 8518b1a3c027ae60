// Units of the administrative tree by a byte slice of its text (a name or a code): open
// addressing over 64-bit FNV-1a hashes of the slices, each hit checked against the bytes. Built
// once from the gazetteer's text (`SliceIndex.Builder`), then read-only, from memory or from the
// tree's image (`AdminTreeImage.swift`): three flat arrays of one slot each, so a mapped index
// is ready without a pass over it.
struct SliceIndex: Sendable {
    /// Per slot: the slice's hash, its unit (-1: empty slot), its bounds in the text (two Int32).
    let hashes: FlatArray<UInt64>
    let units: FlatArray<Int32>
    let slices: FlatArray<Int32>

    /// A table of `hashes.count` slots, a power of two (checked by whoever builds or maps it).
    init(hashes: FlatArray<UInt64>, units: FlatArray<Int32>, slices: FlatArray<Int32>) {
        precondition(hashes.count.nonzeroBitCount == 1 && units.count == hashes.count && slices.count == 2 * hashes.count)
        self.hashes = hashes; self.units = units; self.slices = slices
    }

    static func hash<C: Collection>(_ s: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf29ce484222325
        for c in s { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return h
    }

    /// The units listed under `key`, in insertion order.
    func all(_ text: FlatArray<UInt8>, _ key: [UInt8]) -> [Int32] {
        let h = Self.hash(key), mask = hashes.count - 1
        var out: [Int32] = []
        var i = Int(truncatingIfNeeded: h) & mask
        while units[i] >= 0 {
            if hashes[i] == h, text.slice(slices[2 * i], slices[2 * i + 1]).elementsEqual(key) { out.append(units[i]) }
            i = (i + 1) & mask
        }
        return out
    }

    func first(_ text: FlatArray<UInt8>, _ key: [UInt8]) -> Int32? { all(text, key).first }

    /// An index being filled: slices are ranges of the text the tree will keep.
    struct Builder {
        private let hashes: FlatArray<UInt64>.Table, units: FlatArray<Int32>.Table, slices: FlatArray<Int32>.Table
        private let mask: Int

        /// Room for `capacity` slices with the table at most half full.
        init(capacity: Int) {
            var n = 16
            while n < capacity * 2 { n <<= 1 }
            hashes = .init(repeating: 0, count: n)
            units = .init(repeating: -1, count: n)
            slices = .init(repeating: 0, count: 2 * n)
            mask = n - 1
        }

        /// Adds `unit` under the slice `r` of `text`; with `unique`, only if no unit has that
        /// slice; a unit already listed under the slice is not listed again.
        mutating func insert(_ text: UnsafeBufferPointer<UInt8>, _ r: Range<Int32>, _ unit: Int32, unique: Bool) {
            let slice = text[Int(r.lowerBound)..<Int(r.upperBound)]
            let h = SliceIndex.hash(slice)
            var i = Int(truncatingIfNeeded: h) & mask
            while units[i] >= 0 {
                if hashes[i] == h, text[Int(slices[2 * i])..<Int(slices[2 * i + 1])].elementsEqual(slice),
                   unique || units[i] == unit { return }
                i = (i + 1) & mask
            }
            hashes[i] = h; units[i] = unit; slices[2 * i] = r.lowerBound; slices[2 * i + 1] = r.upperBound
        }

        /// The index, on the builder's tables: the last use of the builder.
        var index: SliceIndex { SliceIndex(hashes: FlatArray(hashes), units: FlatArray(units), slices: FlatArray(slices)) }
    }
}
