// The trained tagger: hashed feature weights per tag, tag transitions, Viterbi decoding with
// BMES constraints, and a compact binary file (32-bit keys, int8 weights with a per-feature scale).
import Foundation

/// Weights as training leaves them: one row of `Tags.count` floats per feature key.
public struct TaggerWeights: Sendable {
    public var keys: [UInt64]
    /// `keys.count × Tags.count`, row-major.
    public var weights: [Float]
    /// `(Tags.count + 1) × Tags.count`: previous tag (last row: sentence start) → tag.
    public var transitions: [Float]

    public init(keys: [UInt64], weights: [Float], transitions: [Float]) {
        self.keys = keys
        self.weights = weights
        self.transitions = transitions
    }

    /// The `maxFeatures` rows with the largest weights (by max |w|), others dropped; zero rows always dropped.
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
            strength.sort { $0.0 > $1.0 }
            strength.removeLast(strength.count - maxFeatures)
        }
        let rows = strength.map { $0.1 }.sorted()
        var w: [Float] = []
        w.reserveCapacity(rows.count * t)
        for r in rows { w.append(contentsOf: weights[(r * t)..<(r * t + t)]) }
        return TaggerWeights(keys: rows.map { keys[$0] }, weights: w, transitions: transitions)
    }
}

public enum TaggerModelError: Error, CustomStringConvertible {
    case malformed(String, String)
    public var description: String {
        switch self { case let .malformed(file, why): return "\(file): not a zhitu NER model (\(why)); rebuild it with `zhitu train`" }
    }
}

/// The run-time model. Immutable and shared by all workers.
public struct TaggerModel: Sendable {
    static let magic: [UInt8] = Array("ZTNER01\n".utf8)

    /// Open-addressing table, one 32-byte slot per feature: the 32-bit key as two UInt16 (0 = empty),
    /// then the row's weights as Int16 on one global scale, so a look-up touches one cache line.
    let table: [UInt16]
    let mask: Int
    /// Float value of one Int16 weight unit.
    let unit: Float
    /// Per-feature int8 weights and scale (what the file holds).
    let quantized: [Int8]
    let scales: [Float]
    let keys32: [UInt32]
    /// Transitions with disallowed BMES moves set to -inf-ish; last row: sentence start.
    let transitions: [Float]
    let rawTransitions: [Float]

    static let slotWidth = 16

    public var featureCount: Int { keys32.count }

    @inline(__always) static func key32(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h ^ (h >> 32)) | 1 }

    /// Quantises trained weights (what saving and loading yields, exactly).
    public init(_ w: TaggerWeights) {
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
        self.init(keys32: w.keys.map(TaggerModel.key32), quantized: q, scales: scales, transitions: w.transitions)
    }

    init(keys32: [UInt32], quantized: [Int8], scales: [Float], transitions: [Float]) {
        let t = Tags.count, width = TaggerModel.slotWidth
        self.keys32 = keys32
        self.quantized = quantized
        self.scales = scales
        rawTransitions = transitions
        var top: Float = 0
        for r in 0..<keys32.count { top = max(top, 127 * scales[r]) }
        let unit = top > 0 ? top / 32000 : 1
        self.unit = unit
        var size = 16
        while size * 2 < keys32.count * 3 { size <<= 1 }
        var table = [UInt16](repeating: 0, count: size * width)
        for (r, k) in keys32.enumerated() {
            var i = Int(k) & (size - 1)
            while true {
                let s = UInt32(table[i * width]) | UInt32(table[i * width + 1]) << 16
                if s == 0 || s == k { break }
                i = (i + 1) & (size - 1)
            }
            guard table[i * width] == 0 && table[i * width + 1] == 0 else { continue }   // 32-bit key collision: first wins
            table[i * width] = UInt16(truncatingIfNeeded: k)
            table[i * width + 1] = UInt16(truncatingIfNeeded: k >> 16)
            for j in 0..<t {
                let v = (Float(quantized[r * t + j]) * scales[r] / unit).rounded()
                table[i * width + 2 + j] = UInt16(bitPattern: Int16(max(-32767, min(32767, v))))
            }
        }
        self.table = table
        mask = size - 1
        self.transitions = TaggerModel.constrain(transitions)
    }

    /// Adds a large penalty to transitions BMES forbids.
    static func constrain(_ trans: [Float]) -> [Float] {
        let t = Tags.count
        var out = trans
        for a in 0...t { for b in 0..<t where !Tags.allowed(a == t ? nil : a, b) { out[a * t + b] = -1e9 } }
        return out
    }

    /// Table offset of the slot of feature `h`, or -1.
    @inline(__always) static func slot(_ table: UnsafeBufferPointer<UInt16>, _ mask: Int, _ h: UInt64) -> Int {
        let k = key32(h), lo = UInt16(truncatingIfNeeded: k), hi = UInt16(truncatingIfNeeded: k >> 16)
        var i = Int(k) & mask
        while true {
            let at = i &* slotWidth
            let a = table[at], b = table[at + 1]
            if a == lo && b == hi { return at }
            if a == 0 && b == 0 { return -1 }
            i = (i + 1) & mask
        }
    }

    /// Reusable buffers for one thread.
    public struct Scratch {
        var keys: [UInt64] = []
        var emission: [Float] = []
        var score: [Float] = []
        var back: [UInt8] = []
        public init() {}
    }

    /// The best tag sequence for a sentence.
    public func tag(_ input: TaggerInput, scratch: inout Scratch) -> [UInt8] {
        let n = input.chars.count
        if n == 0 { return [] }
        let t = Tags.count
        Features.extract(input, into: &scratch.keys)
        scratch.emission.removeAll(keepingCapacity: true)
        scratch.emission.append(contentsOf: repeatElement(0, count: n * t))
        let f = Features.count
        let mask = self.mask, unit = self.unit
        // touch every feature's first slot before using any: the loads are independent, so their
        // cache misses overlap instead of queueing one by one behind each probe loop
        let touched: UInt16 = scratch.keys.withUnsafeBufferPointer { keys in
            table.withUnsafeBufferPointer { tb in
                var x: UInt16 = 0
                for i in 0..<keys.count { x |= tb[(Int(TaggerModel.key32(keys[i])) & mask) &* TaggerModel.slotWidth] }
                return x
            }
        }
        if touched == 0x5A5A { scratch.emission[0] += 0 }   // keeps the loads
        scratch.keys.withUnsafeBufferPointer { keys in
            table.withUnsafeBufferPointer { tb in
                scratch.emission.withUnsafeMutableBufferPointer { e in
                    var acc = (Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0))
                    withUnsafeMutableBytes(of: &acc) { raw in
                        let sum = raw.bindMemory(to: Int32.self)
                        for i in 0..<n {
                            for j in 0..<t { sum[j] = 0 }
                            for k in 0..<f {
                                let at = TaggerModel.slot(tb, mask, keys[i &* f &+ k])
                                if at < 0 { continue }
                                for j in 0..<t { sum[j] &+= Int32(Int16(bitPattern: tb[at &+ 2 &+ j])) }
                            }
                            for j in 0..<t { e[i &* t &+ j] = Float(sum[j]) * unit }
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

    /// For each tag, the tags BMES allows before it (the others score -1e9 and never win).
    static let predecessors: [[Int]] = (0..<Tags.count).map { b in (0..<Tags.count).filter { Tags.allowed($0, b) } }

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
                        if n > 1 {
                            for i in 1..<n {
                                let prev = (i - 1) * t, cur = i * t
                                for j in 0..<t {
                                    var best: Float = -Float.infinity, arg = 0
                                    for a in predecessors[j] {
                                        let v = s[prev + a] + tr[a * t + j]
                                        if v > best { best = v; arg = a }
                                    }
                                    s[cur + j] = best + e[cur + j]
                                    bp[cur + j] = UInt8(arg)
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
        table.withUnsafeBufferPointer { tb in
            let at = TaggerModel.slot(tb, mask, key)
            return at < 0 ? nil : (0..<Tags.count).map { Float(Int16(bitPattern: tb[at + 2 + $0])) * unit }
        }
    }
}
