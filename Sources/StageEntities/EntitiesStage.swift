// The entities stage: places (gazetteer + patterns, chains split), organisations by
// head noun with their place prefix, titles by composition, people from bylines and titles, and
// the relations HOLDS, PART_OF, LOCATED_IN and AUTHOR. Candidates of kind "ner" left by a
// statistical tagger are merged and then removed.
import Foundation
import ZhituCore

public struct EntitiesStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "entities", version: "1.0",
        summary: "PER/LOC/ORG/TITLE entities and HOLDS/PART_OF/LOCATED_IN/AUTHOR relations from a place gazetteer, title and organisation lexicons and byline rules; merges `ner` candidates.",
        requires: [.tokens, "ner"], produces: [.entities, .relations],
        options: [
            OptionSpec("gazetteer", .string, default: .string(""), help: "Gazetteer TSV (scripts/build-gazetteer.py format); empty = built-in."),
            OptionSpec("types", .strings, default: .strings(["PER", "LOC", "ORG", "TITLE"]), help: "Entity types to emit."),
            OptionSpec("use_ner", .bool, default: .bool(true), help: "Merge `ner` candidates from an earlier tagger stage."),
        ])

    /// The gazetteer and word lists, shared read-only by every document.
    let resources: EntityResources

    /// The gazetteer shipped with zhitu.
    public static var builtInGazetteer: URL? { Bundle.module.url(forResource: "gazetteer", withExtension: "tsv", subdirectory: "Resources") }

    public init(options: StageOptions, context: StageContext) throws {
        let path = options.string("gazetteer")
        let gazetteer: Gazetteer
        if path.isEmpty {
            guard let url = Self.builtInGazetteer else {
                throw LexiconError(file: "Resources/gazetteer.tsv", line: nil, message: "missing from the bundle")
            }
            gazetteer = try Gazetteer.builtIn(url)
            AdminTree.register(url)   // the graph places the records' places on the same tree
        } else {
            gazetteer = try Gazetteer(contentsOf: context.resolve(path))
            AdminTree.register(context.resolve(path))
        }
        try self.init(gazetteer: gazetteer, types: Set(options.strings("types")), useNER: options.bool("use_ner"))
    }

    init(gazetteer: Gazetteer, types: Set<String> = ["PER", "LOC", "ORG", "TITLE"], useNER: Bool = true) throws {
        resources = EntityResources(gazetteer: gazetteer, nationalBodies: try Self.list("national-bodies"), landmarks: try Self.list("landmarks"),
                                    knownPeople: try Self.list("known-people"),
                                    types: types, useNER: useNER, titles: try Titles.shipped())
    }

    /// A word list shipped in Resources/ (one entry per line, `#` comments).
    static func list(_ name: String) throws -> [String] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources") else {
            throw LexiconError(file: "Resources/\(name).txt", line: nil, message: "missing from the bundle; reinstall zhitu")
        }
        return try Lexicon(contentsOf: url).words
    }

    // MARK: - Spans

    struct Span {
        /// `role`: a byline role that is not a post (作者, 文/): its names are authors, it is no TITLE.
        enum Kind { case loc, org, title, per, role }
        var kind: Kind
        var start: Int
        var end: Int
        var unit: Int32? = nil
        /// For ORG: the place its name starts with (range), if any.
        var embedded: Range<Int>? = nil
        /// For TITLE: length of an organ prefix kept inside.
        var organ: Int = 0
        var fromPattern = false
    }

    public func process(_ doc: inout Document) throws {
        var ner: [Annotation] = []
        doc.annotations.removeAll { a in
            if a.kind.rawValue == "ner" { ner.append(a); return true }
            return false
        }
        if !resources.useNER { ner = [] }
        let b = Builder(res: resources, doc: doc, ner: ner)
        b.run()
        doc.annotations.append(contentsOf: b.output)
    }
}
