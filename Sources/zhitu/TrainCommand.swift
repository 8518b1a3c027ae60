// `zhitu train`: trains the `ner` stage's character tagger on the MSRA corpus in the datasets
// folder and the train gold (in-domain, with titles), prunes and quantises it, writes the
// model, and scores it on the MSRA test set.
import ArgumentParser
import Foundation
import StageNER
import ZhituCore
import ZhituStages

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the NER tagger (the `ner` stage's model) on MSRA and the train gold.",
        discussion: """
        Reads msra.train.jsonl (and msra.test.jsonl for the scores) from the datasets folder, and \
        the train gold (train.entities.jsonl: entity strings per corpus-news article, PER/LOC/ORG/TITLE), \
        found at gold/train and corpus-news beside the datasets folder unless --train-gold and \
        --corpus say otherwise. Each gold string is marked wherever it occurs in its article \
        (longest first), and the article's sentences count --gold-repeat times, as they are in \
        the domain the tagger serves. MSRA marks no titles, so on MSRA sentences a predicted TITLE \
        over unannotated text is neither rewarded nor punished. Every sentence is segmented with \
        the `segment` stage (as at run time); an averaged perceptron is trained, the strongest \
        features kept, and the int8 model file written. The MSRA test score counts PER/LOC/ORG.

        The datasets and the gold live in ../shared, beside the repository (not shipped). \
        Training takes about two minutes with a release build.

        Examples:
          zhitu train --data ../shared/datasets \\
            --output Sources/StageNER/Resources/ner-msra.model
          zhitu train --data ../shared/datasets --train-gold ../shared/gold/train \\
            --corpus ../shared/corpus-news --output /tmp/ner.model
          zhitu train --convert --output old.model
        """)

    @Option(name: .long, help: "Folder holding msra.train.jsonl and msra.test.jsonl.") var data: String?
    @Flag(name: .long, help: "Do not train: rewrite the model at --output (and the place list beside an older one) in the current file format.") var convert = false
    @Option(name: .long, help: "Model file to write.") var output: String
    @Option(name: .long, help: "Folder holding train.entities.jsonl (default: gold/train beside the datasets folder, if there).") var trainGold: String?
    @Option(name: .long, help: "Folder of the articles the train gold annotates (default: corpus-news beside the datasets folder).") var corpus: String?
    @Option(name: .long, help: "How many times the train gold's sentences count (0: MSRA alone).") var goldRepeat = 2
    @Option(name: .long, help: "Training epochs.") var epochs = 16
    @Option(name: .long, help: "Drop features seen fewer times in training.") var minCount = 2
    @Option(name: .long, help: "Keep at most this many features (the strongest).") var maxFeatures = 200_000
    @Option(name: .long, help: "Train on the first N sentences only (0: all).") var limit = 0
    @Flag(name: .long, help: "Skip scoring on msra.test.jsonl.") var noEval = false
    @Flag(name: .long, help: "Do not train: score the existing model at --output on msra.test.jsonl.") var evalOnly = false
    @Option(name: .long, help: "Write the test-set predictions (JSON Lines) here.") var predictions: String?

    struct Line: Decodable {
        struct Entity: Decodable { var start: Int; var end: Int; var label: String }
        var text: String
        var entities: [Entity]
    }

    func run() throws {
        let url = URL(fileURLWithPath: output)
        if convert {
            // the tables are built from the rows exactly as training builds them: the same model
            do {
                let (model, places) = try TaggerModel.load(url)
                try model.write(to: url, places: places)
                return say("wrote \(output): \(model.featureCount) features, \(places.count) names in its place list")
            } catch { fail("\(error)", code: 1) }
        }
        guard let data else { fail("train: --data is required (the folder of msra.train.jsonl), unless --convert", code: 64) }
        let segment = try makeStage("segment")
        let dir = URL(fileURLWithPath: data)
        let tsvURL = dir.appendingPathComponent("admin-divisions.tsv")
        guard let tsv = try? String(contentsOf: tsvURL, encoding: .utf8) else { fail("cannot read \(tsvURL.path)", code: 1) }
        let places = PlaceGazetteer.derive(fromAdminDivisions: tsv)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let placesURL = NERStage.placesURL(forModel: url)
        if evalOnly { return try evaluate(url, dir, segment, try PlaceGazetteer(contentsOf: placesURL)) }
        var msra = try load(dir.appendingPathComponent("msra.train.jsonl"), segment, PlaceGazetteer(names: places))
        if limit > 0 && msra.count > limit { msra.removeLast(msra.count - limit) }
        // MSRA marks no titles: its O says nothing about TITLE (PerceptronTrainer.partialGold).
        let title = Tags.types.firstIndex(of: "TITLE")!
        for i in msra.indices { msra[i].unannotated = [title] }
        var gold: [[TaggedSentence]] = []
        if goldRepeat > 0, let goldDir = trainGoldFolder(dir) {
            gold = try loadTrainGold(goldDir, corpus: corpusFolder(dir), segment: segment)
        }
        // Names the corpora annotate join the list. A training sentence sees only the names of
        // the other half of the data (as a new text sees only names from training), so the model
        // learns how far a listed name can be trusted. Train documents are halved whole: their
        // sentences repeat, and a copy must not see its own names.
        func gazetteer(_ named: [TaggedSentence]) -> PlaceGazetteer {
            let n = PlaceGazetteer.names(annotatedIn: named)
            return PlaceGazetteer(names: places + n.names, tags: Array(repeating: "", count: places.count) + n.tags)
        }
        let halves = [0, 1].map { (h: Int) -> PlaceGazetteer in
            let other: [TaggedSentence] = msra.indices.filter { $0 % 2 != h }.map { msra[$0] }
            let otherDocs: [TaggedSentence] = gold.indices.filter { $0 % 2 != h }.flatMap { gold[$0] }
            return gazetteer(other + otherDocs)
        }
        for i in msra.indices { msra[i].input.places = halves[i % 2].marks(msra[i].input.chars) }
        for d in gold.indices { for i in gold[d].indices { gold[d][i].input.places = halves[d % 2].marks(gold[d][i].input.chars) } }
        let goldSentences = gold.flatMap { $0 }
        let all = PlaceGazetteer.names(annotatedIn: msra + goldSentences)
        let header = "# Names for the ner tagger's gazetteer feature, written by `zhitu train`: places (province to county, short forms; no tag)\n"
            + "# and the names the training data annotates (with their type): the MSRA corpus and the train gold (gold/train).\n"
            + "# Place names derived from JioNLP's china_location dictionary (Apache-2.0).\n"
        let lines = places + zip(all.names, all.tags).map { "\($0)\t\($1)" }
        try (header + lines.joined(separator: "\n") + "\n").write(to: placesURL, atomically: true, encoding: .utf8)
        say("wrote \(placesURL.path): \(places.count) place names, \(all.names.count) annotated names")
        // the in-domain documents count `goldRepeat` times
        let train = msra + (0..<goldRepeat).flatMap { _ in goldSentences }
        let started = Date()
        let trainer = PerceptronTrainer(epochs: epochs, minCount: minCount) { say($0) }
        let weights = trainer.train(train)
        say(String(format: "trained in %.1fs", Date().timeIntervalSince(started)))
        let pruned = weights.pruned(maxFeatures: maxFeatures)
        let model = TaggerModel(pruned)
        // the place list read back from its file: what the model holds is what the file says
        try model.write(to: url, places: try PlaceGazetteer(contentsOf: placesURL))
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        say("wrote \(output): \(model.featureCount) features, \(size) bytes")
        if noEval { return }
        try evaluate(url, dir, segment, try PlaceGazetteer(contentsOf: placesURL))
    }

    /// --train-gold, else gold/train beside the datasets folder if it is there.
    func trainGoldFolder(_ datasets: URL) -> URL? {
        if let g = trainGold { return URL(fileURLWithPath: g) }
        let beside = datasets.deletingLastPathComponent().appendingPathComponent("gold/train")
        guard FileManager.default.fileExists(atPath: beside.appendingPathComponent("train.entities.jsonl").path) else {
            say("no train gold at \(beside.path): training on MSRA alone")
            return nil
        }
        return beside
    }

    /// --corpus, else corpus-news beside the datasets folder.
    func corpusFolder(_ datasets: URL) -> URL {
        corpus.map { URL(fileURLWithPath: $0) } ?? datasets.deletingLastPathComponent().appendingPathComponent("corpus-news")
    }

    func evaluate(_ url: URL, _ dir: URL, _ segment: any Stage, _ gazetteer: PlaceGazetteer) throws {
        let loadStart = Date()
        let loaded = try TaggerModel(contentsOf: url)
        say(String(format: "model loads in %.3fs", Date().timeIntervalSince(loadStart)))
        let test = try load(dir.appendingPathComponent("msra.test.jsonl"), segment, gazetteer)
        var score = SpanScore()
        var scratch = TaggerModel.Scratch()
        var predicted: [[UInt8]] = []
        predicted.reserveCapacity(test.count)
        let t0 = Date()
        for s in test { predicted.append(loaded.tag(s.input, scratch: &scratch)) }
        let seconds = Date().timeIntervalSince(t0)
        let chars = test.reduce(0) { $0 + $1.tags.count }
        var dump = ""
        // MSRA marks no titles: predicted titles are left out of its score
        let title = Tags.types.firstIndex(of: "TITLE")!
        for (s, p) in zip(test, predicted) {
            score.add(gold: Tags.decode(s.tags), predicted: Tags.decode(p).filter { $0.type != title })
            if predictions != nil {
                let text = String(scalars: s.input.chars.compactMap(Unicode.Scalar.init))
                let spans = Tags.decode(p).map { ["start": $0.range.lowerBound, "end": $0.range.upperBound, "label": Tags.types[$0.type]] as [String: Any] }
                let obj: [String: Any] = ["text": text, "entities": spans]
                dump += String(decoding: try JSONSerialization.data(withJSONObject: obj), as: UTF8.self) + "\n"
            }
        }
        if let path = predictions { try dump.write(toFile: path, atomically: true, encoding: .utf8) }
        print("MSRA test (\(test.count) sentences):\n" + score.report)
        print(String(format: "tagging: %d characters in %.2fs = %.0f chars/s (features + Viterbi, one thread)", chars, seconds, Double(chars) / seconds))
    }

    func say(_ s: String) { FileHandle.standardError.write(Data("zhitu train: \(s)\n".utf8)) }

    func load(_ url: URL, _ segment: any Stage, _ gazetteer: PlaceGazetteer) throws -> [TaggedSentence] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { fail("cannot read \(url.path)", code: 1) }
        let decoder = JSONDecoder()
        var out: [TaggedSentence] = []
        for (n, raw) in text.split(separator: "\n").enumerated() {
            guard let line = try? decoder.decode(Line.self, from: Data(raw.utf8)) else { fail("\(url.path):\(n + 1): not a {text, entities} line", code: 1) }
            let scalars = line.text.unicodeScalars.map { Unicode.Scalar(Features.fold($0.value))! }
            var doc = Document(id: "msra\(n)", path: url.path, bytes: [])
            doc.original = scalars
            doc.resetText()
            doc.sentences = [Sentence(start: 0, end: scalars.count)]
            try segment.process(&doc)
            let input = TaggerInput(text: doc.text[...], tokens: doc.tokens.map { $0.range }, gazetteer: gazetteer)
            let spans = line.entities.compactMap { e -> (type: Int, range: Range<Int>)? in
                guard let t = Tags.types.firstIndex(of: e.label), e.start < e.end, e.end <= scalars.count else { return nil }
                return (t, e.start..<e.end)
            }
            out.append(TaggedSentence(input: input, tags: Tags.encode(spans, length: scalars.count)))
        }
        say("\(url.lastPathComponent): \(out.count) sentences")
        return out
    }
}
