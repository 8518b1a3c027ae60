// Averaged structured perceptron over the hashed character features, and span-level scoring.
import Foundation

/// One training sentence: the input and its gold tags.
public struct TaggedSentence: Sendable {
    public var input: TaggerInput
    public var tags: [UInt8]
    /// Types (indices in `Tags.types`) the sentence's source does not annotate (MSRA marks no
    /// titles): its O tags say nothing about them (`PerceptronTrainer.partialGold`).
    public var unannotated: [Int]
    public init(input: TaggerInput, tags: [UInt8], unannotated: [Int] = []) {
        self.input = input
        self.tags = tags
        self.unannotated = unannotated
    }
}

public struct PerceptronTrainer {
    public var epochs: Int
    /// Features seen fewer times than this in training are dropped.
    public var minCount: Int
    public var seed: UInt64
    public var log: (String) -> Void

    public init(epochs: Int = 8, minCount: Int = 2, seed: UInt64 = 42, log: @escaping (String) -> Void = { _ in }) {
        self.epochs = epochs
        self.minCount = minCount
        self.seed = seed
        self.log = log
    }

    public func train(_ data: [TaggedSentence]) -> TaggerWeights {
        let t = Tags.count, f = Features.count
        // 1. features of every sentence, counted, then numbered in order of first occurrence
        var offsets = [Int](repeating: 0, count: data.count + 1)
        var allKeys: [UInt64] = []
        var buffer: [UInt64] = [], gramBuffer: [UInt64] = []
        // per key: occurrences, and its n-gram (the same wherever the key occurs)
        var counts: [UInt64: (count: Int32, gram: UInt64)] = [:]
        for (s, sentence) in data.enumerated() {
            Features.extract(sentence.input, into: &buffer, grams: &gramBuffer)
            allKeys.append(contentsOf: buffer)
            offsets[s + 1] = allKeys.count
            for (k, g) in zip(buffer, gramBuffer) { counts[k, default: (0, g)].count += 1 }
        }
        var ids: [UInt64: Int32] = [:]
        var keys: [UInt64] = [], grams: [UInt64] = [], templates: [UInt8] = []
        var seen: [Int32] = []
        var rows = [Int32](repeating: -1, count: allKeys.count)
        for (i, k) in allKeys.enumerated() {
            if let id = ids[k] { rows[i] = id; continue }
            guard let c = counts[k], Int(c.count) >= minCount else { continue }
            ids[k] = Int32(keys.count)
            rows[i] = Int32(keys.count)
            keys.append(k)
            grams.append(c.gram)
            templates.append(UInt8(i % f))
            seen.append(c.count)
        }
        counts = [:]
        allKeys = []
        ids = [:]
        log("\(data.count) sentences, \(rows.count / f) characters, \(keys.count) features")

        // 2. averaged perceptron: w, and u = Σ c·Δw, averaged = w − u/c
        var w = [Float](repeating: 0, count: keys.count * t)
        var u = [Double](repeating: 0, count: keys.count * t)
        var tw = [Float](repeating: 0, count: (t + 1) * t)
        var tu = [Double](repeating: 0, count: (t + 1) * t)
        var c: Double = 1
        var order = Array(0..<data.count)
        var rng = SplitMix(seed)
        var emission: [Float] = [], score: [Float] = [], back: [UInt8] = []
        for epoch in 1...max(1, epochs) {
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var wrong = 0, total = 0
            for s in order {
                var gold = data[s].tags
                let n = gold.count
                if n == 0 { continue }
                let base = offsets[s]
                emission.removeAll(keepingCapacity: true)
                emission.append(contentsOf: repeatElement(0, count: n * t))
                rows.withUnsafeBufferPointer { r in
                    w.withUnsafeBufferPointer { wp in
                        emission.withUnsafeMutableBufferPointer { e in
                            for i in 0..<n {
                                for k in 0..<f {
                                    let row = Int(r[base + i * f + k])
                                    if row < 0 { continue }
                                    for j in 0..<t { e[i * t + j] += wp[row * t + j] }
                                }
                            }
                        }
                    }
                }
                let pred = TaggerModel.viterbi(emission: emission, transitions: TaggerModel.constrain(tw), length: n,
                                               score: &score, back: &back)
                if !data[s].unannotated.isEmpty { gold = PerceptronTrainer.partialGold(gold, predicted: pred, unannotated: data[s].unannotated) }
                total += n
                if pred == gold { c += 1; continue }
                for i in 0..<n {
                    let g = Int(gold[i]), p = Int(pred[i])
                    let gp = i == 0 ? t : Int(gold[i - 1]), pp = i == 0 ? t : Int(pred[i - 1])
                    if g != p || gp != pp {
                        tw[gp * t + g] += 1; tu[gp * t + g] += c
                        tw[pp * t + p] -= 1; tu[pp * t + p] -= c
                    }
                    if g == p { continue }
                    wrong += 1
                    for k in 0..<f {
                        let row = Int(rows[base + i * f + k])
                        if row < 0 { continue }
                        w[row * t + g] += 1; u[row * t + g] += c
                        w[row * t + p] -= 1; u[row * t + p] -= c
                    }
                }
                c += 1
            }
            log("epoch \(epoch): \(wrong) of \(total) characters mistagged (\(String(format: "%.3f", 100 * Double(wrong) / Double(max(total, 1))))%)")
        }
        var avg = [Float](repeating: 0, count: w.count)
        for i in 0..<w.count { avg[i] = Float(Double(w[i]) - u[i] / c) }
        var tavg = [Float](repeating: 0, count: tw.count)
        for i in 0..<tw.count { tavg[i] = Float(Double(tw[i]) - tu[i] / c) }
        return TaggerWeights(keys: keys, templates: templates, grams: grams, weights: avg, transitions: tavg, counts: seen)
    }
}

extension PerceptronTrainer {
    /// The gold tags a sentence is trained towards when its source leaves `unannotated` types
    /// unmarked: a predicted span of such a type that lies wholly on O in `gold` is taken as
    /// right (the source may simply not mark it), so the sentence neither rewards nor punishes
    /// it; everything else stays as annotated.
    public static func partialGold(_ gold: [UInt8], predicted: [UInt8], unannotated: [Int]) -> [UInt8] {
        var out = gold
        for span in Tags.decode(predicted) where unannotated.contains(span.type) && span.range.allSatisfy({ gold[$0] == 0 }) {
            for i in span.range { out[i] = predicted[i] }
        }
        return out
    }
}

/// Deterministic shuffling.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Exact-match span scores per type.
public struct SpanScore: Sendable {
    public var truePositives = [Int](repeating: 0, count: Tags.types.count)
    public var predicted = [Int](repeating: 0, count: Tags.types.count)
    public var gold = [Int](repeating: 0, count: Tags.types.count)
    public init() {}

    public mutating func add(gold g: [(type: Int, range: Range<Int>)], predicted p: [(type: Int, range: Range<Int>)]) {
        for s in g { gold[s.type] += 1 }
        for s in p {
            predicted[s.type] += 1
            if g.contains(where: { $0.type == s.type && $0.range == s.range }) { truePositives[s.type] += 1 }
        }
    }

    static func prf(_ tp: Int, _ p: Int, _ g: Int) -> (Double, Double, Double) {
        let pr = p == 0 ? 0 : Double(tp) / Double(p), rc = g == 0 ? 0 : Double(tp) / Double(g)
        return (pr, rc, pr + rc == 0 ? 0 : 2 * pr * rc / (pr + rc))
    }

    /// Micro-averaged (precision, recall, F1).
    public var micro: (Double, Double, Double) { SpanScore.prf(truePositives.reduce(0, +), predicted.reduce(0, +), gold.reduce(0, +)) }
    public func of(_ type: Int) -> (Double, Double, Double) { SpanScore.prf(truePositives[type], predicted[type], gold[type]) }

    public var report: String {
        func line(_ name: String, _ v: (Double, Double, Double), _ g: Int) -> String {
            name.padding(toLength: 6, withPad: " ", startingAt: 0)
                + String(format: "P %.4f  R %.4f  F1 %.4f  (gold %d)", v.0, v.1, v.2, g)
        }
        // a type neither annotated nor predicted (titles in MSRA) gets no line
        var lines = Tags.types.indices.filter { gold[$0] + predicted[$0] > 0 }.map { line(Tags.types[$0], of($0), gold[$0]) }
        lines.append(line("micro", micro, gold.reduce(0, +)))
        return lines.joined(separator: "\n")
    }
}
