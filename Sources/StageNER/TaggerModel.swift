// The trained tagger: hashed feature weights per tag, tag transitions, Viterbi decoding with
// B/M/E constraints, and a compact binary file (32-bit keys, int8 weights with a per-feature scale).
import CPrefetch
import CTaggerRows
import Foundation
import ZhituCore

/// Weights as training leaves them: one row of `Tags.count` floats per feature key.
public struct TaggerWeights: Sendable {
    public var keys: [UInt64]
    /// Per row: its template (`Features`: single features, then n-gram slots).
    public var templates: [UInt8]
    /// Per row: the key of its n-gram (0 for a single feature).
    public var grams: [UInt64]
    /// `keys.count × Tags.count`, row-major.
    public var weights: [Float]
    /// `(Tags.count + 1) × Tags.count`: previous tag (last row: sentence start) → tag.
    public var transitions: [Float]
    /// How often each feature occurred in training (empty: unknown).
    public var counts: [Int32]

    public init(keys: [UInt64], templates: [UInt8], grams: [UInt64], weights: [Float], transitions: [Float], counts: [Int32] = []) {
        self.keys = keys
        self.templates = templates
        self.grams = grams
        self.weights = weights
        self.transitions = transitions
        self.counts = counts
    }

    /// The `maxFeatures` rows with the largest weights (by max |w|), others dropped; zero rows always dropped.
    /// Rows come most frequent first (the model keeps the first ones in a small, cache-resident table).
    public func pruned(maxFeatures: Int) -> TaggerWeights {
        let t = Tags.count
        var strength: [(Float, Int)] = []
        strength.reserveCapacity(keys.count)
        for r in 0..<keys.count {
            var m: Float = 0
            for j in 0..<t { m = max(m, abs(weights[r * t + j])) }
            if m > 0 { strength.append((m, r)) }
        }
        if strength.count > maxFeatures {
            strength.sort { ($0.0, keys[$1.1]) > ($1.0, keys[$0.1]) }   // ties: smaller key first, so training is reproducible
            strength.removeLast(strength.count - maxFeatures)
        }
        let frequency = counts.count == keys.count ? counts : Array(repeating: 0, count: keys.count)
        let rows = strength.map { $0.1 }.sorted { (frequency[$0], keys[$1]) > (frequency[$1], keys[$0]) }
        var w: [Float] = []
        w.reserveCapacity(rows.count * t)
        for r in rows { w.append(contentsOf: weights[(r * t)..<(r * t + t)]) }
        return TaggerWeights(keys: rows.map { keys[$0] }, templates: rows.map { templates[$0] }, grams: rows.map { grams[$0] },
                             weights: w, transitions: transitions, counts: rows.map { frequency[$0] })
    }
}

public enum TaggerModelError: Error, CustomStringConvertible {
    case malformed(String, String)
    public var description: String {
        switch self { case let .malformed(file, why): return "\(file): not a zhitu NER model (\(why)); rebuild it with `zhitu train`" }
    }
}

/// Open-addressing table of weight rows. A slot holds `subRows` rows of 16 bytes: the row's
/// weights as Int8 in units of `unit << shift` (13 bytes), the shift, then two bytes that hold
/// the key's high 16 bits in the first row (0 = empty; the slot's position holds the low bits).
/// A single feature's slot is one row; an n-gram's holds a row per slot of the n-gram. Slots of
/// up to 64 bytes sit in one cache line.
///
/// A separate byte per slot holds 8 more bits of its key (0 = empty), 64 slots to a cache line:
/// a search walks these, and reads a slot only where its byte matches, so a key the table lacks
/// (most n-grams of a new text) costs one small, cache-friendly read instead of a run of slots.
struct SlotTable: @unchecked Sendable {   // immutable once built
    static let rowBytes = 16
    private let memory: PageMemory, tagMemory: PageMemory
    let base: UnsafeRawPointer
    let tags: UnsafePointer<UInt8>
    let mask: Int
    let subRows: Int
    /// Bytes per slot.
    let stride: Int

    /// Slots for `entries` (a key and, per row, the model row or -1 for zeros), at most `maxLoad` full.
    init(entries: [(key: UInt32, rows: [Int])], subRows: Int, model: TaggerModel.Rows, maxLoad: Double) {
        let width = SlotTable.rowBytes
        precondition(Tags.count + 3 <= width, "\(Tags.count) tags do not fit a \(width)-byte row")
        self.subRows = subRows
        let stride = SlotTable.stride(subRows)
        self.stride = stride
        var size = 16
        while Double(size) * maxLoad < Double(entries.count) { size <<= 1 }
        memory = PageMemory(bytes: size * stride)
        tagMemory = PageMemory(bytes: size)
        base = UnsafeRawPointer(memory.base)
        tags = UnsafePointer(tagMemory.base.assumingMemoryBound(to: UInt8.self))
        mask = size - 1
        let table = memory.base, tagBytes = tagMemory.base.assumingMemoryBound(to: UInt8.self)
        for e in entries {
            guard slot(e.key) < 0 else { continue }   // key collision: first wins
            var i = Int(e.key) & mask
            while tagBytes[i] != 0 { i = (i + 1) & mask }
            tagBytes[i] = SlotTable.tag(e.key)
            table.storeBytes(of: SlotTable.key16(e.key), toByteOffset: i * stride + 14, as: UInt16.self)
            for (s, r) in e.rows.enumerated() where r >= 0 { SlotTable.write(row: r, of: model, to: table + i * stride + s * width) }
        }
    }

    /// A table whose tag bytes and slots are already laid out (a mapped model file); nil if
    /// the sizes do not fit together.
    init?(tags: PageMemory, slots: PageMemory, subRows: Int) {
        let size = tags.bytes, stride = SlotTable.stride(subRows)
        guard size >= 16, size.nonzeroBitCount == 1, slots.bytes == size * stride else { return nil }
        memory = slots
        tagMemory = tags
        base = UnsafeRawPointer(slots.base)
        self.tags = UnsafePointer(tags.base.assumingMemoryBound(to: UInt8.self))
        mask = size - 1
        self.subRows = subRows
        self.stride = stride
    }

    static func stride(_ subRows: Int) -> Int { subRows == 1 ? rowBytes : (subRows <= 4 ? 64 : subRows * rowBytes) }

    /// The tag bytes (for writing the model file).
    var tagBytes: [UInt8] { Array(UnsafeRawBufferPointer(start: tags, count: mask + 1)) }

    /// Writes model row `r` as 16 bytes at `to`: int8 weights in units of `unit << shift`, the shift.
    static func write(row r: Int, of model: TaggerModel.Rows, to: UnsafeMutableRawPointer) {
        let t = Tags.count
        var shift = 0
        while shift < 7 && model.scales[r] > model.unit * Float(1 << shift) { shift += 1 }
        to.storeBytes(of: UInt8(shift), toByteOffset: 13, as: UInt8.self)
        let step = model.unit * Float(1 << shift)
        for j in 0..<t {
            let v = (Float(model.quantized[r * t + j]) * model.scales[r] / step).rounded()
            to.storeBytes(of: Int8(max(-127, min(127, v))), toByteOffset: j, as: Int8.self)
        }
    }

    @inline(__always) static func key16(_ k: UInt32) -> UInt16 { max(1, UInt16(truncatingIfNeeded: k >> 16)) }
    /// Bits 8–15 of the key (the low bits pick the slot; bits 16–31 are in the slot).
    @inline(__always) static func tag(_ k: UInt32) -> UInt8 { max(1, UInt8(truncatingIfNeeded: k >> 8)) }

    /// The slots' bytes (for tests).
    var slots: [UInt8] { Array(UnsafeRawBufferPointer(start: base, count: (mask + 1) * stride)) }

    /// The first slot from `i` on whose tag byte matches key `k`'s, or -1 (reads tag bytes only).
    @inline(__always) func candidate(_ k: UInt32, from start: Int) -> Int {
        let tag = SlotTable.tag(k)
        var i = start
        while true {
            let t = tags[i]
            if t == tag { return i }
            if t == 0 { return -1 }
            i = (i &+ 1) & mask
        }
    }

    @inline(__always) func candidate(_ k: UInt32) -> Int { candidate(k, from: Int(k) & mask) }

    /// Byte offset from `base` of the slot of key `k` (`TaggerModel.key32`), or -1.
    @inline(__always) func slot(_ k: UInt32) -> Int {
        let key = SlotTable.key16(k)
        var i = candidate(k)
        while i >= 0 {
            let at = i &* stride
            if base.loadUnaligned(fromByteOffset: at &+ 14, as: UInt16.self) == key { return at }   // little-endian
            i = candidate(k, from: (i &+ 1) & mask)
        }
        return -1
    }

    /// One row of a slot as 16 Int32 lanes, weights scaled by the row's shift (lanes 0..<13 hold the weights).
    func row(_ at: Int) -> SIMD16<Int32> { SlotTable.row(base, at) }

    /// (Tagging adds rows with `zt_row_add` straight into the sums; this reads one for tests and
    /// `rowWeights`, through the same kernel.)
    static func row(_ base: UnsafeRawPointer, _ at: Int) -> SIMD16<Int32> {
        var lanes = SIMD16<Int32>(repeating: 0)
        withUnsafeMutableBytes(of: &lanes) { zt_row_add($0.baseAddress!.assumingMemoryBound(to: Int32.self), base + at) }
        return lanes
    }
}

/// The run-time model. Immutable and shared by all workers.
public struct TaggerModel: Sendable {
    static let magic: [UInt8] = Array("ZTNER03\n".utf8)

    /// What the file holds: per row its key (for an n-gram slot, the n-gram's key), template,
    /// int8 weights and scale.
    struct Rows: Sendable {
        var keys32: [UInt32]
        var templates: [UInt8]
        var quantized: [Int8]
        var scales: [Float]
        /// Float value of one weight unit.
        var unit: Float
    }
    /// The rows of a model built from weights (nil for a model read from a file, which holds
    /// the built tables only).
    let rows: Rows?
    /// Float value of one weight unit.
    let unit: Float
    public let featureCount: Int

    /// Rows of the small single templates (`Features.small`), 16 bytes each, indexed by
    /// `smallBase[s] + value`; zeros where the model has no row.
    let small: PageMemory
    let smallBase: [Int]
    /// The most frequent large single features (the file lists rows most frequent first), in a
    /// table small enough to stay in the core's cache: most look-ups of them end here.
    let hot: SlotTable
    /// The other large single features.
    let cold: SlotTable
    /// The n-grams of each length (`Features.gramSlots`), a slot per n-gram holding all its rows.
    let grams: [SlotTable]
    /// Transitions with moves `Tags.allowed` forbids set to -inf-ish; last row: sentence start.
    let transitions: [Float]
    let rawTransitions: [Float]

    /// Single features in the hot table (16k slots at half load, 256 KB: a probe for a feature it lacks ends soon).
    public static let hotRows = 8_000

    @inline(__always) static func key32(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h ^ (h >> 32)) | 1 }

    /// Quantises trained weights (what saving and loading yields, exactly).
    public init(_ w: TaggerWeights, hotRows: Int = TaggerModel.hotRows) {
        let t = Tags.count
        var q = [Int8](repeating: 0, count: w.keys.count * t)
        var scales = [Float](repeating: 0, count: w.keys.count)
        for r in 0..<w.keys.count {
            var m: Float = 0
            for j in 0..<t { m = max(m, abs(w.weights[r * t + j])) }
            let s = m > 0 ? m / 127 : 1
            scales[r] = s
            for j in 0..<t { q[r * t + j] = Int8(max(-127, min(127, (w.weights[r * t + j] / s).rounded()))) }
        }
        let keys32 = w.keys.indices.map { TaggerModel.key32(w.templates[$0] < Features.singles ? w.keys[$0] : w.grams[$0]) }
        self.init(keys32: keys32, templates: w.templates, quantized: q, scales: scales, transitions: w.transitions, hotRows: hotRows)
    }

    init(keys32: [UInt32], templates: [UInt8], quantized: [Int8], scales: [Float], transitions: [Float], hotRows: Int = TaggerModel.hotRows) {
        // one global unit: a row's int8 weights count in units of unit << shift, shift 0...7 per row
        let top = scales.max() ?? 0
        let rows = Rows(keys32: keys32, templates: templates, quantized: quantized, scales: scales, unit: top > 0 ? top / 128 : 1)
        self.rows = rows
        unit = rows.unit
        featureCount = keys32.count
        rawTransitions = transitions
        var smallRow: [UInt32: Int] = [:]
        for r in keys32.indices where Features.small.contains(Int(templates[r])) { smallRow[keys32[r]] = smallRow[keys32[r]] ?? r }
        smallBase = Features.smallSizes.indices.map { Features.smallSizes[..<$0].reduce(0, +) }
        small = PageMemory(bytes: Features.smallSizes.reduce(0, +) * SlotTable.rowBytes)
        for (s, size) in Features.smallSizes.enumerated() {
            for v in 0..<size {
                guard let r = smallRow[TaggerModel.key32(Features.smallKey(s, v))] else { continue }
                SlotTable.write(row: r, of: rows, to: small.base + (smallBase[s] + v) * SlotTable.rowBytes)
            }
        }
        let single = keys32.indices.filter { Features.large.contains(Int(templates[$0])) }
        let split = min(single.count, hotRows)
        hot = SlotTable(entries: single[..<split].map { (keys32[$0], [$0]) }, subRows: 1, model: rows, maxLoad: 0.5)
        cold = SlotTable(entries: single[split...].map { (keys32[$0], [$0]) }, subRows: 1, model: rows, maxLoad: 0.75)
        var gramEntries: [[(key: UInt32, rows: [Int])]] = Features.gramSlots.map { _ in [] }
        var entryOf: [[UInt32: Int]] = Features.gramSlots.map { _ in [:] }
        for r in keys32.indices {
            guard let kind = Features.gramKind(ofTemplate: Int(templates[r])) else { continue }
            let slot = Int(templates[r]) - Features.firstSlot[kind], k = keys32[r]
            if let e = entryOf[kind][k] {
                if gramEntries[kind][e].rows[slot] < 0 { gramEntries[kind][e].rows[slot] = r }   // key collision: first wins
            } else {
                var rs = [Int](repeating: -1, count: Features.gramSlots[kind])
                rs[slot] = r
                entryOf[kind][k] = gramEntries[kind].count
                gramEntries[kind].append((k, rs))
            }
        }
        grams = Features.gramSlots.indices.map { SlotTable(entries: gramEntries[$0], subRows: Features.gramSlots[$0], model: rows, maxLoad: 0.75) }
        self.transitions = TaggerModel.constrain(transitions)
    }

    /// Adds a large penalty to transitions `Tags.allowed` forbids.
    static func constrain(_ trans: [Float]) -> [Float] {
        let t = Tags.count
        var out = trans
        for a in 0...t { for b in 0..<t where !Tags.allowed(a == t ? nil : a, b) { out[a * t + b] = -1e9 } }
        return out
    }

    /// Reusable buffers for one thread.
    public struct Scratch {
        var values: [UInt16] = []
        var keys: [UInt64] = []
        /// Per n-gram kind: the n-grams' keys, then their `key32`.
        var gramKeys = Features.gramSlots.map { _ in [UInt64]() }
        /// Per single feature: hot-table byte offset + 1, or -(cold key), or 0 (absent).
        var found: [Int] = []
        var sums: [SIMD16<Int32>] = []
        var emission: [Float] = []
        var score: [Float] = []
        var back: [UInt8] = []
        public init() {}
    }

    /// The best tag sequence for a sentence.
    public func tag(_ input: TaggerInput, scratch: inout Scratch) -> [UInt8] {
        let n = input.chars.count
        if n == 0 { return [] }
        emission(input, scratch: &scratch)
        return TaggerModel.viterbi(emission: scratch.emission, transitions: transitions, length: n,
                                   score: &scratch.score, back: &scratch.back)
    }

    /// Sets `scratch.emission` to the score of every tag at every character, row-major.
    func emission(_ input: TaggerInput, scratch: inout Scratch) {
        let n = input.chars.count, t = Tags.count, unit = self.unit
        Features.extractSingles(input, values: &scratch.values, keys: &scratch.keys)
        scratch.found.removeAll(keepingCapacity: true)
        scratch.found.append(contentsOf: repeatElement(0, count: scratch.keys.count))
        scratch.sums.removeAll(keepingCapacity: true)
        scratch.sums.append(contentsOf: repeatElement(.zero, count: n))
        // Pass 1: for each n-gram and each large single feature not in the hot table, find the
        // candidate slot from the tag bytes and prefetch it (n-grams first: they are used last),
        // so that the cache misses overlap instead of queueing one by one in pass 2.
        for kind in grams.indices {
            Features.extractGrams(input, kind: kind, into: &scratch.gramKeys[kind])
            let table = grams[kind]
            scratch.gramKeys[kind].withUnsafeMutableBufferPointer { keys in
                for g in keys.indices {
                    let k = TaggerModel.key32(keys[g])
                    let c = table.candidate(k)
                    keys[g] = c >= 0 ? UInt64(k) : 0
                    if c >= 0 { zt_prefetch(table.base + c &* table.stride) }
                }
            }
        }
        scratch.keys.withUnsafeBufferPointer { keys in
            scratch.found.withUnsafeMutableBufferPointer { found in
                for i in 0..<keys.count {
                    let k = TaggerModel.key32(keys[i])
                    let at = hot.slot(k)
                    if at >= 0 { found[i] = at &+ 1; continue }
                    let c = cold.candidate(k)
                    guard c >= 0 else { continue }
                    found[i] = -Int(k)
                    zt_prefetch(cold.base + c &* cold.stride)
                }
            }
        }
        // Pass 2: add the rows found into each character's sums (16 lanes: 13 weights, the shift, the key).
        scratch.sums.withUnsafeMutableBytes { sumBytes in
            guard let lanes = sumBytes.baseAddress?.assumingMemoryBound(to: Int32.self) else { return }
            let width = SIMD16<Int32>.scalarCount
            scratch.found.withUnsafeBufferPointer { found in
                scratch.values.withUnsafeBufferPointer { values in
                    let f = Features.large.count, smallCount = Features.small.count, smallRows = UnsafeRawPointer(small.base)
                    let smallBase = self.smallBase
                    for i in 0..<n {
                        let sum = lanes + i &* width
                        for s in 0..<smallCount {
                            zt_row_add(sum, smallRows + (smallBase[s] &+ Int(values[i &* smallCount &+ s])) &* SlotTable.rowBytes)
                        }
                        for k in 0..<f {
                            let v = found[i &* f &+ k]
                            if v > 0 {
                                zt_row_add(sum, hot.base + (v &- 1))
                            } else if v < 0 {
                                let at = cold.slot(UInt32(-v))
                                if at >= 0 { zt_row_add(sum, cold.base + at) }
                            }
                        }
                    }
                }
            }
            // an n-gram starting at j = g - 2 feeds character g - s through its slot s
            for kind in grams.indices {
                let table = grams[kind], slots = table.subRows
                scratch.gramKeys[kind].withUnsafeBufferPointer { keys in
                    for g in 0..<keys.count where keys[g] != 0 {
                        let at = table.slot(UInt32(truncatingIfNeeded: keys[g]))
                        if at < 0 { continue }
                        for s in max(0, g &- n &+ 1)..<min(slots, g &+ 1) {
                            zt_row_add(lanes + (g &- s) &* width, table.base + (at &+ s &* SlotTable.rowBytes))
                        }
                    }
                }
            }
        }
        scratch.emission.removeAll(keepingCapacity: true)
        scratch.emission.append(contentsOf: repeatElement(0, count: n * t))
        scratch.emission.withUnsafeMutableBufferPointer { e in
            for i in 0..<n { for j in 0..<t { e[i &* t &+ j] = Float(scratch.sums[i][j]) * unit } }
        }
    }

    public func tag(_ input: TaggerInput) -> [UInt8] {
        var s = Scratch()
        return tag(input, scratch: &s)
    }

    /// Per tag, the tags it may follow (`Tags.allowed`), ascending, in one flat list:
    /// `predecessors[predecessorStart[j]..<predecessorStart[j + 1]]`.
    static let (predecessors, predecessorStart): ([Int], [Int]) = {
        var list: [Int] = [], start = [0]
        for j in 0..<Tags.count {
            list += (0..<Tags.count).filter { Tags.allowed($0, j) }
            start.append(list.count)
        }
        return (list, start)
    }()

    /// Viterbi over `length × Tags.count` emission scores; transitions row `Tags.count` is the start.
    /// Only allowed predecessors are scored (9 for O and B, 2 for M and E); ties go to the first.
    static func viterbi(emission: [Float], transitions: [Float], length n: Int, score: inout [Float], back: inout [UInt8]) -> [UInt8] {
        let t = Tags.count
        score.removeAll(keepingCapacity: true)
        score.append(contentsOf: repeatElement(0, count: n * t))
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(0, count: n * t))
        var out = [UInt8](repeating: 0, count: n)
        let from = predecessors, fromStart = predecessorStart
        emission.withUnsafeBufferPointer { e in
            transitions.withUnsafeBufferPointer { tr in
                score.withUnsafeMutableBufferPointer { s in
                    back.withUnsafeMutableBufferPointer { bp in
                        from.withUnsafeBufferPointer { from in
                            fromStart.withUnsafeBufferPointer { fromStart in
                                for j in 0..<t { s[j] = e[j] + tr[t * t + j] }
                                for i in 1..<max(n, 1) {
                                    let prev = (i &- 1) &* t, cur = i &* t
                                    for j in 0..<t {
                                        let first = fromStart[j]
                                        var arg = from[first], best = s[prev &+ arg] + tr[arg &* t &+ j]
                                        for q in (first &+ 1)..<fromStart[j &+ 1] {
                                            let a = from[q]
                                            let v = s[prev &+ a] + tr[a &* t &+ j]
                                            if v > best { best = v; arg = a }
                                        }
                                        s[cur &+ j] = best + e[cur &+ j]
                                        bp[cur &+ j] = UInt8(truncatingIfNeeded: arg)
                                    }
                                }
                            }
                        }
                        var best: Float = -Float.infinity, arg = 0
                        for j in 0..<t {
                            let v = s[(n - 1) * t + j] + (Tags.canEnd(j) ? 0 : -1e9)
                            if v > best { best = v; arg = j }
                        }
                        var i = n - 1
                        while true {
                            out[i] = UInt8(arg)
                            if i == 0 { break }
                            arg = Int(bp[i * t + arg])
                            i -= 1
                        }
                    }
                }
            }
        }
        return out
    }

    /// Weights of model row `r` as tagging uses them (for tests).
    func rowWeights(_ r: Int) -> [Float]? {
        guard let rows else { return nil }
        let k = rows.keys32[r], template = Int(rows.templates[r])
        if let s = Features.small.firstIndex(of: template) {
            guard let v = (0..<Features.smallSizes[s]).first(where: { TaggerModel.key32(Features.smallKey(s, $0)) == k }) else { return nil }
            let lanes = SlotTable.row(small.base, (smallBase[s] + v) * SlotTable.rowBytes)
            return (0..<Tags.count).map { Float(lanes[$0]) * rows.unit }
        }
        let kind = Features.gramKind(ofTemplate: template)
        let tables = kind.map { [grams[$0]] } ?? [hot, cold]
        let sub = kind.map { template - Features.firstSlot[$0] } ?? 0
        guard let table = tables.first(where: { $0.slot(k) >= 0 }) else { return nil }
        let lanes = table.row(table.slot(k) + sub * SlotTable.rowBytes)
        return (0..<Tags.count).map { Float(lanes[$0]) * rows.unit }
    }
}
