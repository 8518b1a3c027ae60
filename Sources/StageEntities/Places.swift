// Places: gazetteer forms accepted by context, chains disambiguated by their parents, landmarks,
// and villages, communities, streets and roads found by their suffix.
import ZhituCore

extension Builder {
    func chooseUnit(_ units: ArraySlice<Int32>, previous: Int32?) -> Int32 {
        if units.count == 1 { return units[units.startIndex] }
        if let p = previous, let u = units.first(where: { g.isWithin($0, p) && $0 != p }) { return u }
        if let u = units.first(where: { u in docUnits.contains(where: { $0 != u && g.isWithin(u, $0) }) }) { return u }
        return units.min { g.units.level(Int($0)) < g.units.level(Int($1)) } ?? units[units.startIndex]
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
                if res.isBlocked(m.form) { continue }
                if form.kind == .derived && text[m.end - 1] == "区" && !boundary[i] && !inChain { continue }
                // 青海省情 is 青海 + 省情.
                if m.end < sentence.end && text[m.end] == "情" && "省市县".unicodeScalars.contains(text[m.end - 1]) { continue }
                let len = m.end - i
                let unit = chooseUnit(form.units, previous: previous)
                let level = g.units.level(Int(unit))
                let parentInChain = previous.map { g.isWithin(unit, $0) && unit != $0 } ?? false
                var ok: Bool
                switch form.kind {
                case .full: ok = len >= 3 || level != .township || parentInChain
                case .derived: ok = true
                case .short:
                    ok = level == .province || level == .prefecture || len >= 3 || parentInChain
                        || (!dryRun && docUnits.contains(unit))
                    // A prefecture short form needs its province named in the document, or place context (安康河湟 in a Qinghai text is not 安康市).
                    if ok && level == .prefecture && !parentInChain && !placeContextAfter(m.end, sentence, unit: unit)
                        && !docUnits.contains(where: { $0 != unit && g.isWithin(unit, $0) }) { ok = false }
                }
                if dryRun && form.kind != .full { ok = false }
                // Two-character forms must not cut a word (相应县区 is not 应县).
                if ok && len == 2 && !parentInChain && !(boundary[i] && boundary[m.end]) { ok = false }
                if ok && !parentInChain && !inChain && !boundary[i] && (len <= 2 || (form.kind == .full && level == .township)) { ok = false }
                // 不利于|城镇化: a short township name that starts with a stop word before a word is that word.
                if ok && !parentInChain && form.kind == .full && level == .township && len <= 3
                    && Words.leftStops.contains(text[i]) && boundary[i + 1] { ok = false }
                // 发展乡镇, 利于城镇化: a short township name must end at a word boundary.
                if ok && !parentInChain && form.kind == .full && level == .township && len <= 3 && !boundary[m.end] { ok = false }
                // 和民和县: a longer place starting inside a two-character one wins.
                if ok && len == 2 && !parentInChain, matches(at: i + 1, sentence).contains(where: { $0.end > m.end }) { ok = false }
                // Bare two-character county forms need place context (平安 is also a word).
                if ok && form.kind == .short && len == 2 && level >= .county && !parentInChain && !placeContextAfter(m.end, sentence, unit: unit, punctuation: false) { ok = false }
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
        for m in matches(at: e, sentence) where g.forms.units(m.form).contains(where: { $0 != unit && g.isWithin($0, unit) }) {
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
}
