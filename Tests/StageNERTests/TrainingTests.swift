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
        let places = PlaceGazetteer(names: ["西宁", "海口", "王明"], tags: ["", "", "PER"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ner-roundtrip-\(getpid()).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url, places: places)
        let (loaded, loadedPlaces) = try TaggerModel.load(url)
        #expect(loaded.featureCount == model.featureCount && loaded.unit == model.unit)
        #expect(loaded.transitions == model.transitions)
        #expect(loaded.small.bytes == model.small.bytes
                && memcmp(loaded.small.base, model.small.base, model.small.bytes) == 0)
        #expect(loaded.hot.slots == model.hot.slots && loaded.cold.slots == model.cold.slots)
        #expect(loaded.hot.tagBytes == model.hot.tagBytes && loaded.cold.tagBytes == model.cold.tagBytes)
        #expect(zip(loaded.grams, model.grams).allSatisfy { $0.slots == $1.slots && $0.tagBytes == $1.tagBytes })
        for s in try toyCorpus() { #expect(loaded.tag(s.input) == model.tag(s.input)) }
        let probe = Array("王明到西宁".unicodeScalars.map(\.value))
        #expect(loadedPlaces.count == 3 && loadedPlaces.marks(probe) == places.marks(probe))
        // writing is deterministic: the loaded model writes the same bytes
        #expect(loaded.image(places: loadedPlaces) == model.image(places: places))
    }

    /// A model of the older format (rows only, its place list beside it) loads as before and
    /// converts to the same tables.
    @Test func anOlderModelFileLoadsWithItsPlaceList() throws {
        let model = TaggerModel(PerceptronTrainer(epochs: 5, minCount: 1).train(try toyCorpus()))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ner-legacy-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("old.model")
        let rows = try #require(model.rows)
        var d = Data(TaggerModel.magic)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) } }
        for v in [Tags.count, Features.count, model.featureCount] { u32(UInt32(v)) }
        for v in model.rawTransitions { u32(v.bitPattern) }
        rows.keys32.withUnsafeBytes { d.append(contentsOf: $0) }
        d.append(contentsOf: rows.templates)
        rows.scales.withUnsafeBytes { d.append(contentsOf: $0) }
        rows.quantized.withUnsafeBytes { d.append(contentsOf: $0) }
        try d.write(to: url)
        try "# names\n西宁\n王明\tPER\n".write(to: NERStage.placesURL(forModel: url), atomically: true, encoding: .utf8)
        let (old, places) = try TaggerModel.load(url)
        #expect(places.count == 2)
        #expect(old.image(places: places) == model.image(places: places))
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

    @Test func aTruncatedOrForeignModelFileIsAOneLineErrorNamingIt() throws {
        let model = TaggerModel(PerceptronTrainer(epochs: 1, minCount: 1).train(try toyCorpus()))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ner-truncated-\(getpid()).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.write(to: url, places: PlaceGazetteer(names: ["西宁"]))
        let data = try Data(contentsOf: url)
        func message(_ bytes: Data) throws -> String {
            try bytes.write(to: url)
            do { _ = try TaggerModel.load(url) } catch { return "\(error)" }
            return ""
        }
        for bad in [data.prefix(data.count - 5), data.prefix(100), data.prefix(7), Data("not a model\n".utf8), data + Data([0])] {
            let m = try message(bad)
            #expect(m.hasPrefix(url.path + ": ") && !m.contains("\n"), "\(m)")
        }
        #expect(try message(data.prefix(data.count - 5)).contains("truncated"))
        #expect(try message(Data("ZTNER09\n".utf8) + data.dropFirst(8)).contains("another format version"))
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
