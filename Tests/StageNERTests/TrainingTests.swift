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
        #expect(loaded.quantized == model.quantized && loaded.scales == model.scales)
        #expect(loaded.hot.bytes == model.hot.bytes && loaded.cold.bytes == model.cold.bytes)
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
        #expect(split.cold.bytes.contains { $0 != 0 })
        for k in weights.keys { #expect(split.rowWeights(k) == allHot.rowWeights(k)) }
        for s in try toyCorpus() { #expect(split.tag(s.input) == allHot.tag(s.input)) }
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
        #expect(score.truePositives == [1, 0, 0])
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
