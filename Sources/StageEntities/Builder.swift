// Per-document working state of the entities stage: gazetteer matches, token boundaries, the
// spans found so far, and the order in which the rules run.
import Foundation
import ZhituCore

/// Gazetteer matches at every position of the sentences, ending inside the sentence, found once
/// per document (both passes over the places and their context checks ask for the same
/// positions) and stored in one flat array rather than an array per position.
struct PlaceMatches {
    private var items: [(end: Int, form: Int)] = []
    /// `items[first[i]..<first[i + 1]]` are the matches starting at `i`, shortest first.
    private var first: [Int32]

    init(_ g: Gazetteer, _ text: [Unicode.Scalar], _ sentences: [Sentence]) {
        first = [Int32](repeating: 0, count: text.count + 2)
        var p = 0
        for s in sentences {
            while p < s.end {
                first[p] = Int32(items.count)
                if p >= s.start, g.trie.mayStart(with: text[p]) {   // inlined: most positions start no name
                    g.trie.forEachMatch(in: text, from: p, limit: s.end) { items.append(($0, Int($1))) }
                }
                p += 1
            }
        }
        while p < first.count { first[p] = Int32(items.count); p += 1 }
    }

    func at(_ i: Int) -> ArraySlice<(end: Int, form: Int)> { items[Int(first[i])..<Int(first[i + 1])] }
}

/// Per-document working state. A class: the rules call each other per character, and a struct
/// this size would be copied (with a retain of every field) into each non-mutating call.
final class Builder {
    typealias Span = EntitiesStage.Span
    let res: EntityResources
    let doc: Document
    let text: [Unicode.Scalar]
    let ner: [Annotation]
    /// Per sentence, the indices in `ner` of the candidates inside it, in order.
    let nerInSentence: [[Int]]
    /// Per position, the end of the first `PER` candidate of at most 5 characters starting there, or -1.
    let nerPersonEnd: [Int]
    var spans: [Span] = []
    var output: [Annotation] = []
    var emitted = Set<String>()
    /// Texts of the places found, for PART_OF of a place embedded in an ORG.
    var locTexts: Set<String> = []
    /// Leaders named before their title (习近平总书记), for HOLDS.
    var leaderTitles: [(Range<Int>, Range<Int>)] = []
    /// Units named in the document, for disambiguation.
    var docUnits = Set<Int32>()
    /// Places found by pattern inside chains, recognised anywhere else in the document.
    var chainPlaces = Set<String>()
    var knownPlaces = Trie([])
    /// Token boundaries (start or end of an ICU/lexicon token).
    var boundary: [Bool]
    /// Multi-character tokens as start << 32 | end.
    var words: TokenSpans
    let placeMatches: PlaceMatches
    /// The gazetteer, held here so that the per-position look-ups do not copy it out of `res`.
    let g: Gazetteer

    init(res: EntityResources, doc: Document, ner: [Annotation]) {
        self.res = res
        self.g = res.gazetteer
        self.doc = doc
        self.text = doc.text
        self.ner = ner
        var inSentence = [[Int]](repeating: [], count: doc.sentences.count)
        for (k, c) in ner.enumerated() where c.end > c.start {
            // Sentences are ordered and disjoint: only the one holding its start can hold it.
            if let s = doc.sentenceIndex(at: c.start), c.end <= doc.sentences[s].end { inSentence[s].append(k) }
        }
        nerInSentence = inSentence
        var personEnd = [Int](repeating: -1, count: doc.text.count + 1)
        for c in ner where c.type == "PER" && c.end - c.start <= 5 && (0...doc.text.count).contains(c.start) && personEnd[c.start] < 0 {
            personEnd[c.start] = c.end
        }
        nerPersonEnd = personEnd
        var b = [Bool](repeating: doc.tokens.isEmpty, count: doc.text.count + 1)
        for t in doc.tokens { b[Int(t.start)] = true; b[Int(t.end)] = true }
        b[doc.text.count] = true
        boundary = b
        words = TokenSpans(doc.tokens.filter { $0.end - $0.start >= 2 }.map { Int($0.start) << 32 | Int($0.end) })
        placeMatches = PlaceMatches(res.gazetteer, doc.text, doc.sentences)
    }

    /// Gazetteer forms starting at `i` that end inside `sentence`, shortest first.
    func matches(at i: Int, _ sentence: Sentence) -> ArraySlice<(end: Int, form: Int)> {
        placeMatches.at(i)
    }


    func isPunct(_ i: Int) -> Bool { i < 0 || i >= text.count || !(text[i].isIdeograph || text[i].properties.isAlphabetic || ("0"..."9").contains(text[i])) }
    /// The record text of `r`. Han text has no whitespace or quote marks to drop, so it is
    /// the text itself (most spans; this skips building the String twice).
    func str(_ r: Range<Int>) -> String {
        text[r].allSatisfy { (0x4E00...0x9FFF).contains($0.value) } ? text.string(r) : TextNormal.recordText(doc.string(r))
    }

    /// Whether `text[r]` is `word` as Strings compare (canonical equivalence), without building
    /// a String when the slice holds only ASCII and CJK unified ideographs: these never
    /// decompose, so there equality is scalar by scalar.
    func reads(_ r: Range<Int>, _ word: String) -> Bool {
        guard r.lowerBound >= 0, r.upperBound <= text.count else { return false }
        let plain = text[r].allSatisfy { u in
            u.value < 0x80 || (0x4E00...0x9FFF).contains(u.value) || (0x3400...0x4DBF).contains(u.value)
        }
        return plain ? text[r].elementsEqual(word.unicodeScalars) : doc.string(r) == word
    }

    func run() {
        // Pass 1: unambiguous full names, to disambiguate short forms by what the document names.
        for s in doc.sentences.indices { places(in: doc.sentences[s], dryRun: true) }
        knownPlaces = Trie(chainPlaces.sorted())
        var ranges: [Range<Int>] = []
        for s in doc.sentences.indices {
            let sentence = doc.sentences[s]
            let before = spans.count
            _ = s
            if sentence.kind == .byline || sentence.kind == .furniture {
                byline(sentence)
            }
            places(in: sentence, dryRun: false)
            orgs(in: sentence, from: before)
            titlesAndPeople(in: sentence, from: before)
            knownPeople(in: sentence, from: before)
            bracketBylines(in: sentence)
            mergeNER(in: s, from: before)
            spans[before...].sort { $0.start < $1.start }
            ranges.append(before..<spans.count)
        }
        locTexts = Set(spans.filter { $0.kind == .loc }.map { str($0.start..<$0.end) })
        for r in ranges { relations(r) }
        closingAuthor()
        canonicalOrgs()
        emitEntities()
    }

    // MARK: Output

    func emitEntities() {
        // Titles count only when held by a named person. Every mention is a record (the graph
        // counts them); scorers read records as a set per document.
        let held = Set(output.filter { $0.type == "HOLDS" }.compactMap(\.tail))
        for s in spans {
            let t = str(s.start..<s.end)
            let type: String
            switch s.kind {
            case .loc: type = "LOC"
            case .org: type = "ORG"
            case .title: type = "TITLE"; if !held.contains(t) { continue }
            case .per: type = "PER"
            case .role: continue
            }
            guard res.types.contains(type), t.unicodeScalars.count >= 2 || type == "TITLE" else { continue }
            var a = Annotation(kind: .entity, type: type, text: t, start: s.start, end: s.end)
            a.sentence = doc.sentenceIndex(at: s.start)
            if let u = s.unit {
                let unit = g.units[Int(u)]
                if unit.name != t { a.canonical = unit.name }
                if !unit.code.isEmpty { a.code = unit.code }
            }
            output.append(a)
        }
    }
}
