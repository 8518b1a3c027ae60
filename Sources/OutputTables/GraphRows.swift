// The table rows recovered from a graph, for `zhitu export` from a graph.json, which has no
// per-document records: Measurement nodes (their MENTIONS evidence gives the sentence) and
// the MENTIONS edges from each Document to its slogans and terms (their count is the
// document's count). Without this the tables came out header-only from a full graph.
import ZhituCore

enum GraphRows {
    /// measurements.csv rows (without the header), documents in id order, numbers by offset.
    static func measurements<G: GraphSource>(_ g: G) -> [[String]] {
        var sentence: [String: String] = [:]
        for e in g.edgeStream() where e.type == "MENTIONS" && e.target.hasPrefix("measurement:") {
            if let s = e.evidence.first?.sentence { sentence[e.target] = s }
        }
        var rows: [(doc: String, start: Int, row: [String])] = []
        for n in g.nodeStream() where n.type == "Measurement" {
            // ids are measurement:<doc>:<start>; the document id may itself hold colons
            let doc = n.docs.first ?? ""
            let start = Int(n.id.split(separator: ":").last ?? "") ?? 0
            func text(_ key: String) -> String {
                switch n.properties[key] {
                case .string(let s)?: return s
                case .int(let i)?: return String(i)
                case .double(let d)?: return JSONWriter.number(d)
                default: return ""
                }
            }
            // A graph written before values were typed holds a date's text in `value`.
            let oldDate: String? = if case .string(let s)? = n.properties["value"] { s } else { nil }
            let row = [doc, text("date"), text("subject"), oldDate == nil ? text("value") : "", text("value_to"), oldDate ?? text("value_date"),
                       text("unit"), text("qualifier"), text("numtype"),
                       n.properties["text"] == nil ? n.name : text("text"), sentence[n.id] ?? ""]
            rows.append((doc, start, row))
        }
        rows.sort { ($0.doc, $0.start) < ($1.doc, $1.start) }
        return rows.map(\.row)
    }

    /// discourse.csv rows (without the header): per document in id order, slogans then terms by text.
    static func discourse<G: GraphSource>(_ g: G) -> [[String]] {
        var phrases: [String: (kind: String, text: String)] = [:]
        var dates: [String: String] = [:]
        for n in g.nodeStream() {
            switch n.type {
            case "Slogan": phrases[n.id] = ("slogan", n.name)
            case "Term": phrases[n.id] = ("term", n.name)
            case "Document": if case .string(let d)? = n.properties["date"] { dates[n.id] = d }
            default: break
            }
        }
        var rows: [(doc: String, key: String, row: [String])] = []
        for e in g.edgeStream() where e.type == "MENTIONS" && e.source.hasPrefix("doc:") {
            guard let p = phrases[e.target] else { continue }
            let doc = String(e.source.dropFirst(4))
            rows.append((doc, p.kind + "\u{1}" + p.text, [p.kind, p.text, doc, dates[e.source] ?? "", String(e.count)]))
        }
        rows.sort { ($0.doc, $0.key) < ($1.doc, $1.key) }
        return rows.map(\.row)
    }
}
