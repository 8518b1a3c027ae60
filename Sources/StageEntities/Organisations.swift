// Organisations: unique national bodies, and head nouns (公安局, 有限公司 …) with the place or
// modifier before them; venues after a place; communities acting as bodies.
import Foundation
import ZhituCore

extension Builder {
    func orgs(in sentence: Sentence, from: Int) {
        var i = sentence.start
        while i < sentence.end {
            if boundary[i], let u = res.uniqueOrgs.longestMatch(in: text, from: i, limit: sentence.end),
               boundary[u.end] || !text[u.end].isIdeograph || res.orgHeads.longestMatch(in: text, from: u.end, limit: sentence.end) != nil,
               (res.titles.longestMatch(in: text, from: i, limit: sentence.end)?.end ?? 0) <= u.end,
               !spans[from...].contains(where: { $0.start < u.end && i < $0.end && $0.kind != .loc }) {
                var end = u.end
                while let x = res.orgHeads.longestMatch(in: text, from: end, limit: sentence.end),
                      res.orgHeadsByValue[Int(x.value)].isExtension { end = x.end }
                end = subUnitEnd(after: end, sentence)
                spans.append(Span(kind: .org, start: i, end: end))
                i = end
                continue
            }
            guard let h = res.orgHeads.longestMatch(in: text, from: i, limit: sentence.end) else { i += 1; continue }
            let head = res.orgHeadsByValue[Int(h.value)]
            // 会议中心, 体育中心: a venue, not a body (the venue rule below makes it a place).
            if head.isCentre, (max(sentence.start, i - 4)..<i).contains(where: { res.venues.longestMatch(in: text, from: $0, limit: h.end)?.end == h.end }) {
                i = h.end
                continue
            }
            // 台湾局势: a one-character head must end a word.
            if head.length == 1 && !boundary[h.end] { i += 1; continue }
            // Organ words that stay in a title (村委会主任) are not organisations here.
            if head.staysInTitle, res.titles.longestMatch(in: text, from: i, limit: sentence.end) != nil { i = h.end; continue }
            if var o = orgStart(headStart: i, headEnd: h.end, head: head, sentence: sentence, from: from),
               (res.titles.longestMatch(in: text, from: o, limit: sentence.end)?.end ?? 0) <= h.end {  // 全国人大代表 is a post
                var h = h
                // 政法委 + 办公室: the office of a body is one ORG.
                while let x = res.orgHeads.longestMatch(in: text, from: h.end, limit: sentence.end),
                      res.orgHeadsByValue[Int(x.value)].isExtension { h = x }
                // A cooperative with its own brand name drops the village before it.
                if head.isCooperative, let p = spans[from...].last(where: { $0.kind == .loc && $0.start == o && $0.fromPattern }), i - p.end >= 2 {
                    o = p.end
                }
                // The place it starts with is folded into the ORG.
                var embedded: Range<Int>? = nil
                spans.removeAll { s in
                    if s.kind == .loc && s.start >= o && s.end <= h.end { if embedded == nil, s.start == o { embedded = s.start..<s.end }; return true }
                    return false
                }
                // 中国青海网, 中共甘肃省委: the national prefix belongs to the name, not to its place.
                if o >= sentence.start + 2, reads((o - 2)..<o, "中国") || reads((o - 2)..<o, "中共"), boundary[o - 2] { o -= 2 }
                let end = subUnitEnd(after: h.end, sentence)
                spans.append(Span(kind: .org, start: o, end: end, embedded: embedded))
                i = end
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
            // 幸福社区党委书记: the community's party committee is the body, the community a place.
            let organ = res.titleOrganLength[Int(t.value)]
            for len in [3, 2] where c - len >= sentence.start {
                let p = c - len
                let prefix = Phrase(text, p..<c)
                guard boundary[p], organ > 0 || !words.contains(p << 32 | c), (p..<c).allSatisfy({ text[$0].isIdeograph && !Words.leftStops.contains(text[$0]) }),
                      !Words.genericPlacePrefixes.contains(where: { prefix.hasPrefix($0) || prefix.hasSuffix($0) }),
                      !prefix.unicodeScalars.contains(where: { Words.numeralChars.contains($0) }) else { continue }
                if len == 3 && words.contains((p + 1) << 32 | c) { continue }
                if organ > 0 {
                    spans.append(Span(kind: .loc, start: p, end: c + 2, fromPattern: true))
                    spans.append(Span(kind: .org, start: p, end: c + 2 + organ, embedded: p..<(c + 2)))
                } else {
                    spans.append(Span(kind: .org, start: p, end: c + 2))
                }
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


    /// The end of a section written right after an organisation (…应急管理局 + 监管科, …法院 + 立案庭):
    /// 1–3 characters ending in a section head, ending a word, and not a post (局长).
    func subUnitEnd(after e: Int, _ sentence: Sentence) -> Int {
        guard e < sentence.end, boundary[e], res.titles.longestMatch(in: text, from: e, limit: sentence.end) == nil else { return e }
        for k in 2...4 where e + k <= sentence.end {
            let end = e + k
            guard (e..<end).allSatisfy({ text[$0].isIdeograph && !Words.leftStops.contains(text[$0]) }) else { return e }
            if Words.subUnitHeads.contains(text[end - 1]), boundary[end] { return end }
        }
        return e
    }

    /// The start of an organisation whose head noun is at headStart: the nearest place (or ORG
    /// end, or national prefix) before it with at most a few modifier characters between.
    func orgStart(headStart: Int, headEnd: Int, head: OrgHead, sentence: Sentence, from: Int) -> Int? {
        let maxGap = head.maxGap
        // A place ending at or before the head.
        var k = headStart
        var gap = 0
        while k > sentence.start && gap <= maxGap {
            if let p = spans[from...].last(where: { $0.kind == .loc && $0.end == k }) {
                return p.start
            }
            if spans[from...].contains(where: { ($0.kind == .org || $0.kind == .title) && $0.end == k }) {
                return gap >= 2 && gap <= 4 && head.length >= 2 && boundary[k] ? k : nil
            }
            // 国家 + 统计 + 局 is a body; 国家银行, 国家科学中心 are kinds of things, not names.
            for n in Words.nationalPrefixes where head.takesNationalPrefix && (1...4).contains(gap)
                && k - n.unicodeScalars.count >= sentence.start
                && reads((k - n.unicodeScalars.count)..<k, n) {
                return k - n.unicodeScalars.count
            }
            let c = text[k - 1]
            guard c.isIdeograph, !Words.leftStops.contains(c) else { break }
            k -= 1
            gap += 1
        }
        // No place: companies and cooperatives with a brand name bounded on the left.
        if head.isLimitedCompany, gap >= 2, gap <= maxGap {
            if k == sentence.start || isPunct(k - 1) || Words.leftStops.contains(text[k - 1]) { return k }
        }
        // A quoted office name (“双基办”).
        if headStart > sentence.start && text[headStart - 1] == "“" && headEnd < sentence.end && text[headEnd] == "”" { return headStart }
        return nil
    }
}
