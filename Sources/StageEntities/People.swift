// Titles and people: posts composed with their organ, names after titles and role nouns,
// leaders before their title, speakers, bylines.
import Foundation
import ZhituCore

extension Builder {
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
            guard let t = titleAt(i, sentence), !spans[from...].contains(where: { $0.start <= i && i < $0.end && $0.kind != .loc }),
                  // 省人大常委 + 会主任 is 省 + 人大常委会主任: a role must not end inside an organ word.
                  !(t.end < sentence.end && text[t.end] == "会" && text[t.end - 1] == "委") else { i += 1; continue }
            var start = i
            var organ = res.titleOrganLength[t.form]
            let form = res.titleForms[t.form]
            let levelStart = levelOrganStart(before: i, sentence, from: from, organInTitle: organ > 0)
            // Bare 代表, 委员, 常委 are posts only right after the body (民和县县委常委, 省委常委).
            if Words.boundTitles.contains(form), levelStart == nil,
               !spans[from...].contains(where: { ($0.kind == .org || $0.kind == .loc) && $0.end == i }) {
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
            if start == i, let s = levelStart {
                organ += i - s
                start = s
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
        // 李女士, 王师傅: a surname with a form of address; 聂某某: a surname with 某 standing for the name.
        for k in sentence.start..<max(sentence.start, sentence.end - 1) where Words.surnames.contains(text[k]) {
            let bounded = k == sentence.start || !text[k - 1].isIdeograph || Words.leftStops.contains(text[k - 1])
            var end: Int? = nil
            if bounded, let a = res.addressForms.longestMatch(in: text, from: k + 1, limit: sentence.end) {
                end = a.end
            } else if let e = someoneEnd(k + 1, sentence, bounded: bounded) {
                end = e
            }
            if let e = end, !spans[from...].contains(where: { $0.start < e && k < $0.end }) { spans.append(Span(kind: .per, start: k, end: e)) }
        }
    }

    /// People named often in the news (known-people.txt), found even where ICU's word break cuts
    /// through the name (落实|习近|平: 实习 is a word), unless it names a doctrine (马克思主义).
    func knownPeople(in sentence: Sentence, from: Int) {
        var i = sentence.start
        while i < sentence.end {
            guard let m = res.knownPeople.longestMatch(in: text, from: i, limit: sentence.end) else { i += 1; continue }
            if !beforeDoctrine(m.end), !spans[from...].contains(where: { $0.start < m.end && i < $0.end }) {
                spans.append(Span(kind: .per, start: i, end: m.end))
            }
            i = m.end
        }
    }

    /// Whether the name at `…e` names a doctrine: 主义, 思想 or 理论 ends the words written right after it
    /// (马克思主义, 马克思列宁主义, 邓小平理论, 习近平新时代中国特色社会主义思想) before any particle or title.
    func beforeDoctrine(_ e: Int) -> Bool {
        var k = e
        while k + 2 <= text.count && k - e <= 14 && text[k].isIdeograph {
            if Words.doctrineHeads.contains(where: { reads(k..<(k + 2), $0) }) { return true }
            if text[k] == "的" || res.titles.longestMatch(in: text, from: k, limit: min(text.count, k + 8)) != nil
                || res.afterName.longestMatch(in: text, from: k, limit: min(text.count, k + 4)) != nil { return false }
            k += 1
        }
        return false
    }

    /// The end of 某某 (or, after a bounded surname, a lone 某 that a name-ending word follows) at `i`.
    func someoneEnd(_ i: Int, _ sentence: Sentence, bounded: Bool) -> Int? {
        guard i < sentence.end, text[i] == "某" else { return nil }
        if i + 1 < sentence.end && text[i + 1] == "某" { return i + 2 }
        guard bounded else { return nil }
        let e = i + 1
        if e == sentence.end || !text[e].isIdeograph || Words.leftStops.contains(text[e])
            || res.afterName.longestMatch(in: text, from: e, limit: sentence.end) != nil || res.speech.longestMatch(in: text, from: e, limit: sentence.end) != nil {
            return e
        }
        return nil
    }

    /// The start of an organ named only by its level right before a post at `i` (省委 + 副书记,
    /// 省卫生健康委 + 党组书记, 省安委会 + 主任): the guide keeps such an organ inside the title.
    /// `organInTitle`: the post carries its own organ (人大常委会主任), so the level alone may precede it (省).
    func levelOrganStart(before i: Int, _ sentence: Sentence, from: Int, organInTitle: Bool) -> Int? {
        guard !spans[from...].contains(where: { $0.end == i && $0.kind != .title && $0.kind != .per }) else { return nil }
        var k = i, best: Int? = nil
        while k > sentence.start && i - k < 24 {
            let c = text[k - 1]
            // A stop character ends the organ only as a word of its own (应对 is inside an organ's name).
            guard c.isIdeograph, !(Words.leftStops.contains(c) && boundary[k - 1] && boundary[k]) else { break }
            k -= 1
            if spans[from...].contains(where: { $0.start <= k && k < $0.end }) { break }
            let level = Words.levelChars.contains(text[k]) && boundary[k]
            guard level || Words.autonomousLevels.contains(where: { reads(k..<(k + 3), $0) }) else { continue }
            let before = k - 1
            if k == sentence.start || !text[before].isIdeograph || Words.leftStops.contains(text[before]) || boundary[before]
                || spans[from...].contains(where: { $0.end == k }) {
                best = k
            }
        }
        // The organ ends in an organisation head (委, 政府, 公安厅, 安委会 …) right before the post.
        guard let s = best else { return nil }
        if organInTitle && Phrase(text, s..<i).unicodeScalars.allSatisfy({ Words.levelChars.contains($0) || "自治".unicodeScalars.contains($0) }) {
            return s
        }
        guard i - s >= 2, (s + 1..<i).contains(where: { j in res.orgHeads.longestMatch(in: text, from: j, limit: i)?.end == i }) else { return nil }
        return s
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
            if Words.bylineRoles.contains(w) || Words.authorOnlyRoles.contains(w) {
                role = w
                spans.append(Span(kind: Words.authorOnlyRoles.contains(w) ? .role : .title, start: i, end: e))
            } else if role != nil, (2...5).contains(e - i), !Words.creditWords.contains(w),
                      !Words.bylineRoles.contains(where: { w.hasSuffix($0) }) {
                let n = (w.hasSuffix("摄") && e - i >= 3) ? e - 1 : e
                if n - i <= 4 { spans.append(Span(kind: .per, start: i, end: n)) }
            } else {
                role = nil
            }
            i = e
        }
    }

    /// Bylines inside body lines: （记者 张艳艳）, □ 本报通讯员 羊文智 刘海鹏, 文/邹佳贝, 作者：X Y — a byline
    /// role after an opener (start, space, bracket, box, bar), a separator, then names separated by spaces.
    func bracketBylines(in sentence: Sentence) {
        guard sentence.kind != .byline && sentence.kind != .furniture else { return }
        var i = sentence.start
        while i + 2 < sentence.end {
            guard let m = res.bylineRoles.longestMatch(in: text, from: i, limit: sentence.end) else { i += 1; continue }
            let opener: Unicode.Scalar = i > sentence.start ? text[i - 1] : " "
            let role = Words.bodyBylineRoles[Int(m.value)]
            guard i == sentence.start || opener.isWhiteSpace || Words.bylineOpeners.contains(opener), m.end < sentence.end,
                  text[m.end].isWhiteSpace || role.separators.contains(text[m.end]) else { i = m.end; continue }
            let names = bylineNames(from: m.end + 1, sentence)
            guard !names.isEmpty else { i = m.end; continue }
            let roleStart = reads(i..<min(i + 2, m.end), "本报") ? i + 2 : i
            // The title rules may have found the role and its first name already (本报通讯员 李大海).
            if !spans.contains(where: { $0.end == m.end && ($0.kind == .title || $0.kind == .role) }) {
                spans.append(Span(kind: role.isPost ? .title : .role, start: roleStart, end: m.end))
            }
            for n in names where !spans.contains(where: { $0.start == n.lowerBound && $0.kind == .per }) {
                spans.append(Span(kind: .per, start: n.lowerBound, end: n.upperBound))
            }
            i = names[names.count - 1].upperBound
        }
    }

    /// Names of 2–4 characters separated by spaces, starting at `i` after optional spaces.
    func bylineNames(from i: Int, _ sentence: Sentence) -> [Range<Int>] {
        var names: [Range<Int>] = []
        var k = i
        while true {
            while k < sentence.end && text[k].isWhiteSpace { k += 1 }
            var e = k
            while e < sentence.end && text[e].isIdeograph && e - k < 5 { e += 1 }
            guard (2...4).contains(e - k), e == sentence.end || !text[e].isIdeograph,
                  res.titles.longestMatch(in: text, from: k, limit: e) == nil, !Words.creditWords.contains(text.string(k..<e)) else { return names }
            names.append(k..<e)
            guard e < sentence.end, text[e].isWhiteSpace else { return names }
            k = e
        }
    }

    /// （李茜）: a name alone in brackets closing the article is its author.
    func closingAuthor() {
        guard let last = doc.sentences.last(where: { s in (s.start..<s.end).contains { text[$0].isIdeograph } }) else { return }
        var a = last.start, b = last.end
        while a < b && text[a].isWhiteSpace { a += 1 }
        while b > a && (text[b - 1].isWhiteSpace) { b -= 1 }
        guard b - a >= 4, b - a <= 6, "（(".unicodeScalars.contains(text[a]), "）)".unicodeScalars.contains(text[b - 1]),
              (a + 1..<b - 1).allSatisfy({ text[$0].isIdeograph }), Words.surnames.contains(text[a + 1]),
              !spans.contains(where: { $0.start < b - 1 && a + 1 < $0.end }) else { return }
        let name = Span(kind: .per, start: a + 1, end: b - 1)
        spans.append(name)
        author(name)
    }
}
