// `zhitu train`'s in-domain data: the train gold (entity strings per corpus-news document, no
// offsets) projected onto the documents' sentences, as the pipeline reads, normalises, splits
// and segments them at run time.
import Foundation
import StageNER
import ZhituCore
import ZhituStages

extension Train {
    /// Per annotated document (in order of first mention in the gold), its sentences tagged with
    /// the gold entity strings (`GoldProjection`).
    func loadTrainGold(_ goldDir: URL, corpus: URL, segment: any Stage) throws -> [[TaggedSentence]] {
        let file = goldDir.appendingPathComponent("train.entities.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { fail("cannot read \(file.path)", code: 1) }
        struct Record: Decodable { var doc: String; var kind: String; var type: String?; var text: String? }
        var order: [String] = [], entities: [String: [(text: String, type: Int)]] = [:]
        let decoder = JSONDecoder()
        for (n, raw) in text.split(separator: "\n").enumerated() where !raw.allSatisfy(\.isWhitespace) {
            guard let r = try? decoder.decode(Record.self, from: Data(raw.utf8)) else { fail("\(file.path):\(n + 1): not a gold record", code: 1) }
            guard r.kind == "entity", let t = r.type.flatMap({ Tags.types.firstIndex(of: $0) }), let s = r.text, !s.isEmpty else { continue }
            if entities[r.doc] == nil { order.append(r.doc) }
            entities[r.doc, default: []].append((s, t))
        }
        let stages = try ["read", "normalize", "sentences"].map { try makeStage($0) } + [segment]
        var docs: [[TaggedSentence]] = []
        for id in order {
            let path = corpus.appendingPathComponent(id + ".txt")
            guard let bytes = FileManager.default.contents(atPath: path.path) else { fail("cannot read \(path.path) (named in \(file.lastPathComponent))", code: 1) }
            var doc = Document(id: id, path: path.path, bytes: Array(bytes))
            for stage in stages { try stage.process(&doc) }
            var sentences: [TaggedSentence] = []
            for (s, sentence) in doc.sentences.enumerated() where sentence.end > sentence.start {
                let input = TaggerInput(text: doc.text[sentence.start..<sentence.end], tokens: doc.tokens(inSentence: s).map { $0.range })
                let spans = GoldProjection.spans(in: input.chars, entities: entities[id]!)
                sentences.append(TaggedSentence(input: input, tags: Tags.encode(spans, length: input.chars.count)))
            }
            docs.append(sentences)
        }
        say("\(file.lastPathComponent): \(docs.count) documents, \(docs.reduce(0) { $0 + $1.count }) sentences from \(corpus.path)")
        return docs
    }

    /// A built-in stage with its default options.
    func makeStage(_ name: String) throws -> any Stage {
        guard let type = StageRegistry.builtIn.type(named: name) else { fail("no `\(name)` stage in this build", code: 2) }
        return try type.init(options: StageOptions(specs: type.descriptor.options),
                             context: StageContext(baseDirectory: URL(fileURLWithPath: "."), instanceName: name, optionsPath: "\(name).options"))
    }
}
