// Relations between the spans of a sentence: PART_OF along place chains, LOCATED_IN for an
// organisation and its place, HOLDS along apposition runs (with `org`), AUTHOR for bylines.
import Foundation
import ZhituCore

extension Builder {
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
                // A byline role joins its names across a separator (作者：X, 文/X).
                let joins = g.isEmpty || g == "、" || ((g == "，" || g == ",") && !pending.isEmpty && s.kind != .per && lastKind == .title)
                    || ((lastKind == .role || lastKind == .title) && s.kind == .per && [":", "：", "/"].contains(g))
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
                if let o = lastOrg, o.end == s.start {
                    org = str(o.start..<o.end)  // 政协 + 党组书记, 新华社 + 记者: the body written just before
                } else if isOrgless(form) {
                    org = nil
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
            case .role:
                if lastKind == .per { pending = [] }
                pending.append((s, nil))
            case .per:
                for (t, org) in pending where t.kind == .title { relation("HOLDS", s, t, org: org) }
                if pending.contains(where: { $0.0.kind == .role || Words.authorRoles.contains(str($0.0.start..<$0.0.end)) }) { author(s) }
                // Later names in a byline keep the role (美术编辑 李玉成 帕姆卓玛).
                if let last = pending.last, last.0.kind == .role || Words.bylineRoles.contains(str(last.0.start..<last.0.end)) {
                    pending = [last]
                } else {
                    pending = []
                }
                lastOrg = nil; lastPlace = nil
            }
            lastEnd = s.end
            lastKind = s.kind
        }
    }

    /// AUTHOR: a byline person wrote the document.
    func author(_ s: Span) {
        var a = Annotation(kind: .relation, type: "AUTHOR", text: str(s.start..<s.end), start: s.start, end: s.end)
        a.sentence = doc.sentenceIndex(at: s.start)
        a.head = a.text
        a.tail = doc.id
        if emitted.insert("AUTHOR|\(a.text)").inserted { output.append(a) }
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

    func standaloneLOC(_ t: String) -> Bool { locTexts.contains(t) }
}
