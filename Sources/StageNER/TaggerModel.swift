// The trained tagger: hashed feature weights per tag, tag transitions, Viterbi decoding with
// BMES constraints, and a compact binary file (32-bit keys, int8 weights with a per-feature scale).
import CPrefetch
import Foundation

/// Weights as training leaves them: one row of `Tags.count` floats per feature key.
public struct TaggerWeights: Sendable {
    public var keys: [UInt64]
    /// `keys.count × Tags.count`, row-major.
    public var weights: [Float]
    /// `(Tags.count + 1) × Tags.count`: previous tag (last row: sentence start) → tag.
    public var transitions: [Float]
    /// How often each feature occurred in training (empty: unknown).
    public var counts: [Int32]

    public init(keys: [UInt64], weights: [Float], transitions: [Float], counts: [Int32] = []) {
        self.keys = keys
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
        return TaggerWeights(keys: rows.map { keys[$0] }, weights: w, transitions: transitions, counts: rows.map { frequency[$0] })
    }
}

public enum TaggerModelError: Error, CustomStringConvertible {
    case malformed(String, String)
    public var description: String {
        switch self { case let .malformed(file, why): return "\(file): not a zhitu NER model (\(why)); rebuild it with `zhitu train`" }
    }
}

/// Open-addressing table of weight rows, one 16-byte slot per feature: the key's high 16 bits
/// (0 = empty; the slot's position holds the low bits), a shift, then the row's weights as Int8
/// in units of `unit << shift`. A look-up touches one cache line.
struct SlotTable: Sendable {
    static let width = 16
    let bytes: [UInt8]
    let mask: Int

    /// Rows `rows` of the model, in a table at most `maxLoad` full.
    init(rows: Range<Int>, keys32: [UInt32], quantized: [Int8], scales: [Float], unit: Float, maxLoad: Double) {
        let t = Tags.count, width = SlotTable.width
        precondition(3 + t <= width, "\(t) tags do not fit a \(width)-byte slot")
        var size = 16
        while Double(size) * maxLoad < Double(rows.count) { size <<= 1 }
        var table = [UInt8](repeating: 0, count: size * width)
        for r in rows {
            let k = keys32[r], key = SlotTable.key16(k)
            var i = Int(k) & (size - 1)
            while true {
                let s = UInt16(table[i * width]) | UInt16(table[i * width + 1]) << 8
                if s == 0 || s == key { break }
                i = (i + 1) & (size - 1)
            }
            guard table[i * width] == 0 && table[i * width + 1] == 0 else { continue }   // key collision: first wins
            table[i * width] = UInt8(truncatingIfNeeded: key)
            table[i * width + 1] = UInt8(truncatingIfNeeded: key >> 8)
            var shift = 0
            while shift < 7 && scales[r] > unit * Float(1 << shift) { shift += 1 }
            table[i * width + 2] = UInt8(shift)
            let step = unit * Float(1 << shift)
            for j in 0..<t {
                let v = (Float(quantized[r * t + j]) * scales[r] / step).rounded()
                table[i * width + 3 + j] = UInt8(bitPattern: Int8(max(-127, min(127, v))))
            }
        }
        bytes = table
        mask = size - 1
    }

    @inline(__always) static func key16(_ k: UInt32) -> UInt16 { max(1, UInt16(truncatingIfNeeded: k >> 16)) }

    /// Byte offset of the slot of key `k` (`TaggerModel.key32`) in the table at `raw`, or -1.
    @inline(__always) static func slot(_ raw: UnsafeRawPointer, _ mask: Int, _ k: UInt32) -> Int {
        let key = key16(k)
        var i = Int(k) & mask
        while true {
            let at = i &* width
            let s = raw.loadUnaligned(fromByteOffset: at, as: UInt16.self)   // little-endian
            if s == key { return at }
            if s == 0 { return -1 }
            i = (i + 1) & mask
        }
    }
}

/// The run-time model. Immutable and shared by all workers.
public struct TaggerModel: Sendable {
    static let magic: [UInt8] = Array("ZTNER01\n".utf8)

    /// The most frequent features (the file lists rows most frequent first), in a table small
    /// enough to stay in the core's cache: most look-ups end here.
    let hot: SlotTable
    /// The other features.
    let cold: SlotTable
    /// One bit per `key32 >> 10` of the cold features: most absent features stop here.
    let present: [UInt64]
    /// Float value of one weight unit.
    let unit: Float
    /// Per-feature int8 weights and scale (what the file holds).
    let quantized: [Int8]
    let scales: [Float]
    let keys32: [UInt32]
    /// Transitions with disallowed BMES moves set to -inf-ish; last row: sentence start.
    let transitions: [Float]
    let rawTransitions: [Float]

    /// Rows in the hot table (16k slots at half load, 256 KB: a probe for a feature it lacks ends soon).
    public static let hotRows = 8_000
    /// Bits of the `present` set: 2^21 (256 KB).
    static let presentMask = (1 << 21) - 1

    public var featureCount: Int { keys32.count }

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
        self.init(keys32: w.keys.map(TaggerModel.key32), quantized: q, scales: scales, transitions: w.transitions, hotRows: hotRows)
    }

    init(keys32: [UInt32], quantized: [Int8], scales: [Float], transitions: [Float], hotRows: Int = TaggerModel.hotRows) {
        self.keys32 = keys32
        self.quantized = quantized
        self.scales = scales
        rawTransitions = transitions
        // one global unit: a row's int8 weights count in units of unit << shift, shift 0...7 per row
        let top = scales.max() ?? 0
        let unit = top > 0 ? top / 128 : 1
        self.unit = unit
        let split = min(keys32.count, hotRows)
        hot = SlotTable(rows: 0..<split, keys32: keys32, quantized: quantized, scales: scales, unit: unit, maxLoad: 0.5)
        cold = SlotTable(rows: split..<keys32.count, keys32: keys32, quantized: quantized, scales: scales, unit: unit, maxLoad: 0.75)
        var present = [UInt64](repeating: 0, count: (TaggerModel.presentMask + 1) / 64)
        for k in keys32[split...] { let b = Int(k >> 10) & TaggerModel.presentMask; present[b >> 6] |= 1 << UInt64(b & 63) }
        self.present = present
        self.transitions = TaggerModel.constrain(transitions)
    }

    /// Adds a large penalty to transitions BMES forbids.
    static func constrain(_ trans: [Float]) -> [Float] {
        let t = Tags.count
        var out = trans
        for a in 0...t { for b in 0..<t where !Tags.allowed(a == t ? nil : a, b) { out[a * t + b] = -1e9 } }
        return out
    }

    /// Reusable buffers for one thread.
    public struct Scratch {
        var keys: [UInt64] = []
        /// Per feature: hot-table byte offset + 1, or -(cold key), or 0 (absent).
        var found: [Int] = []
        var emission: [Float] = []
        var score: [Float] = []
        var back: [UInt8] = []
        public init() {}
    }

    /// The best tag sequence for a sentence.
    public func tag(_ input: TaggerInput, scratch: inout Scratch) -> [UInt8] {
        let n = input.chars.count
        if n == 0 { return [] }
        let t = Tags.count, f = Features.count, unit = self.unit
        Features.extract(input, into: &scratch.keys)
        scratch.emission.removeAll(keepingCapacity: true)
        scratch.emission.append(contentsOf: repeatElement(0, count: n * t))
        scratch.found.removeAll(keepingCapacity: true)
        scratch.found.append(contentsOf: repeatElement(0, count: n * f))
        hot.bytes.withUnsafeBytes { hotRaw in
            cold.bytes.withUnsafeBytes { coldRaw in
                let hotBase = hotRaw.baseAddress!, coldBase = coldRaw.baseAddress!
                let hotMask = hot.mask, coldMask = cold.mask
                // Pass 1: find each feature in the hot table, else ask the `present` bits whether the
                // cold table may have it and prefetch its slot, so that the cache misses overlap
                // instead of queueing one by one behind each probe in pass 2.
                scratch.keys.withUnsafeBufferPointer { keys in
                    present.withUnsafeBufferPointer { bits in
                        scratch.found.withUnsafeMutableBufferPointer { found in
                            for i in 0..<keys.count {
                                let k = TaggerModel.key32(keys[i])
                                let at = SlotTable.slot(hotBase, hotMask, k)
                                if at >= 0 { found[i] = at &+ 1; continue }
                                let b = Int(k >> 10) & TaggerModel.presentMask
                                guard bits[b >> 6] & (1 << UInt64(b & 63)) != 0 else { continue }
                                found[i] = -Int(k)
                                zt_prefetch(coldBase + (Int(k) & coldMask) &* SlotTable.width)
                            }
                        }
                    }
                }
                // Pass 2: a slot is 16 lanes (key, key, shift, 13 weights): add whole slots, read the weight lanes.
                scratch.found.withUnsafeBufferPointer { found in
                    scratch.emission.withUnsafeMutableBufferPointer { e in
                        for i in 0..<n {
                            var sum = SIMD16<Int32>(repeating: 0)
                            for k in 0..<f {
                                let v = found[i &* f &+ k]
                                var lanes: SIMD16<Int32>
                                if v > 0 {
                                    lanes = SIMD16<Int32>(truncatingIfNeeded: hotBase.loadUnaligned(fromByteOffset: v &- 1, as: SIMD16<Int8>.self))
                                } else if v < 0 {
                                    let at = SlotTable.slot(coldBase, coldMask, UInt32(-v))
                                    if at < 0 { continue }
                                    lanes = SIMD16<Int32>(truncatingIfNeeded: coldBase.loadUnaligned(fromByteOffset: at, as: SIMD16<Int8>.self))
                                } else { continue }
                                sum &+= lanes &<< SIMD16<Int32>(repeating: lanes[2])
                            }
                            for j in 0..<t { e[i &* t &+ j] = Float(sum[3 &+ j]) * unit }
                        }
                    }
                }
            }
        }
        return TaggerModel.viterbi(emission: scratch.emission, transitions: transitions, length: n,
                                   score: &scratch.score, back: &scratch.back)
    }

    public func tag(_ input: TaggerInput) -> [UInt8] {
        var s = Scratch()
        return tag(input, scratch: &s)
    }

    /// Tags that start or stand outside a span (O, B, S), and the tags they may follow (O, E, S).
    static let openTags: [Int] = (0..<Tags.count).filter { [0, 1, 4].contains(Tags.position($0)) }
    static let closedTags: [Int] = (0..<Tags.count).filter { [0, 3, 4].contains(Tags.position($0)) }

    /// Viterbi over `length × Tags.count` emission scores; transitions row `Tags.count` is the start.
    static func viterbi(emission: [Float], transitions: [Float], length n: Int, score: inout [Float], back: inout [UInt8]) -> [UInt8] {
        let t = Tags.count
        score.removeAll(keepingCapacity: true)
        score.append(contentsOf: repeatElement(0, count: n * t))
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(0, count: n * t))
        var out = [UInt8](repeating: 0, count: n)
        emission.withUnsafeBufferPointer { e in
            transitions.withUnsafeBufferPointer { tr in
                score.withUnsafeMutableBufferPointer { s in
                    back.withUnsafeMutableBufferPointer { bp in
                        for j in 0..<t { s[j] = e[j] + tr[t * t + j] }
                        // BMES: O, B and S follow O, E or S (seven each, in SIMD lanes); M and E follow
                        // B or M of their type. Predecessors in ascending order, ties to the first.
                        let open = TaggerModel.openTags, closed = TaggerModel.closedTags
                        var fromClosed = [SIMD8<Float>](repeating: SIMD8(repeating: -.infinity), count: closed.count)
                        for (c, a) in closed.enumerated() { for (lane, j) in open.enumerated() { fromClosed[c][lane] = tr[a * t + j] } }
                        if n > 1 {
                            for i in 1..<n {
                                let prev = (i - 1) * t, cur = i * t
                                var best = SIMD8<Float>(repeating: -.infinity), arg = SIMD8<Int32>(repeating: 0)
                                for (c, a) in closed.enumerated() {
                                    let v = SIMD8<Float>(repeating: s[prev + a]) + fromClosed[c]
                                    let better = v .> best
                                    best.replace(with: v, where: better)
                                    arg.replace(with: Int32(a), where: better)
                                }
                                for (lane, j) in open.enumerated() {
                                    s[cur + j] = best[lane] + e[cur + j]
                                    bp[cur + j] = UInt8(arg[lane])
                                }
                                for k in 0..<Tags.types.count {
                                    let b = Int(Tags.begin(k)), m = Int(Tags.middle(k))
                                    for j in m...(m + 1) {   // M, then E
                                        let vb = s[prev + b] + tr[b * t + j], vm = s[prev + m] + tr[m * t + j]
                                        s[cur + j] = (vm > vb ? vm : vb) + e[cur + j]
                                        bp[cur + j] = UInt8(vm > vb ? m : b)
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

    // MARK: file

    public func write(to url: URL) throws {
        var d = Data()
        d.append(contentsOf: TaggerModel.magic)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        u32(UInt32(Tags.count))
        u32(UInt32(Features.count))
        u32(UInt32(keys32.count))
        for v in rawTransitions { u32(v.bitPattern) }
        keys32.withUnsafeBytes { d.append(contentsOf: $0) }
        scales.withUnsafeBytes { d.append(contentsOf: $0) }
        quantized.withUnsafeBytes { d.append(contentsOf: $0) }
        try d.write(to: url, options: .atomic)
    }

    public init(contentsOf url: URL) throws {
        let d = try Data(contentsOf: url)
        let name = url.lastPathComponent
        let t = Tags.count
        let model: TaggerModel = try d.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard raw.count >= 20, Array(raw[0..<8]) == TaggerModel.magic else { throw TaggerModelError.malformed(name, "bad header") }
            func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
            guard u32(8) == UInt32(t), u32(12) == UInt32(Features.count) else {
                throw TaggerModelError.malformed(name, "built for another tag set or feature set")
            }
            let n = Int(u32(16))
            var at = 20
            let need = at + (t + 1) * t * 4 + n * 4 + n * 4 + n * t
            guard raw.count == need else { throw TaggerModelError.malformed(name, "size \(raw.count), expected \(need)") }
            var trans = [Float](repeating: 0, count: (t + 1) * t)
            for i in 0..<trans.count { trans[i] = Float(bitPattern: u32(at)); at += 4 }
            var keys = [UInt32](repeating: 0, count: n)
            keys.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[at..<(at + n * 4)])) }
            at += n * 4
            var scales = [Float](repeating: 0, count: n)
            scales.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[at..<(at + n * 4)])) }
            at += n * 4
            var q = [Int8](repeating: 0, count: n * t)
            q.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[at..<(at + n * t)])) }
            return TaggerModel(keys32: keys, quantized: q, scales: scales, transitions: trans)
        }
        self = model
    }

    /// Weights of one feature row as tagging uses them (for tests).
    func rowWeights(_ key: UInt64) -> [Float]? {
        let k = TaggerModel.key32(key)
        for table in [hot, cold] {
            let found: [Float]? = table.bytes.withUnsafeBytes { raw in
                let at = SlotTable.slot(raw.baseAddress!, table.mask, k)
                return at < 0 ? nil : (0..<Tags.count).map { Float(Int8(bitPattern: raw[at + 3 + $0])) * unit * Float(1 << Int(raw[at + 2])) }
            }
            if let found { return found }
        }
        return nil
    }
}
