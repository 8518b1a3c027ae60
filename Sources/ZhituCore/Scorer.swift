// Scoring predictions against gold exactly as ANNOTATION.md "Scoring" (and score.py) define.
import Foundation

/// A gold or predicted record as read from JSON Lines; only the fields scoring uses.
public struct ScoredRecord: Decodable, Sendable {
    public var doc: String?
    public var kind: String?
    public var type: String?
    public var text: String?
    public var head: String?
    public var tail: String?
    public var value: AnnotationValue?
    public var unit: String?

    enum CodingKeys: String, CodingKey { case doc, kind, type, text, head, tail, value, unit }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func str(_ k: CodingKeys) -> String? {
            if let s = try? c.decodeIfPresent(String.self, forKey: k) { return s }
            if let d = try? c.decodeIfPresent(Double.self, forKey: k) { return JSONWriter.number(d) }
            return nil
        }
        doc = str(.doc); kind = str(.kind); type = str(.type); text = str(.text)
        head = str(.head); tail = str(.tail); unit = str(.unit)
        value = try? c.decodeIfPresent(AnnotationValue.self, forKey: .value)
    }

    public init(annotation a: Annotation, doc: String) {
        self.doc = doc; kind = a.kind.rawValue; type = a.type; text = a.text
        head = a.head; tail = a.tail; value = a.value; unit = a.unit
    }

    struct Key: Hashable { var kind: String; var type: String?; var a: String; var b: String? }

    var key: Key? {
        let n = TextNormal.compareKey
        switch kind {
        case "entity": return Key(kind: "entity", type: type, a: n(text ?? ""), b: nil)
        case "relation": return Key(kind: "relation", type: type, a: n(head ?? ""), b: n(tail ?? ""))
        case "number", "slogan", "term": return Key(kind: kind!, type: nil, a: n(text ?? ""), b: nil)
        default: return nil
        }
    }
}

public struct Score: Sendable, Equatable {
    public var tp = 0, predicted = 0, gold = 0
    public var precision: Double { predicted == 0 ? 0 : Double(tp) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(tp) / Double(gold) }
    public var f1: Double { let p = precision, r = recall; return p + r == 0 ? 0 : 2 * p * r / (p + r) }
}

public struct LenientScore: Sendable, Equatable {
    public var precision: Double, recall: Double
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

public struct ScoreReport: Sendable {
    /// By group name: `entity`, `entity.PER`, `number`, `relation`, `slogan`, `term`.
    public var groups: [String: Score] = [:]
    public var valueAccuracy: Double?
    public var lenient: [String: LenientScore] = [:]

    /// Lines in score.py's format.
    public var lines: [String] {
        var out: [String] = []
        func f(_ d: Double) -> String { String(format: "%.3f", (d * 1000).rounded() / 1000) }
        func pad(_ s: String) -> String { s.padding(toLength: max(18, s.count), withPad: " ", startingAt: 0) }
        for name in groups.keys.sorted() {
            let s = groups[name]!
            out.append("\(pad(name)) P \(f(s.precision))  R \(f(s.recall))  F1 \(f(s.f1))  (\(s.tp)/\(s.predicted)/\(s.gold))")
        }
        if let v = valueAccuracy { out.append("\(pad("number.value_accuracy")) \(String((v * 1000).rounded() / 1000))") }
        for kind in ["slogan", "term"] {
            if let l = lenient[kind] { out.append("\(pad(kind + ".lenient")) P \(f(l.precision))  R \(f(l.recall))  F1 \(f(l.f1))") }
        }
        return out
    }
}

public enum Scorer {
    /// Reads JSON Lines records; a bad line is an error naming file and line.
    public static func load(_ path: String) throws -> [ScoredRecord] {
        let data: Data
        do { data = try ReadableFile.data(path) } catch let e as FileProblem { throw LexiconError(file: path, line: nil, message: e.reason) }
        var out: [ScoredRecord] = []
        let dec = JSONDecoder()
        for (i, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do { out.append(try dec.decode(ScoredRecord.self, from: Data(line))) } catch {
                throw LexiconError(file: path, line: i + 1, message: "bad JSON record")
            }
        }
        return out
    }

    static func valueOK(_ g: ScoredRecord, _ p: ScoredRecord) -> Bool {
        let same: Bool
        switch (g.value, p.value) {
        case let (.number(a)?, .number(b)?): same = abs(a - b) <= 1e-6 * max(1, abs(a))
        default:
            func s(_ v: AnnotationValue?) -> String {
                switch v { case .number(let d)?: return TextNormal.compareKey(JSONWriter.number(d)); case .string(let x)?: return TextNormal.compareKey(x); case nil: return "" }
            }
            same = s(g.value) == s(p.value)
        }
        return same && TextNormal.compareKey(g.unit ?? "") == TextNormal.compareKey(p.unit ?? "")
    }

    /// Scores `predicted` against `gold` over the documents of `gold` (or `docs`).
    public static func score(gold: [ScoredRecord], predicted: [ScoredRecord], docs: Set<String>? = nil) -> ScoreReport {
        let docSet = docs ?? Set(gold.compactMap(\.doc))
        var G: [String: [ScoredRecord.Key: ScoredRecord]] = [:]
        var P: [String: [ScoredRecord.Key: ScoredRecord]] = [:]
        for r in gold { if let d = r.doc, docSet.contains(d), let k = r.key { G[d, default: [:]][k] = r } }
        for r in predicted { if let d = r.doc, docSet.contains(d), let k = r.key, P[d]?[k] == nil { P[d, default: [:]][k] = r } }
        var report = ScoreReport()
        var valueHits = 0, valueTotal = 0
        var len: [String: (gh: Int, ng: Int, ph: Int, np: Int)] = [:]
        for d in docSet {
            let g = G[d] ?? [:], p = P[d] ?? [:]
            for k in Set(g.keys).union(p.keys) {
                var names = [k.kind]
                if k.kind == "entity" { names.append("entity.\(k.type ?? "None")") }
                for n in names {
                    var s = report.groups[n] ?? Score()
                    if g[k] != nil && p[k] != nil { s.tp += 1 }
                    if p[k] != nil { s.predicted += 1 }
                    if g[k] != nil { s.gold += 1 }
                    report.groups[n] = s
                }
                if k.kind == "number", let gr = g[k], let pr = p[k] {
                    valueTotal += 1
                    if valueOK(gr, pr) { valueHits += 1 }
                }
            }
            for kind in ["slogan", "term"] {
                let gt = g.keys.filter { $0.kind == kind }.map(\.a)
                let pt = p.keys.filter { $0.kind == kind }.map(\.a)
                func close(_ a: String, _ b: String) -> Bool { (a.contains(b) || b.contains(a)) && abs(a.unicodeScalars.count - b.unicodeScalars.count) <= 2 }
                let gh = gt.filter { x in pt.contains { close(x, $0) } }.count
                let ph = pt.filter { x in gt.contains { close($0, x) } }.count
                var l = len[kind] ?? (0, 0, 0, 0)
                l.gh += gh; l.ng += gt.count; l.ph += ph; l.np += pt.count
                len[kind] = l
            }
        }
        if valueTotal > 0 { report.valueAccuracy = Double(valueHits) / Double(valueTotal) }
        for (kind, l) in len where l.ng > 0 || l.np > 0 {
            report.lenient[kind] = LenientScore(precision: l.np == 0 ? 0 : Double(l.ph) / Double(l.np), recall: l.ng == 0 ? 0 : Double(l.gh) / Double(l.ng))
        }
        return report
    }
}
