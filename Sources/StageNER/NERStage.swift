// The `ner` stage: a character tagger (averaged perceptron, trained on MSRA news NER and the
// train gold) proposes PER/LOC/ORG/TITLE candidates in every sentence; the entities stage
// decides which become records.
import Foundation
import ZhituCore

public struct NERStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "ner", version: "2.0",
        summary: "Statistical PER/LOC/ORG/TITLE tagger over characters and ICU tokens; adds `ner` candidate annotations.",
        requires: [.tokens], produces: ["ner"],
        options: [
            OptionSpec("model", .string, default: .string(""),
                       help: "Tagger model file X.model (from `zhitu train`, which puts the place list in it; a model of an older format reads X.places.txt beside it), relative to pipeline.json; empty: the shipped model."),
            // ORG proposals helped one dev half and hurt the other: off unless asked for
            OptionSpec("types", .strings, default: .strings(["PER", "LOC", "TITLE"]), help: "Entity types to propose (PER, LOC, ORG, TITLE)."),
        ])

    public let model: TaggerModel
    public let gazetteer: PlaceGazetteer
    let emit: [Bool]

    public init(options: StageOptions, context: StageContext) throws {
        let path = options.string("model")
        let url = path.isEmpty ? try NERStage.shippedModelURL() : context.resolve(path)
        (model, gazetteer) = try TaggerModel.load(url)
        let types = options.strings("types")
        for t in types where !Tags.types.contains(t) {
            throw StageFailure("\(context.optionsPath).types: unknown type \"\(t)\" (expected one of \(Tags.types.joined(separator: ", ")))")
        }
        emit = Tags.types.map { types.contains($0) }
    }

    public init(model: TaggerModel, gazetteer: PlaceGazetteer, types: [String] = Tags.types) {
        self.model = model
        self.gazetteer = gazetteer
        emit = Tags.types.map { types.contains($0) }
    }

    /// The model and place list shipped in Resources.
    public static func shipped(types: [String] = Tags.types) throws -> NERStage {
        let (model, places) = try TaggerModel.load(try shippedModelURL())
        return NERStage(model: model, gazetteer: places, types: types)
    }

    static func shippedModelURL() throws -> URL {
        guard let url = Bundle.module.url(forResource: "ner-msra", withExtension: "model", subdirectory: "Resources") else {
            throw StageFailure("StageNER/Resources/ner-msra.model is missing from the build; reinstall zhitu")
        }
        return url
    }

    /// `X.places.txt` beside `X.model`: the place list the model was trained with, readable
    /// (a ZTNER04 model holds it too; a ZTNER03 model is read with it).
    public static func placesURL(forModel url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("places.txt")
    }

    public func process(_ doc: inout Document) throws {
        var scratch = TaggerModel.Scratch()
        for (s, sentence) in doc.sentences.enumerated() where sentence.end > sentence.start {
            let input = TaggerInput(text: doc.text[sentence.start..<sentence.end],
                                    tokens: doc.tokens(inSentence: s).map { $0.range }, gazetteer: gazetteer)
            let tags = model.tag(input, scratch: &scratch)
            for span in Tags.decode(tags) where emit[span.type] {
                let range = (sentence.start + span.range.lowerBound)..<(sentence.start + span.range.upperBound)
                doc.annotate("ner", range, type: Tags.types[span.type])
            }
        }
    }
}
