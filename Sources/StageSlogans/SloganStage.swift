// The `slogans` stage: coined formulations (提法) — quoted coinages, numbered formulas, fixed
// parallel formulas, lexicon formulations and place-branded goals — with VARIANT_OF links.
import Foundation
import ZhituCore

public struct SloganStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "slogans", version: "1.0",
        summary: "Slogans (提法): quoted coinages, numbered and parallel formulas, lexicon formulations; VARIANT_OF links.",
        requires: [.sentences, .tokens], produces: [.slogans],
        options: [
            OptionSpec("builtin_lexicon", .bool, default: .bool(true), help: "Use the shipped lexicon of established national formulations."),
            OptionSpec("lexicons", .strings, default: .strings([]), help: "User lexicon files of formulations (one per line), relative to pipeline.json."),
            OptionSpec("parallel", .bool, default: .bool(true), help: "Find unquoted parallel formulas (小事不出村、大事不出乡)."),
            OptionSpec("numbered", .bool, default: .bool(true), help: "Find unquoted numbered formulas (四抓四防, 1+10+X)."),
            OptionSpec("variants", .bool, default: .bool(true), help: "Emit VARIANT_OF relations between a short and a long form."),
            OptionSpec("drop_inner_quotes", .bool, default: .bool(true),
                       help: "Record “五治”融合 as 五治融合: the formula without the quote marks inside it (the offsets still cover the whole source span)."),
        ])

    public let rules: SloganRules
    let parallel: Bool, numbered: Bool, variants: Bool
    let dropInnerQuotes: Bool

    public init(options: StageOptions, context: StageContext) throws {
        var words: [String] = [], quotedWords: [String] = [], notWords: [String] = []
        if options.bool("builtin_lexicon") {
            // `quoted` entries are evidence for a quoted span only (see scripts/slogan_lexicon.py).
            for e in try Self.resource("formulations").entries {
                switch e.tag {
                case "quoted": quotedWords.append(e.word)
                case "not": notWords.append(e.word)
                default: words.append(e.word)
                }
            }
        }
        for path in options.strings("lexicons") { words += try Lexicon(contentsOf: context.resolve(path)).words }
        let places = Set(try Self.resource("places").words)
        let model = try QuoteModel(Self.resource("quote-model", ext: "tsv"), file: "StageSlogans/Resources/quote-model.tsv")
        let common = try CommonWords.builtIn(Self.url("common-words"))
        self.init(rules: SloganRules(lexicon: words, quoted: quotedWords, not: notWords, places: places, model: model, commonWords: common), parallel: options.bool("parallel"),
                  numbered: options.bool("numbered"), variants: options.bool("variants"),
                  dropInnerQuotes: options.bool("drop_inner_quotes"))
    }

    public init(rules: SloganRules, parallel: Bool = true, numbered: Bool = true, variants: Bool = true,
                dropInnerQuotes: Bool = false) {
        self.dropInnerQuotes = dropInnerQuotes
        self.rules = rules
        self.parallel = parallel
        self.numbered = numbered
        self.variants = variants
    }

    static func resource(_ name: String, ext: String = "txt") throws -> Lexicon {
        try Lexicon(contentsOf: url(name, ext: ext))
    }

    static func url(_ name: String, ext: String = "txt") throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources") else {
            throw LexiconError(file: "StageSlogans/Resources/\(name).\(ext)", line: nil, message: "missing from the build; reinstall zhitu")
        }
        return url
    }

    public func process(_ doc: inout Document) throws {
        var found: [Range<Int>] = []
        // A nickname (称呼她“…”) is one wherever the document quotes it again.
        var nicknames = Set<String>()
        for s in doc.sentences where s.kind != .furniture {
            found += spans(doc.text, s.start..<s.end)
            nicknames.formUnion(rules.nicknames(doc.text, s.start..<s.end))
        }
        var seen = Set<Range<Int>>()
        var texts: [String: Range<Int>] = [:]
        for found in found.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) {
            // An extended quote (“五治”融合) spans its closing mark, a nested one (马背上的‘刮碗子’) has
            // inner marks: with drop_inner_quotes they are dropped from the text; otherwise the
            // record must be a clean source span, so the extension is cut at the mark (五治, 八五)
            // and a span with marks inside is left out.
            var r = found
            let drop = dropInnerQuotes
            if !drop, let m = r.dropLast().firstIndex(where: { "“”‘’".unicodeScalars.contains(doc.text[$0]) }), m > r.lowerBound {
                guard doc.text[m] == "”" || doc.text[m] == "’", !doc.text[r.lowerBound..<m].contains(where: { "“”‘’".unicodeScalars.contains($0) }) else { continue }
                r = r.lowerBound..<m
            }
            guard seen.insert(r).inserted else { continue }
            if !nicknames.isEmpty, nicknames.contains(doc.text.string(r)) { continue }
            doc.annotate(.slogan, r) { a in if drop { a.text.unicodeScalars.removeAll(where: { "“”‘’".unicodeScalars.contains($0) }) } }
            texts[doc.annotations.last!.text] = texts[doc.annotations.last!.text] ?? r
        }
        if variants { linkVariants(&doc, texts) }
    }

    static let connectors: Set<Unicode.Scalar> = Set("、和与及到再以或至，,".unicodeScalars)

    /// Slogan spans of one sentence.
    public func spans(_ t: [Unicode.Scalar], _ b: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var quoted: [Range<Int>] = []
        var coined: [Range<Int>] = []  // quotes classified as coinages or designations
        var open: Int?
        var outer: Int?  // an open “ while a nested ‘ quote is read
        var lastClose = -10
        // Contents of the current chain of adjacent quotes that the rules took for metaphors: a
        // designation (an award, honour) or speech stays what it is.
        var chain: [Range<Int>] = []
        var chainKnown = false  // the chain holds a lexicon formulation
        // Metaphor-class quotes of the current list of quotes joined by 、 or nothing, and
        // whether the list has a coinage.
        var list: [Range<Int>] = []
        var listCoined = false
        // Earlier members of a list or chain found to be coinages after all (their contents).
        func promote(_ members: [Range<Int>]) {
            for m in members where !out.contains(m) {
                out.append(m)
                coined.append((m.lowerBound - 1)..<(m.upperBound + 1))
            }
        }
        for i in b {
            switch t[i] {
            case "“": open = i; outer = i
            case "‘": open = i
            case "”", "’":
                guard let o = open else { continue }
                // Quotes joined by connectors (“A”“B”, “A”和“B”, 从“A”到“B”再到“C”) form one chain.
                // (A quote that opened before the last one closed, “…‘A’…”, ends any chain.)
                if o <= lastClose || o - lastClose > 3 || !t[(lastClose + 1)..<o].allSatisfy({ Self.connectors.contains($0) }) { chain = []; chainKnown = false }
                // A list of quotes (“A”、“B”, “A”“B”) names things of one kind: in the train
                // excerpts every such list is all slogans or none (15 lists), so a member the
                // model takes for a coinage carries the list's metaphor-class members with it.
                if o <= lastClose || o - lastClose > 2 || !t[(lastClose + 1)..<o].allSatisfy({ $0 == "、" }) { list = []; listCoined = false }
                var c = rules.classifyQuote(t, open: o, close: i, bounds: b)
                // A ‘quote’ inside speech right after punctuation is the speaker's colour, whatever
                // its neighbours are: it neither takes nor gives a list's or chain's class.
                let colour = t[o] == "‘" && outer != nil && o > b.lowerBound && Chars.isSeparator(t[o - 1])
                    && !rules.lexiconWords.contains(t.string((o + 1)..<i))
                if colour {
                    c = .metaphor
                } else {
                    if c.isCoinage {
                        promote(list)
                        list = []
                        listCoined = true
                    } else if listCoined, c == .metaphor {
                        c = .coinage((o + 1)..<i)
                    }
                    // A chain with an established formulation in it (“黄赌毒”、“A”) lists formulations
                    // of its kind: its other metaphor-class members are coinages too (in the train
                    // excerpts and seeds every member of such a chain is a slogan).
                    if c.isCoinage && rules.lexiconWords.contains(t.string((o + 1)..<i)) {
                        promote(chain)
                        chainKnown = true
                    } else if chainKnown, c == .metaphor {
                        c = .coinage((o + 1)..<i)
                    }
                    // “A”“B”机制: a strong coinage closing a chain makes its earlier members coinages too.
                    if c.isCoinage, !chain.isEmpty, rules.isStrongCoinage(t, open: o, close: i, bounds: b) { promote(chain) }
                }
                if c == .metaphor { chain.append((o + 1)..<i); list.append((o + 1)..<i) }
                if let r = c.range {
                    out.append(r)
                    // An extended numbered quote (“五治”融合) is also its own short variant (五治).
                    if r.upperBound > i, rules.isNumberedNoun(t, (o + 1)..<i) { out.append((o + 1)..<i) }
                }
                quoted.append(o..<(i + 1))
                if c.isCoinage || c == .designation { coined.append(o..<(i + 1)) }
                lastClose = i
                open = nil
                if t[i] == "”" { outer = nil } else if outer != nil { open = outer }
            default: break
            }
        }
        // Unquoted rules skip text inside quotes.
        // Formulas inside speech count (事事有回应、件件有着落 in an official's words).
        func outsideQuotes(_ r: Range<Int>) -> Bool { !coined.contains(where: { $0.overlaps(r) }) }
        if numbered { out += rules.numberedFormulas(t, b).filter(outsideQuotes) }
        if parallel { out += rules.parallelFormulas(t, b).filter(outsideQuotes) }
        if parallel { out += rules.maxims(t, b).filter(outsideQuotes) }
        if parallel { out += rules.meansMaxims(t, b).filter(outsideQuotes) }
        if parallel { out += rules.similes(t, b).filter(outsideQuotes) }
        // Lexicon matches inside a quote count only as the whole quote (not 马上办 in “有诉必应马上办”).
        // Inside speech they count (盗抢骗 in a resident's words).
        out += rules.lexiconMatches(t, b).filter { r in !coined.contains(where: { $0.overlaps(r) && !((($0.lowerBound + 1)..<($0.upperBound - 1)) == r) }) }
        return out
    }

    /// VARIANT_OF from a slogan to a longer slogan of the same document that starts with it
    /// (五治 → 五治融合) or ends with it after a lead of 3+ characters (平安青海 → 建设更高水平的平安青海).
    func linkVariants(_ doc: inout Document, _ texts: [String: Range<Int>]) {
        // Candidates share the first or the last character: group instead of comparing all pairs.
        var byFirst: [Unicode.Scalar: [String]] = [:], byLast: [Unicode.Scalar: [String]] = [:]
        for k in texts.keys {
            guard let f = k.unicodeScalars.first, let l = k.unicodeScalars.last else { continue }
            byFirst[f, default: []].append(k)
            byLast[l, default: []].append(k)
        }
        for short in texts.keys.sorted() where short.count >= 2 {
            guard let r = texts[short] else { continue }
            var tails = Set<String>()
            for long in byFirst[short.unicodeScalars.first!] ?? [] where long.count > short.count && long.hasPrefix(short) { tails.insert(long) }
            for long in byLast[short.unicodeScalars.last!] ?? [] where long.count > short.count + 2 && long.hasSuffix(short) { tails.insert(long) }
            for long in tails.sorted() {
                doc.annotate(.variant, r, type: "VARIANT_OF") { $0.head = short; $0.tail = long }
            }
        }
    }

}
