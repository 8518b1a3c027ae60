// Rule and gazetteer entities: places (gazetteer + patterns, chains split), organisations by
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

    public init(options: StageOptions, context: StageContext) throws {
        let path = options.string("gazetteer")
        let gazetteer: Gazetteer
        if path.isEmpty {
            guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "tsv", subdirectory: "Resources") else {
                throw LexiconError(file: "Resources/gazetteer.tsv", line: nil, message: "missing from the bundle")
            }
            gazetteer = try Gazetteer(contentsOf: url)
        } else {
            gazetteer = try Gazetteer(contentsOf: context.resolve(path))
        }
        self.init(gazetteer: gazetteer, types: Set(options.strings("types")), useNER: options.bool("use_ner"))
    }

    init(gazetteer: Gazetteer, types: Set<String> = ["PER", "LOC", "ORG", "TITLE"], useNER: Bool = true) {
        resources = EntityResources(gazetteer: gazetteer, types: types, useNER: useNER)
    }

    // MARK: - Spans

    struct Span {
        enum Kind { case loc, org, title, per }
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
            bracketBylines(in: sentence)
            mergeNER(in: s, from: before)
            spans[before...].sort { $0.start < $1.start }
            ranges.append(before..<spans.count)
        }
        locTexts = Set(spans.filter { $0.kind == .loc }.map { str($0.start..<$0.end) })
        for r in ranges { relations(r) }
        canonicalOrgs()
        emitEntities()
    }

    // MARK: Places

    func chooseUnit(_ units: [Int32], previous: Int32?) -> Int32 {
        if units.count == 1 { return units[0] }
        if let p = previous, let u = units.first(where: { g.isWithin($0, p) && $0 != p }) { return u }
        if let u = units.first(where: { u in docUnits.contains(where: { $0 != u && g.isWithin(u, $0) }) }) { return u }
        return units.min { g.units[Int($0)].level < g.units[Int($1)].level } ?? units[0]
    }

    func places(in sentence: Sentence, dryRun: Bool) {
        var i = sentence.start
        var previous: Int32? = nil
        var previousEnd = -1
        var lastLocEnd = -1
        while i < sentence.end {
            guard text[i].isIdeograph else { i += 1; previous = nil; continue }
            let inChain = previousEnd == i
            if !inChain { previous = nil }
            if !dryRun, boundary[i], let lm = res.landmarks.longestMatch(in: text, from: i, limit: sentence.end), boundary[lm.end],
               !matches(at: i, sentence).contains(where: { $0.end > lm.end }) {
                spans.append(Span(kind: .loc, start: i, end: lm.end, fromPattern: true))
                i = lm.end
                continue
            }
            var accepted: (end: Int, unit: Int32)? = nil
            for m in matches(at: i, sentence).reversed() {
                let form = g.forms[m.form]
                if res.blockedForms[m.form] { continue }
                if form.kind == .derived && text[m.end - 1] == "区" && !boundary[i] && !inChain { continue }
                // 青海省情 is 青海 + 省情.
                if m.end < sentence.end && text[m.end] == "情" && "省市县".unicodeScalars.contains(text[m.end - 1]) { continue }
                let len = m.end - i
                let unit = chooseUnit(form.units, previous: previous)
                let u = g.units[Int(unit)]
                let parentInChain = previous.map { g.isWithin(unit, $0) && unit != $0 } ?? false
                var ok: Bool
                switch form.kind {
                case .full: ok = len >= 3 || u.level != .township || parentInChain
                case .derived: ok = true
                case .short:
                    ok = u.level == .province || u.level == .prefecture || len >= 3 || parentInChain
                        || (!dryRun && docUnits.contains(unit))
                    // A prefecture short form needs its province named in the document, or place context (安康河湟 in a Qinghai text is not 安康市).
                    if ok && u.level == .prefecture && !parentInChain && !placeContextAfter(m.end, sentence, unit: unit)
                        && !docUnits.contains(where: { $0 != unit && g.isWithin(unit, $0) }) { ok = false }
                }
                if dryRun && form.kind != .full { ok = false }
                // Two-character forms must not cut a word (相应县区 is not 应县).
                if ok && len == 2 && !parentInChain && !(boundary[i] && boundary[m.end]) { ok = false }
                if ok && !parentInChain && !inChain && !boundary[i] && (len <= 2 || (form.kind == .full && u.level == .township)) { ok = false }
                // 发展乡镇, 利于城镇化: a short township name must end at a word boundary.
                if ok && !parentInChain && form.kind == .full && u.level == .township && len <= 3 && !boundary[m.end] { ok = false }
                // 和民和县: a longer place starting inside a two-character one wins.
                if ok && len == 2 && !parentInChain, matches(at: i + 1, sentence).contains(where: { $0.end > m.end }) { ok = false }
                // Bare two-character county forms need place context (平安 is also a word).
                if ok && form.kind == .short && len == 2 && u.level >= .county && !parentInChain && !placeContextAfter(m.end, sentence, unit: unit, punctuation: false) { ok = false }
                // 朝阳东路: a street named after a place is the street.
                if ok && form.kind == .short, let pe = patternPlace(at: i, sentence: sentence, afterPlace: true), pe > m.end,
                   !matches(at: m.end, sentence).contains(where: { _ in true }) { ok = false }
                if ok { accepted = (m.end, unit); break }
            }
            if let a = accepted {
                lastLocEnd = a.end
                if dryRun {
                    docUnits.insert(a.unit)
                } else {
                    docUnits.insert(a.unit)
                    spans.append(Span(kind: .loc, start: i, end: a.end, unit: a.unit))
                }
                previous = a.unit
                previousEnd = a.end
                i = a.end
                continue
            }
            if !dryRun, boundary[i] || inChain, let k = knownPlaces.longestMatch(in: text, from: i, limit: sentence.end) {
                spans.append(Span(kind: .loc, start: i, end: k.end, fromPattern: true))
                previousEnd = k.end
                previous = nil
                i = k.end
                continue
            }
            if !dryRun || inChain, let e = patternPlace(at: i, sentence: sentence, afterPlace: inChain, coordinated: lastLocEnd >= 0 && lastLocEnd == i - 1 && "和、与及".unicodeScalars.contains(text[i - 1])) {
                if dryRun {
                    if inChain { chainPlaces.insert(str(i..<e)) }
                    previousEnd = e; previous = nil; i = e
                    continue
                }
                lastLocEnd = e
                spans.append(Span(kind: .loc, start: i, end: e, fromPattern: true))
                previousEnd = e
                previous = nil
                i = e
                continue
            }
            i += 1
        }
    }

    /// Punctuation, another place or a word like 人民/大地/特色 after a bare place name.
    func placeContextAfter(_ e: Int, _ sentence: Sentence, unit: Int32, punctuation: Bool = true) -> Bool {
        if e >= sentence.end || (punctuation && isPunct(e)) { return true }
        // Followed by a smaller unit of its own (平安区小峡街道), not by a larger one (平安青海).
        for m in matches(at: e, sentence) where g.forms[m.form].units.contains(where: { $0 != unit && g.isWithin($0, unit) }) {
            return true
        }
        let rest = doc.string(e..<min(e + 2, sentence.end))
        return Words.placeFollowers.contains(rest) || Words.placeFollowers.contains(String(rest.prefix(1)))
    }

    /// A village, community, street or road by its suffix, starting at `i`.
    /// (Inlined: it is asked at nearly every position, and most have no marker before them.)
    @inline(__always)
    func patternPlace(at i: Int, sentence: Sentence, afterPlace: Bool, coordinated: Bool = false) -> Int? {
        // A place marker on the left (在, 位于 …) unless in a chain or a coordination.
        if !afterPlace && !coordinated {
            // An aspect particle may follow the marker (走访了科技园社区).
            let at = i > sentence.start && text[i - 1] == "了" ? i - 1 : i
            guard at > sentence.start, Words.placeMarkerEnds.contains(text[at - 1]), Words.placeMarkerScalars.contains(where: { m in
                at - m.count >= sentence.start && text[(at - m.count)..<at].elementsEqual(m)
            }) else { return nil }
        }
        return patternPlaceEnd(at: i, sentence: sentence, afterPlace: afterPlace, coordinated: coordinated)
    }

    /// The end of a pattern place at `i`, its left context granted.
    func patternPlaceEnd(at i: Int, sentence: Sentence, afterPlace: Bool, coordinated: Bool) -> Int? {
        var best: Int? = nil
        let maxLen = afterPlace ? 8 : 6
        var j = i + 2
        while j <= min(i + maxLen, sentence.end) {
            if !text[j - 1].isIdeograph { break }
            for (_, suffixScalars) in Words.placeSuffixScalars {
                let sl = suffixScalars.count
                // The rules below name one-character suffixes: compared as a scalar, not a String.
                let suffix: Unicode.Scalar? = sl == 1 ? suffixScalars[0] : nil
                let minPrefix = afterPlace && (suffix == "乡" || suffix == "镇") ? 1 : 2
                guard j - sl >= i + minPrefix, j - sl - i <= (afterPlace ? 5 : 4) else { continue }
                if text[(j - sl)..<j].elementsEqual(suffixScalars) {
                    let prefix = Phrase(text, i..<(j - sl))
                    if prefix.unicodeScalars.contains(where: { !$0.isIdeograph }) { continue }
                    if !afterPlace && Words.genericPlacePrefixes.contains(where: { prefix.hasPrefix($0) || prefix.hasSuffix($0) }) { continue }
                    // A standalone prefix that is one common word (促进乡村, 目前农村) is no name.
                    if !afterPlace && !coordinated && words.contains(i << 32 | (j - sl)) { continue }
                    if prefix.unicodeScalars.contains(where: { Words.numeralChars.contains($0) }) { continue }
                    if prefix.hasSuffix("农") || prefix.hasSuffix("新农") { continue }
                    if suffix == "乡" && j < sentence.end && "村镇亲土愁贤情".unicodeScalars.contains(text[j]) { continue }
                    if suffix == "村" && j < sentence.end && "镇庄落".unicodeScalars.contains(text[j]) { continue }
                    if suffix == "村" && prefix.hasSuffix("乡") { continue }
                    if suffix == "路" && j < sentence.end && "线径子上面费灯网段况数途程".unicodeScalars.contains(text[j]) { continue }
                    // 铁路, 思路, 十字路: common words ending in 路 are not roads.
                    if suffix == "路" && Words.notRoadBefore.contains(text[j - 2]) { continue }
                    if afterPlace && Words.genericPlacePrefixes.contains(where: { prefix.hasPrefix($0) || prefix.hasSuffix($0) })
                        && !["幸福", "平安", "和谐", "文明"].contains(where: prefix.equals) { continue }
                    if prefix.unicodeScalars.allSatisfy({ "省市州县区乡镇村旗盟".unicodeScalars.contains($0) }) { continue }
                    if prefix.unicodeScalars.contains(where: { Words.leftStops.contains($0) }) { continue }
                    // 甲子山村村委会: stop at the first 村; 路 inside 路街道 is part of the street name.
                    if suffix == "村", prefix.hasSuffix("村") { continue }
                    if !afterPlace && suffix == "巷" { continue }
                    if suffix == "路" && j < sentence.end && (text[j] == "街" || text[j] == "社" || text[j] == "小") { continue }
                    if suffix == "村" && j < sentence.end && text[j] == "民" && !afterPlace { continue }
                    best = j
                }
            }
            j += 1
        }
        guard let e = best else { return nil }
        // A bare pattern place must not run into more ideographs that make it a phrase (村里, 路上).
        if !afterPlace && e < sentence.end && "里上边口头".unicodeScalars.contains(text[e]) { return nil }
        return e
    }

    // MARK: Organisations

    func orgs(in sentence: Sentence, from: Int) {
        var i = sentence.start
        while i < sentence.end {
            if let u = res.uniqueOrgs.longestMatch(in: text, from: i, limit: sentence.end),
               (res.titles.longestMatch(in: text, from: i, limit: sentence.end)?.end ?? 0) <= u.end,
               !spans[from...].contains(where: { $0.start < u.end && i < $0.end && $0.kind != .loc }) {
                var end = u.end
                while let x = res.orgHeads.longestMatch(in: text, from: end, limit: sentence.end),
                      Words.orgExtensions.contains(res.orgHeadForms[Int(x.value)]) { end = x.end }
                spans.append(Span(kind: .org, start: i, end: end))
                i = end
                continue
            }
            guard let h = res.orgHeads.longestMatch(in: text, from: i, limit: sentence.end) else { i += 1; continue }
            let head = res.orgHeadForms[Int(h.value)]
            // 台湾局势: a one-character head must end a word.
            if head.unicodeScalars.count == 1 && !boundary[h.end] { i += 1; continue }
            // Organ words that stay in a title (村委会主任) are not organisations here.
            if Words.keepWhole.contains(head), res.titles.longestMatch(in: text, from: i, limit: sentence.end) != nil { i = h.end; continue }
            if var o = orgStart(headStart: i, headEnd: h.end, head: head, sentence: sentence, from: from),
               (res.titles.longestMatch(in: text, from: o, limit: sentence.end)?.end ?? 0) <= h.end {  // 全国人大代表 is a post
                var h = h
                // 政法委 + 办公室: the office of a body is one ORG.
                while let x = res.orgHeads.longestMatch(in: text, from: h.end, limit: sentence.end),
                      Words.orgExtensions.contains(res.orgHeadForms[Int(x.value)]) { h = x }
                // A cooperative with its own brand name drops the village before it.
                if head.hasSuffix("合作社"), let p = spans[from...].last(where: { $0.kind == .loc && $0.start == o && $0.fromPattern }), i - p.end >= 2 {
                    o = p.end
                }
                // The place it starts with is folded into the ORG.
                var embedded: Range<Int>? = nil
                spans.removeAll { s in
                    if s.kind == .loc && s.start >= o && s.end <= h.end { if embedded == nil, s.start == o { embedded = s.start..<s.end }; return true }
                    return false
                }
                if embedded == nil, let p = nationalPrefix(o) { _ = p }
                spans.append(Span(kind: .org, start: o, end: h.end, embedded: embedded))
                i = h.end
                continue
            }
            i += 1
        }
        // Venues after a place are places (青海会议中心).
        var v = sentence.start
        while v < sentence.end {
            guard let m = res.venues.longestMatch(in: text, from: v, limit: sentence.end) else { v += 1; continue }
            if let p = spans[from...].last(where: { $0.kind == .loc && $0.end <= v && v - $0.end <= 3 && !$0.fromPattern }),
               (p.end..<v).allSatisfy({ text[$0].isIdeograph && !Words.leftStops.contains(text[$0]) }),
               !spans[from...].contains(where: { $0.kind != .loc && $0.start < m.end && v < $0.end }) {
                spans.removeAll { $0.kind == .loc && $0.start >= p.start && $0.end <= m.end }
                spans.append(Span(kind: .loc, start: p.start, end: m.end, fromPattern: true))
            }
            v = m.end
        }
        // 兼任着茶卡社区副主任: a named community holding a post, even without a place marker.
        var c = sentence.start + 2
        while c + 2 < sentence.end {
            defer { c += 1 }
            guard text[c] == "社", text[c + 1] == "区", let t = res.titles.longestMatch(in: text, from: c + 2, limit: sentence.end),
                  !spans[from...].contains(where: { $0.start < c + 2 && c < $0.end }) else { continue }
            let f = res.titleForms[Int(t.value)]
            guard !Words.keepWhole.contains(where: { f.hasPrefix($0) }), !f.hasPrefix("居委会") else { continue }
            for len in [3, 2] where c - len >= sentence.start {
                let p = c - len
                let prefix = Phrase(text, p..<c)
                guard boundary[p], !words.contains(p << 32 | c), (p..<c).allSatisfy({ text[$0].isIdeograph && !Words.leftStops.contains(text[$0]) }),
                      !Words.genericPlacePrefixes.contains(where: { prefix.hasPrefix($0) || prefix.hasSuffix($0) }),
                      !prefix.unicodeScalars.contains(where: { Words.numeralChars.contains($0) }) else { continue }
                if len == 3 && words.contains((p + 1) << 32 | c) { continue }
                spans.append(Span(kind: .org, start: p, end: c + 2))
                break
            }
        }
        // Communities acting as bodies.
        for k in spans.indices where k >= from && spans[k].kind == .loc && spans[k].fromPattern {
            let t = str(spans[k].start..<spans[k].end)
            guard t.hasSuffix("社区") || t.hasSuffix("村") else { continue }
            let e = spans[k].end
            let rest = doc.string(e..<min(e + 4, sentence.end)).trimmingCharacters(in: .whitespaces)
            if ["建立", "开展", "供图", "提供", "组织", "成立", "创新", "推行", "打造", "探索", "实施"].contains(where: { rest.hasPrefix($0) })
                || (res.titles.longestMatch(in: text, from: e, limit: sentence.end).map { m in
                    let f = res.titleForms[Int(m.value)]
                    return !f.hasPrefix("村委会") && !f.hasPrefix("居委会") && !f.hasPrefix("党")
                } ?? false) {
                spans[k].kind = .org
                spans[k].embedded = nil
            }
        }
    }

    func nationalPrefix(_ i: Int) -> Int? { nil }

    /// The start of an organisation whose head noun is at headStart: the nearest place (or ORG
    /// end, or national prefix) before it with at most a few modifier characters between.
    func orgStart(headStart: Int, headEnd: Int, head: String, sentence: Sentence, from: Int) -> Int? {
        let maxGap = head.hasSuffix("公司") || head == "集团" || head.hasSuffix("合作社") ? 8 : head == "委" ? 3 : 6
        // A place ending at or before the head.
        var k = headStart
        var gap = 0
        while k > sentence.start && gap <= maxGap {
            if let p = spans[from...].last(where: { $0.kind == .loc && $0.end == k }) {
                return p.start
            }
            if spans[from...].contains(where: { ($0.kind == .org || $0.kind == .title) && $0.end == k }) {
                return gap >= 2 && gap <= 4 && head.unicodeScalars.count >= 2 && boundary[k] ? k : nil
            }
            for n in Words.nationalPrefixes where head.unicodeScalars.count >= 2 && gap <= 4 && k - n.unicodeScalars.count >= sentence.start
                && reads((k - n.unicodeScalars.count)..<k, n) {
                return k - n.unicodeScalars.count
            }
            let c = text[k - 1]
            guard c.isIdeograph, !Words.leftStops.contains(c) else { break }
            k -= 1
            gap += 1
        }
        // No place: companies and cooperatives with a brand name bounded on the left.
        if head.hasSuffix("有限公司"), gap >= 2, gap <= maxGap {
            if k == sentence.start || isPunct(k - 1) || Words.leftStops.contains(text[k - 1]) { return k }
        }
        // A quoted office name (“双基办”).
        if headStart > sentence.start && text[headStart - 1] == "“" && headEnd < sentence.end && text[headEnd] == "”" { return headStart }
        return nil
    }

    // MARK: Titles and people

    func titleAt(_ i: Int, _ sentence: Sentence) -> (end: Int, form: Int)? {
        guard let m = res.titles.longestMatch(in: text, from: i, limit: sentence.end) else { return nil }
        return (m.end, Int(m.value))
    }

    /// A name starting at `i` (after a title): ner candidate, else surname rules.
    func name(at i: Int, _ sentence: Sentence, requireSurname: Bool, afterTitle: Bool = false) -> Int? {
        if nerPersonEnd[i] >= 0 { return nerPersonEnd[i] }
        var e = i
        while e < sentence.end && text[e].isIdeograph && e - i < 8 { e += 1 }
        // Transliterated names joined by a middle dot (费尔迪南德·马科斯): the whole name up to a following word.
        if e < sentence.end && (text[e] == "·" || text[e] == "•"), e - i <= 5,
           !(i..<e).contains(where: { res.titles.longestMatch(in: text, from: $0, limit: e) != nil || Words.leftStops.contains(text[$0]) }) {
            var f = e
            while f < sentence.end && (text[f].isIdeograph || text[f] == "·" || text[f] == "•") && f - i < 16 { f += 1 }
            var cut = f
            for k in (e + 2)..<max(e + 2, f) where res.afterName.longestMatch(in: text, from: k, limit: f) != nil
                || res.titles.longestMatch(in: text, from: k, limit: f) != nil || "于在近致和与的".unicodeScalars.contains(text[k]) {
                cut = k
                break
            }
            return text[cut - 1].isIdeograph && cut - e <= 8 ? cut : nil
        }
        let run = e - i
        guard run >= 2 else { return nil }
        // Cut before a word that follows names.
        var cut = e
        var bounded = false
        var k = i + 2
        // 曾海高兴地说: an adverbial before 地说 ends the name.
        while k + 3 < e + 1 {
            if k + 4 <= e, reads((k + 2)..<(k + 4), "地说") || (k + 5 <= e && reads((k + 2)..<(k + 5), "地表示")) { e = k; cut = k; bounded = true; break }
            k += 1
        }
        k = i + 2
        while k < e {
            if res.afterName.longestMatch(in: text, from: k, limit: e) != nil { cut = k; break }
            if res.titles.longestMatch(in: text, from: k, limit: e) != nil { cut = k; break }
            k += 1
        }
        if res.titles.longestMatch(in: text, from: i, limit: e) != nil { return nil }
        let compound = Words.compoundSurnames.contains { reads(i..<min(i + 2, e), $0) }
        let hasSurname = compound || Words.surnames.contains(text[i])
        if hasSurname {
            let maxLen = compound ? 4 : 3
            // The name must be bounded: punctuation, a title or a word that follows names.
            if afterTitle, cut == e, e - i > maxLen, i + 3 <= sentence.end, boundary[i + 3], !words.contains(where: { _ in false }) {
                return i + 3  // 总经理孙斌荣听完: a full name right after a title
            } else {
                guard cut - i <= maxLen, cut < e || bounded || isPunct(e) || e - i <= maxLen && e == sentence.end else { return nil }
            }
            // Dictionary words are not names (满意, 安全感).
            if words.contains(i << 32 | cut) || (cut - i == 3 && words.contains(i << 32 | (i + 2))) { return nil }
            if cut - i == 3 && words.contains((i + 1) << 32 | (i + 3)) && !boundary[i + 1] { return nil }
            return cut
        }
        // Names of other nationalities: a run of 2–4 characters ending at punctuation.
        guard !requireSurname, cut - i <= 4, cut == e, isPunct(e) else { return nil }
        return cut
    }

    func titlesAndPeople(in sentence: Sentence, from: Int) {
        var i = sentence.start
        while i < sentence.end {
            // (The title look-up first: it rejects most positions faster than the span scan.)
            guard let t = titleAt(i, sentence), !spans[from...].contains(where: { $0.start <= i && i < $0.end && $0.kind != .loc }) else { i += 1; continue }
            var start = i
            var organ = res.titleOrganLength[t.form]
            let form = res.titleForms[t.form]
            // Bare 代表, 委员, 常委 are posts only right after the body (民和县县委常委).
            if Words.boundTitles.contains(form), !spans[from...].contains(where: { ($0.kind == .org || $0.kind == .loc) && $0.end == i }) {
                i = t.end
                continue
            }
            // An organ word after a place becomes an ORG; the bare post is the title.
            if organ > 0, let p = spans[from...].last(where: { $0.kind == .loc && $0.end == i }),
               !Words.keepWhole.contains(String(form.unicodeScalars.prefix(organ).map(Character.init))) {
                spans.removeAll { $0.kind == .loc && $0.start == p.start && $0.end == p.end }
                spans.append(Span(kind: .org, start: p.start, end: i + organ, embedded: p.start..<p.end))
                start = i + organ
                organ = 0
            }
            // Titles overlapping an ORG just found (…党委书记 where 党委 is in the ORG): keep the rest.
            spans.append(Span(kind: .title, start: start, end: t.end, organ: organ))
            // A name right after the title.
            var e = t.end
            while e < sentence.end && text[e].properties.isWhitespace { e += 1 }
            let lenient = (sentence.kind == .byline || sentence.kind == .furniture) && e > t.end
            if e < sentence.end, text[e].isIdeograph, titleAt(e, sentence) == nil,
               !spans[from...].contains(where: { $0.start <= e && e < $0.end }) {
                if let n = name(at: e, sentence, requireSurname: !lenient, afterTitle: true) {
                    spans.append(Span(kind: .per, start: e, end: n))
                    i = n
                    continue
                }
            }
            i = t.end
        }
        // Role nouns that introduce a name without being titles (工作人员赵志风).
        for k in sentence.start..<sentence.end {
            guard let m = res.introducers.longestMatch(in: text, from: k, limit: sentence.end), m.end < sentence.end,
                  Words.surnames.contains(text[m.end]),
                  !spans[from...].contains(where: { $0.start <= m.end && m.end < $0.end }),
                  let e = name(at: m.end, sentence, requireSurname: true) else { continue }
            spans.append(Span(kind: .per, start: m.end, end: e))
        }
        // 习近平总书记: a leader's name before the title.
        for t in spans[from...] where t.kind == .title {
            let f = str(t.start..<t.end)
            guard Words.titlesAfterName.contains(f) else { continue }
            for len in [3, 2] where t.start - len >= sentence.start {
                let s0 = t.start - len
                if Words.surnames.contains(text[s0]), (s0 == sentence.start || isPunct(s0 - 1) || Words.leftStops.contains(text[s0 - 1])),
                   (s0..<t.start).allSatisfy({ text[$0].isIdeograph }) {
                    spans.append(Span(kind: .per, start: s0, end: t.start))
                    leaderTitles.append((s0..<t.start, t.start..<t.end))
                    break
                }
            }
        }
        // ”妥香珍说: a name before a speech verb, after punctuation.
        for k in sentence.start..<sentence.end where Words.surnames.contains(text[k])
            && (k == sentence.start || isPunct(k - 1) || (Words.leftStops.contains(text[k - 1]) && boundary[k])) {
            for len in [3, 2] where k + len + 1 <= sentence.end {
                guard res.speech.longestMatch(in: text, from: k + len, limit: sentence.end) != nil, (k..<(k + len)).allSatisfy({ text[$0].isIdeograph }),
                      !words.contains(k << 32 | (k + len)), boundary[k + len], boundary[k],
                      !(2...4).contains(where: { words.contains(k << 32 | (k + $0)) }) else { continue }
                if !spans[from...].contains(where: { $0.start < k + len && k < $0.end }) { spans.append(Span(kind: .per, start: k, end: k + len)) }
                break
            }
        }
        // X女士 / X先生.
        for k in sentence.start..<max(sentence.start, sentence.end - 2) where (text[k + 1] == "女" || text[k + 1] == "先") && Words.surnames.contains(text[k]) {
            if (reads((k + 1)..<(k + 3), "女士") || reads((k + 1)..<(k + 3), "先生")) && (k == sentence.start || !text[k - 1].isIdeograph || Words.leftStops.contains(text[k - 1])) {
                spans.append(Span(kind: .per, start: k, end: k + 3))
            }
        }
    }

    /// Byline and page-furniture lines: role words followed by space-separated names.
    func byline(_ sentence: Sentence) {
        var role: String? = nil
        var i = sentence.start
        while i < sentence.end {
            if text[i].properties.isWhitespace || !text[i].isIdeograph { i += 1; continue }
            var e = i
            while e < sentence.end && text[e].isIdeograph { e += 1 }
            var w = doc.string(i..<e)
            if w.hasPrefix("本报") && Words.bylineRoles.contains(String(w.dropFirst(2))) { w = String(w.dropFirst(2)); i += 2 }
            if Words.bylineRoles.contains(w) {
                role = w
                spans.append(Span(kind: .title, start: i, end: e))
            } else if role != nil, (2...5).contains(e - i), !["摄", "整理", "供图", "提供", "编辑"].contains(w) {
                let n = (w.hasSuffix("摄") && e - i >= 3) ? e - 1 : e
                if n - i <= 4 { spans.append(Span(kind: .per, start: i, end: n)) }
            } else {
                role = nil
            }
            i = e
        }
    }

    /// （记者 张艳艳） and (本报记者 X 整理) inside body sentences.
    func bracketBylines(in sentence: Sentence) {
        guard sentence.kind != .byline && sentence.kind != .furniture else { return }
        var i = sentence.start
        while i + 2 < sentence.end {
            guard text[i] == "记", text[i + 1] == "者" else { i += 1; continue }
            var rs = i
            while rs > sentence.start && text[rs - 1].isIdeograph && i - rs < 4 { rs -= 1 }
            let opener = rs > sentence.start ? text[rs - 1] : " "
            var e = i + 2
            guard e < sentence.end, text[e].properties.isWhitespace, "（(/ ■".unicodeScalars.contains(opener) || rs == sentence.start else { i += 1; continue }
            while e < sentence.end && text[e].properties.isWhitespace { e += 1 }
            var n = e
            while n < sentence.end && text[n].isIdeograph && n - e < 5 { n += 1 }
            if (2...4).contains(n - e), n == sentence.end || !text[n].isIdeograph,
               !spans.contains(where: { $0.start == e && $0.kind == .per }) {
                let roleStart = doc.string(rs..<(i + 2)).hasPrefix("本报") ? rs + 2 : rs
                spans.append(Span(kind: .title, start: roleStart, end: i + 2))
                spans.append(Span(kind: .per, start: e, end: n))
            }
            i = n
        }
    }

    func mergeNER(in sentence: Int, from: Int) {
        for k in nerInSentence[sentence] {
            let c = ner[k]
            let overlapping = spans[from...].filter { $0.start < c.end && c.start < $0.end }
            // An ORG candidate may swallow the places inside it (青海 in 青海联通).
            let placesInside = c.type == "ORG" && !overlapping.isEmpty
                && overlapping.allSatisfy { $0.kind == .loc && $0.start >= c.start && $0.end < c.end }
            if !overlapping.isEmpty && !placesInside { continue }
            let t = str(c.start..<c.end)
            let n = c.end - c.start
            guard (c.start..<c.end).allSatisfy({ text[$0].isIdeograph || text[$0] == "·" }) else { continue }
            // The tagger's precision differs by type: people are taken when they look like names,
            // places and bodies only with a head word the rules know.
            switch c.type {
            case "PER" where (2...6).contains(n):
                let surname = Words.surnames.contains(text[c.start]) || Words.compoundSurnames.contains(String(t.prefix(2)))
                if (surname && n <= 4 && !words.contains(c.start << 32 | c.end)) || n >= 4 {
                    spans.append(Span(kind: .per, start: c.start, end: c.end))
                }
            case "LOC" where n >= 2 && boundary[c.start] && boundary[c.end] && !Words.genericPlacePrefixes.contains(t):
                if let last = t.unicodeScalars.last, Words.geoSuffixes.contains(last), !res.blockedLOC(t) {
                    spans.append(Span(kind: .loc, start: c.start, end: c.end, fromPattern: true))
                }
            case "ORG" where n >= 4:
                if Words.orgHeads.contains(where: { t.hasSuffix($0) && t.count > $0.count + 1 }) || Words.brandHeads.contains(where: { t.hasSuffix($0) }) {
                    let embedded = overlapping.first { $0.start == c.start }.map { $0.start..<$0.end }
                    if placesInside { spans.removeAll { s in overlapping.contains { $0.start == s.start && $0.end == s.end && s.kind == .loc } } }
                    spans.append(Span(kind: .org, start: c.start, end: c.end, embedded: embedded))
                }
            default: break
            }
        }
    }

    // MARK: Relations

    func gapText(_ a: Int, _ b: Int) -> String {
        a < b ? TextNormal.recordText(text.string(a..<b)) : ""
    }

    func relation(_ type: String, _ head: Span, _ tail: Span, headText: String? = nil, tailText: String? = nil, org: String? = nil) {
        let h = headText ?? str(head.start..<head.end)
        let t = tailText ?? str(tail.start..<tail.end)
        let key = "\(type)|\(h)|\(t)|\(org ?? "")"
        guard h != t, emitted.insert(key).inserted else { return }
        let r = min(head.start, tail.start)..<max(min(head.end, text.count), min(tail.end, text.count))
        var a = Annotation(kind: .relation, type: type, text: str(r), start: r.lowerBound, end: r.upperBound)
        a.sentence = doc.sentenceIndex(at: r.lowerBound)
        a.head = h
        a.tail = t
        a.org = org
        output.append(a)
    }

    func relations(_ range: Range<Int>) {
        let ss = Array(spans[range])
        // Chains: PART_OF between neighbouring places, LOCATED_IN from an ORG to its place.
        var k = 1
        while k < ss.count {
            let prev = ss[k - 1], cur = ss[k]
            // Neighbours, allowing quote marks between (班玛县中乡“双基办”).
            let adjacent = prev.end == cur.start || (prev.end < cur.start && (prev.end..<cur.start).allSatisfy { "“”‘’\"'".unicodeScalars.contains(text[$0]) })
            if adjacent && prev.kind == .loc {
                if cur.kind == .loc {
                    relation("PART_OF", cur, prev)
                } else if cur.kind == .org {
                    if let e = cur.embedded, standaloneLOC(str(e)) {
                        relation("PART_OF", Span(kind: .loc, start: e.lowerBound, end: e.upperBound), prev)
                    } else {
                        relation("LOCATED_IN", cur, prev)
                    }
                }
            }
            k += 1
        }
        // 位于都兰县的宗加镇.
        for k in ss.indices.dropFirst() where ss[k].kind == .loc && ss[k - 1].kind == .loc && gapText(ss[k - 1].end, ss[k].start) == "的" {
            let p = ss[k - 1].start
            if p >= 2 && reads((p - 2)..<p, "位于") { relation("PART_OF", ss[k], ss[k - 1]) }
        }
        for s in ss where s.kind == .org {
            if let e = s.embedded { relation("LOCATED_IN", s, Span(kind: .loc, start: e.lowerBound, end: e.upperBound)) }
        }
        for (p, t) in leaderTitles {
            relation("HOLDS", Span(kind: .per, start: p.lowerBound, end: p.upperBound), Span(kind: .title, start: t.lowerBound, end: t.upperBound))
        }
        leaderTitles = []
        // HOLDS: titles in an apposition run before a name.
        var pending: [(Span, String?)] = []
        var lastOrg: Span? = nil
        var lastPlace: Range<Int>? = nil
        var lastEnd = -1
        var lastKind: Span.Kind? = nil
        for s in ss {
            if lastEnd >= 0 {
                let g = gapText(lastEnd, s.start)
                // 、 joins an apposition list; so does ， between a post and the next body or post.
                let joins = g.isEmpty || g == "、" || (g == "，" && !pending.isEmpty && s.kind != .per && lastKind == .title)
                if !joins { pending = []; lastOrg = nil; lastPlace = nil }
            }
            switch s.kind {
            case .loc:
                lastPlace = s.start..<s.end
            case .org:
                lastOrg = s
                lastPlace = s.embedded ?? lastPlace
            case .title:
                let form = str(s.start..<s.end)
                var org: String? = nil
                let bare = String(form.unicodeScalars.dropFirst(s.organ).map(Character.init))
                if isOrgless(form) {
                    org = nil
                } else if let o = lastOrg, o.end == s.start {
                    org = str(o.start..<o.end)  // 政协 + 党组书记: the body written just before
                } else if Words.placeHeads.contains(bare), let p = lastPlace {
                    org = str(p)  // 乡长 of 石大仓乡
                } else if s.organ > 0 {
                    if let p = lastPlace { org = str(p) + String(form.unicodeScalars.prefix(s.organ).map(Character.init)) }
                } else if let o = lastOrg, o.end >= (lastPlace?.upperBound ?? 0) {
                    org = str(o.start..<o.end)
                } else if let p = lastPlace, !bare.isEmpty {
                    org = str(p)
                }
                if lastKind == .per { pending = [] }
                pending.append((s, org))
            case .per:
                for (t, org) in pending { relation("HOLDS", s, t, org: org) }
                if pending.contains(where: { Words.authorRoles.contains(str($0.0.start..<$0.0.end)) }) {
                    var a = Annotation(kind: .relation, type: "AUTHOR", text: str(s.start..<s.end), start: s.start, end: s.end)
                    a.sentence = doc.sentenceIndex(at: s.start)
                    a.head = a.text
                    a.tail = doc.id
                    if emitted.insert("AUTHOR|\(a.text)").inserted { output.append(a) }
                }
                // Later names in a byline keep the role (美术编辑 李玉成 帕姆卓玛).
                if let last = pending.last, Words.bylineRoles.contains(str(last.0.start..<last.0.end)) { pending = [last] } else { pending = [] }
                lastOrg = nil; lastPlace = nil
            }
            lastEnd = s.end
            lastKind = s.kind
        }
    }

    /// HOLDS `org` written several ways (循化县政协, 循化撒拉族自治县政协) takes the fullest form.
    func canonicalOrgs() {
        var full: [String: String] = [:]
        var keyOf: [String: String] = [:]
        for s in spans where s.kind == .org {
            guard let e = s.embedded, let u = spans.first(where: { $0.kind == .loc && $0.start == e.lowerBound && $0.unit != nil })?.unit ?? unitOf(e) else { continue }
            let t = str(s.start..<s.end)
            let key = "\(u)|" + str(e.upperBound..<s.end)
            keyOf[t] = key
            if (full[key]?.unicodeScalars.count ?? 0) < t.unicodeScalars.count { full[key] = t }
        }
        for k in output.indices where output[k].type == "HOLDS" {
            if let o = output[k].org, let key = keyOf[o], let f = full[key] { output[k].org = f }
        }
        var seen = Set<String>()
        output = output.filter { a in
            guard a.type == "HOLDS" else { return true }
            return seen.insert("\(a.head ?? "")|\(a.tail ?? "")|\(a.org ?? "")").inserted
        }
    }

    func unitOf(_ r: Range<Int>) -> Int32? {
        guard let m = g.matches(in: text, from: r.lowerBound, limit: r.upperBound).last, m.end == r.upperBound else { return nil }
        return chooseUnit(g.forms[m.form].units, previous: nil)
    }

    func isOrgless(_ form: String) -> Bool {
        if Words.orglessTitles.contains(form) || Words.bylineRoles.contains(form) { return true }
        return Words.representativeRoles.contains { form.hasSuffix($0) }
    }

    var locTexts: Set<String> = []
    var leaderTitles: [(Range<Int>, Range<Int>)] = []
    func standaloneLOC(_ t: String) -> Bool { locTexts.contains(t) }

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
            }
            guard res.types.contains(type), t.unicodeScalars.count >= 2 || type == "TITLE" else { continue }
            var a = Annotation(kind: .entity, type: type, text: t, start: s.start, end: s.end)
            a.sentence = doc.sentenceIndex(at: s.start)
            if let u = s.unit {
                if g.units[Int(u)].name != t { a.canonical = g.units[Int(u)].name }
                if !g.units[Int(u)].code.isEmpty { a.code = g.units[Int(u)].code }
            }
            output.append(a)
        }
    }
}
