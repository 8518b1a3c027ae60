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
            guard let t = titleAt(i, sentence), !spans[from...].contains(where: { $0.start <= i && i < $0.end && $0.kind != .loc }) else { i += 1; continue }
            var start = i
            var organ = res.titleOrganLength[t.form]
            let form = res.titleForms[t.form]
            let levelStart = levelOrganStart(before: i, sentence, from: from)
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
        for k in sentence.start..<max(sentence.start, sentence.end - 1) where Words.surnames.contains(text[k])
            && (k == sentence.start || !text[k - 1].isIdeograph || Words.leftStops.contains(text[k - 1])) {
            if let a = Words.addressAfterSurname.first(where: { reads((k + 1)..<(k + 3), $0) }) {
                spans.append(Span(kind: .per, start: k, end: k + 1 + a.unicodeScalars.count))
            } else if let e = someoneEnd(k + 1, sentence), !spans[from...].contains(where: { $0.start < e && k < $0.end }) {
                spans.append(Span(kind: .per, start: k, end: e))
            }
        }
    }

    /// The end of 某某 (or a lone 某 that a name-ending word follows) at `i`, after a surname.
    func someoneEnd(_ i: Int, _ sentence: Sentence) -> Int? {
        guard i < sentence.end, text[i] == "某" else { return nil }
        if i + 1 < sentence.end && text[i + 1] == "某" { return i + 2 }
        let e = i + 1
        if e == sentence.end || !text[e].isIdeograph || Words.leftStops.contains(text[e])
            || res.afterName.longestMatch(in: text, from: e, limit: sentence.end) != nil || res.speech.longestMatch(in: text, from: e, limit: sentence.end) != nil {
            return e
        }
        return nil
    }

    /// The start of an organ named only by its level right before a post at `i` (省委 + 副书记,
    /// 省卫生健康委 + 党组书记, 省安委会 + 主任): the guide keeps such an organ inside the title.
    func levelOrganStart(before i: Int, _ sentence: Sentence, from: Int) -> Int? {
        guard !spans[from...].contains(where: { $0.end == i && $0.kind != .title && $0.kind != .per }) else { return nil }
        var k = i, best: Int? = nil
        while k > sentence.start && i - k < 14 {
            let c = text[k - 1]
            guard c.isIdeograph, !Words.leftStops.contains(c) else { break }
            k -= 1
            if spans[from...].contains(where: { $0.start <= k && k < $0.end }) { break }
            guard Words.levelChars.contains(text[k]), boundary[k] else { continue }
            let before = k - 1
            if k == sentence.start || !text[before].isIdeograph || Words.leftStops.contains(text[before]) || boundary[before]
                || spans[from...].contains(where: { $0.end == k }) {
                best = k
            }
        }
        // The organ ends in an organisation head (委, 政府, 公安厅, 安委会 …) right before the post.
        guard let s = best, i - s >= 2, (s + 1..<i).contains(where: { j in
            res.orgHeads.longestMatch(in: text, from: j, limit: i)?.end == i
        }) else { return nil }
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
}
