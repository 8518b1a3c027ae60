// The `terms` stage (runs after `slogans`, whose spans it leaves alone): policy terms — the shipped glossary, plus discovery of candidate noun
// phrases over ICU tokens that end in a governance head (治理, 管理, 体系, 保卫战 …) and are
// scored for termhood against a background frequency table built from official documents.
import Foundation
import ZhituCore

public struct TermStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "terms", version: "1.0",
        summary: "Policy terms: shipped glossary plus discovery scored against a background table of official documents.",
        requires: [.sentences, .tokens, .slogans], produces: [.terms],
        options: [
            OptionSpec("builtin_glossary", .bool, default: .bool(true), help: "Use the shipped glossary of national policy vocabulary."),
            OptionSpec("glossaries", .strings, default: .strings([]), help: "User glossary files (one term per line), relative to pipeline.json."),
            OptionSpec("stop_lists", .strings, default: .strings([]), help: "User stop lists: phrases never recorded as terms."),
            OptionSpec("discovery", .bool, default: .bool(true), help: "Discover terms beyond the glossary."),
            OptionSpec("min_frequency", .int, default: .int(1), help: "Occurrences in a document a discovered term needs.", range: 1...100),
            OptionSpec("threshold", .double, default: .double(1.0),
                       help: "Termhood score a discovered term needs (background support of its parts).", range: 0...10),
        ])

    public let model: TermModel
    let minFrequency: Int

    public init(options: StageOptions, context: StageContext) throws {
        var glossary: [String] = [], stop: [String] = []
        if options.bool("builtin_glossary") { glossary += try Self.resource("glossary", "txt").words }
        for p in options.strings("glossaries") { glossary += try Lexicon(contentsOf: context.resolve(p)).words }
        stop += try Self.resource("stoplist", "txt").words
        for p in options.strings("stop_lists") { stop += try Lexicon(contentsOf: context.resolve(p)).words }
        let bg = try Background.builtIn(try Self.url("background", "tsv"))
        model = TermModel(glossary: glossary, stop: stop, background: bg, discovery: options.bool("discovery"),
                          threshold: options.double("threshold"))
        minFrequency = options.int("min_frequency")
    }

    public init(model: TermModel, minFrequency: Int = 1) {
        self.model = model
        self.minFrequency = minFrequency
    }

    static func url(_ name: String, _ ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources") else {
            throw LexiconError(file: "StageTerms/Resources/\(name).\(ext)", line: nil, message: "missing from the build; reinstall zhitu")
        }
        return url
    }

    static func resource(_ name: String, _ ext: String) throws -> Lexicon { try Lexicon(contentsOf: try url(name, ext)) }

    public func process(_ doc: inout Document) throws {
        var found: [(Range<Int>, Bool)] = []
        for (si, s) in doc.sentences.enumerated() where s.kind != .furniture {
            found += model.terms(doc.text, doc.tokens(inSentence: si), s.start..<s.end)
        }
        // Discovered terms need min_frequency occurrences in the document (every found span
        // occurs once, so at 1 there is nothing to count).
        var counts: [String: Int] = [:]
        if minFrequency > 1 { for (r, _) in found { counts[doc.string(r), default: 0] += 1 } }
        // A span the slogans stage recorded is a slogan (“平安家庭”, “乡村治理”行动), and a
        // discovered candidate that overlaps a slogan is part of a formula, not a term. A glossary
        // term inside a compact slogan (one name: …就是金山银山, 社会主义现代化新+place) is part of
        // the name; inside a list or clause formula (…、公益诉讼; …，着力推动高质量发展) it is a
        // phrase of its own and stays a term. (Train: inside compact slogans, 9 such matches are
        // not terms and 2 are; inside list or clause formulas, 12 are not and 7 are.)
        let slogans = doc.annotations.filter { $0.kind == .slogan }.map { $0.start..<$0.end }
        let compact = slogans.filter { !doc.text[$0].contains(where: { "、，,；;".unicodeScalars.contains($0) }) }
        for (r, fromGlossary) in found where fromGlossary || minFrequency <= 1 || counts[doc.string(r), default: 0] >= minFrequency {
            if slogans.contains(where: { $0 == r || (!fromGlossary && $0.overlaps(r)) }) { continue }
            if fromGlossary, compact.contains(where: { $0.lowerBound <= r.lowerBound && r.upperBound <= $0.upperBound }) { continue }
            doc.annotate(.term, r)
        }
    }
}
