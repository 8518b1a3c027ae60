import Foundation
import Testing
@testable import StageNER

@Suite struct TrainingTests {
    /// "见到XY了" marks a person, "在XY开会" a place: a toy pattern the tagger must learn from context.
    func toyCorpus() throws -> [TaggedSentence] {
        let people = ["王明", "李强", "张华", "刘洋", "陈静", "杨帆", "黄磊", "周涛"]
        let places = ["西宁", "兰州", "银川", "拉萨", "昆明", "贵阳", "南宁", "海口"]
        var data: [TaggedSentence] = []
        for (p, l) in zip(people, places) {
            data.append(try tagged("昨天我见到\(p)了。", [(p, "PER")]))
            data.append(try tagged("他们在\(l)开会。", [(l, "LOC")]))
            data.append(try tagged("我见到\(p)了，他们在\(l)开会。", [(p, "PER"), (l, "LOC")]))
        }
        return data
    }

    @Test func learnsAToyPatternAndGeneralisesToUnseenNames() throws {
        let weights = PerceptronTrainer(epochs: 10, minCount: 1).train(try toyCorpus())
        let model = TaggerModel(weights)
        // every training sentence comes back right
        for s in try toyCorpus() { #expect(model.tag(s.input) == s.tags) }
        // unseen names in a seen context
        let spans = Tags.decode(model.tag(try taggerInput("昨天我见到赵鹏了。")))
        #expect(spans.count == 1)
        #expect(spans.first?.type == 0)
        #expect(spans.first?.range == 5..<7)
    }

    @Test func pruningKeepsTheStrongestFeatures() throws {
        let weights = PerceptronTrainer(epochs: 3, minCount: 1).train(try toyCorpus())
        let pruned = weights.pruned(maxFeatures: 10)
        #expect(pruned.keys.count == 10)
        #expect(pruned.weights.count == 10 * Tags.count)
        let strongest = { (w: TaggerWeights) in (0..<w.keys.count).map { r in (0..<Tags.count).map { abs(w.weights[r * Tags.count + $0]) }.max()! } }
        #expect(strongest(pruned).min()! >= strongest(weights).sorted(by: >)[9])
    }

    @Test func modelFileRoundTrip() throws {
        let model = TaggerModel(PerceptronTrainer(epochs: 5, minCount: 1).train(try toyCorpus()))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ner-roundtrip-\(getpid()).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let loaded = try TaggerModel(contentsOf: url)
        #expect(loaded.featureCount == model.featureCount)
        #expect(loaded.transitions == model.transitions)
        #expect(loaded.rows.quantized == model.rows.quantized && loaded.rows.scales == model.rows.scales)
        #expect(loaded.rows.keys32 == model.rows.keys32 && loaded.rows.templates == model.rows.templates)
        #expect(loaded.hot.slots == model.hot.slots && loaded.cold.slots == model.cold.slots)
        #expect(zip(loaded.grams, model.grams).allSatisfy { $0.slots == $1.slots })
        for s in try toyCorpus() { #expect(loaded.tag(s.input) == model.tag(s.input)) }
    }

    @Test func prunedRowsComeMostFrequentFirst() throws {
        let weights = PerceptronTrainer(epochs: 3, minCount: 1).train(try toyCorpus())
        let pruned = weights.pruned(maxFeatures: 50)
        #expect(pruned.counts.count == 50)
        #expect(pruned.counts == pruned.counts.sorted(by: >))
        #expect(pruned.counts.first == weights.counts.max())
    }

    @Test func theHotAndColdTablesTagAlike() throws {
        let weights = PerceptronTrainer(epochs: 5, minCount: 1).train(try toyCorpus()).pruned(maxFeatures: 400)
        let allHot = TaggerModel(weights, hotRows: weights.keys.count)
        let split = TaggerModel(weights, hotRows: 20)
        #expect(split.cold.slots.contains { $0 != 0 })
        for r in 0..<split.featureCount { #expect(split.rowWeights(r) != nil && split.rowWeights(r) == allHot.rowWeights(r)) }
        for s in try toyCorpus() { #expect(split.tag(s.input) == allHot.tag(s.input)) }
    }

    /// Tagging looks an n-gram up once for every character it touches: the scores must equal
    /// the plain sum of each character's feature rows.
    @Test func groupedNGramLookupsSumLikeSingleFeatures() throws {
        let weights = PerceptronTrainer(epochs: 5, minCount: 1).train(try toyCorpus())
        let model = TaggerModel(weights, hotRows: 30)
        var rowOf: [UInt64: Int] = [:]
        for (r, k) in weights.keys.enumerated() { rowOf[k] = r }
        for s in try toyCorpus() + [TaggedSentence(input: try taggerInput("在一个陌生城市遇见的人"), tags: [])] {
            var keys: [UInt64] = []
            Features.extract(s.input, into: &keys)
            var scratch = TaggerModel.Scratch()
            model.emission(s.input, scratch: &scratch)
            let n = s.input.chars.count, t = Tags.count, f = Features.count
            #expect(scratch.emission.count == n * t)
            for i in 0..<n {
                var expected = [Float](repeating: 0, count: t)
                for k in keys[(i * f)..<((i + 1) * f)] {
                    guard let r = rowOf[k], let w = model.rowWeights(r) else { continue }
                    for j in 0..<t { expected[j] += w[j] }
                }
                for j in 0..<t { #expect(abs(scratch.emission[i * t + j] - expected[j]) < 1e-3) }
            }
        }
    }

    @Test func aTruncatedModelFileIsAnError() throws {
        let model = TaggerModel(PerceptronTrainer(epochs: 1, minCount: 1).train(try toyCorpus()))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ner-truncated-\(getpid()).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url)
        let data = try Data(contentsOf: url)
        try data.prefix(data.count - 5).write(to: url)
        #expect(throws: TaggerModelError.self) { try TaggerModel(contentsOf: url) }
    }

    @Test func spanScoreCountsExactMatches() {
        var score = SpanScore()
        score.add(gold: [(0, 0..<2), (1, 3..<5)], predicted: [(0, 0..<2), (1, 3..<4)])
        #expect(score.truePositives == [1, 0, 0, 0])
        #expect(score.micro.2 == 0.5)
    }
}

@Suite struct ViterbiTests {
    /// The textbook decoder over every allowed transition, for comparison.
    static func reference(_ e: [Float], _ tr: [Float], _ n: Int) -> [UInt8] {
        let t = Tags.count
        var s = [Float](repeating: -.infinity, count: n * t), back = [Int](repeating: 0, count: n * t)
        for j in 0..<t where Tags.allowed(nil, j) { s[j] = e[j] + tr[t * t + j] }
        for i in 1..<max(n, 1) {
            for j in 0..<t {
                for a in 0..<t where Tags.allowed(a, j) && s[(i - 1) * t + a] + tr[a * t + j] > s[i * t + j] - e[i * t + j] {
                    s[i * t + j] = s[(i - 1) * t + a] + tr[a * t + j] + e[i * t + j]
                    back[i * t + j] = a
                }
            }
        }
        var arg = (0..<t).filter { Tags.canEnd($0) }.max { s[(n - 1) * t + $0] < s[(n - 1) * t + $1] }!
        var out = [UInt8](repeating: 0, count: n)
        for i in stride(from: n - 1, through: 0, by: -1) {
            out[i] = UInt8(arg)
            arg = back[i * t + arg]
        }
        return out
    }

    @Test func decodesTheBestAllowedPath() {
        var rng = SplitMix(7)
        func uniform() -> Float { Float(rng.next() % 2000) / 100 - 10 }
        let t = Tags.count
        for n in [1, 2, 5, 17, 40] {
            for _ in 0..<20 {
                let e = (0..<(n * t)).map { _ in uniform() }
                let tr = TaggerModel.constrain((0..<((t + 1) * t)).map { _ in uniform() / 2 })
                var score: [Float] = [], back: [UInt8] = []
                let got = TaggerModel.viterbi(emission: e, transitions: tr, length: n, score: &score, back: &back)
                #expect(got == ViterbiTests.reference(e, tr, n))
                #expect(Tags.decode(got).allSatisfy { !$0.range.isEmpty })
            }
        }
    }
}
