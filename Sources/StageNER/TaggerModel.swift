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

    /// Open-addressing table of 32-bit feature keys (0 = empty) and their rows.
    let slots: [UInt32]
    let slotRows: [Int32]
    let mask: Int
    /// Per-feature int8 weights and scale (what the file holds).
    let quantized: [Int8]
    let scales: [Float]
    let keys32: [UInt32]
    /// Dequantised weights, row-major.
    let weights: [Float]
    /// Transitions with disallowed BMES moves set to -inf-ish; last row: sentence start.
    let transitions: [Float]
    let rawTransitions: [Float]

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
        let t = Tags.count
        self.keys32 = keys32
        self.quantized = quantized
        self.scales = scales
        rawTransitions = transitions
        var w = [Float](repeating: 0, count: quantized.count)
        for r in 0..<keys32.count { for j in 0..<t { w[r * t + j] = Float(quantized[r * t + j]) * scales[r] } }
        weights = w
        var size = 16
        while size < keys32.count * 2 { size <<= 1 }
        var slots = [UInt32](repeating: 0, count: size)
        var rows = [Int32](repeating: -1, count: size)
        for (r, k) in keys32.enumerated() {
            var i = Int(k) & (size - 1)
            while slots[i] != 0 && slots[i] != k { i = (i + 1) & (size - 1) }
            if slots[i] == 0 { slots[i] = k; rows[i] = Int32(r) }
        }
        self.slots = slots
        slotRows = rows
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

    @inline(__always) func row(_ h: UInt64) -> Int {
        let k = TaggerModel.key32(h)
        var i = Int(k) & mask
        while true {
            let s = slots[i]
            if s == k { return Int(slotRows[i]) }
            if s == 0 { return -1 }
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
        scratch.keys.withUnsafeBufferPointer { keys in
            weights.withUnsafeBufferPointer { w in
                scratch.emission.withUnsafeMutableBufferPointer { e in
                    for i in 0..<n {
                        let base = i * t
                        for k in 0..<f {
                            let r = row(keys[i * f + k])
                            if r < 0 { continue }
                            let wr = r * t
                            for j in 0..<t { e[base + j] += w[wr + j] }
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
                                    for a in 0..<t {
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

    /// Weights of one feature row (for tests).
    func rowWeights(_ key: UInt64) -> [Float]? {
        let r = row(key)
        return r < 0 ? nil : Array(weights[(r * Tags.count)..<((r + 1) * Tags.count)])
    }
}
