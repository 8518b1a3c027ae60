// The neo4j-admin import CSVs: one nodes file per node type, one relationships file per edge type.
import ZhituCore

extension Neo4jWriter {
    /// A typed property column: `name:type` in the header.
    struct Column: Equatable {
        var name: String
        var type: String   // int, double, boolean, string, string[]
        var header: String { type == "string" ? name : "\(name):\(type)" }
    }

    static func columnTypes(_ all: [[String: GraphValue]], excluding: Set<String>) -> [Column] {
        var types: [String: String] = [:]
        for props in all {
            for (k, v) in props where !excluding.contains(k) {
                let t: String
                switch v {
                case .bool: t = "boolean"
                case .int: t = "long"
                case .double: t = "double"
                case .string: t = "string"
                // a list whose items hold the array delimiter is written as JSON text instead
                case .strings(let l): t = l.contains { $0.contains(";") } ? "string" : "string[]"
                }
                if let old = types[k], old != t {
                    types[k] = (["long", "double"].contains(old) && ["long", "double"].contains(t)) ? "double" : "string"
                } else {
                    types[k] = t
                }
            }
        }
        return types.keys.sorted().map { Column(name: $0, type: types[$0]!) }
    }

    /// File name → contents, sorted by name: one nodes file per node type, one rels file per edge type.
    public static func csvFiles(_ graph: KnowledgeGraph) -> [(String, String)] {
        let g = graph.withEdgeEnds()
        var files: [(String, String)] = []
        let byType = Dictionary(grouping: g.nodes, by: \.type)
        let fixedNode: Set<String> = ["id", "name", "count", "docs"]
        for type in byType.keys.sorted() {
            let nodes = byType[type]!
            let cols = columnTypes(nodes.map(\.properties), excluding: fixedNode)
            let docsAsJSON = nodes.contains { $0.docs.contains { $0.contains(";") } }
            var out = csvLine(["id:ID(\(idSpace))", ":LABEL", "name", "count:int", docsAsJSON ? "docs" : "docs:string[]"] + cols.map(\.header))
            for n in nodes {
                var row = [n.id, "\(idSpace);\(n.type)", n.name, String(n.count), docsAsJSON ? GraphValue.strings(n.docs).json : arrayField(n.docs)]
                for c in cols { row.append(n.properties[c.name].map { field($0, as: c.type) } ?? "") }
                out += csvLine(row)
            }
            files.append(("nodes_\(fileSafe(type)).csv", out))
        }
        let edgesByType = Dictionary(grouping: g.edges, by: \.type)
        let fixedEdge: Set<String> = ["count", "evidence_doc", "evidence_sentence", "evidence_start", "evidence_end", "evidence"]
        for type in edgesByType.keys.sorted() {
            let edges = edgesByType[type]!
            let cols = columnTypes(edges.map(\.properties), excluding: fixedEdge)
            var out = csvLine([":START_ID(\(idSpace))", ":END_ID(\(idSpace))", ":TYPE", "count:int", "evidence_doc", "evidence_sentence",
                               "evidence_start:int", "evidence_end:int", "evidence"] + cols.map(\.header))
            for e in edges {
                let ev = e.evidence.first
                var row = [e.source, e.target, e.type, String(e.count), ev?.doc ?? "", ev?.sentence ?? "",
                           ev.map { String($0.start) } ?? "", ev.map { String($0.end) } ?? "", e.evidence.isEmpty ? "" : evidenceJSON(e.evidence)]
                for c in cols { row.append(e.properties[c.name].map { field($0, as: c.type) } ?? "") }
                out += csvLine(row)
            }
            files.append(("rels_\(fileSafe(type)).csv", out))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    static func evidenceJSON(_ evidence: [Evidence]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for ev in evidence {
            w.beginObject(); w.field("doc", ev.doc); w.field("sentence", ev.sentence); w.field("start", ev.start); w.field("end", ev.end); w.endObject()
        }
        w.endArray()
        return w.text
    }

    /// Array values joined by neo4j-admin's default array delimiter `;`.
    static func arrayField(_ items: [String]) -> String { items.joined(separator: ";") }

    static func field(_ v: GraphValue, as type: String) -> String {
        switch v {
        case .string(let s): return s
        case .strings(let l): return type == "string[]" ? arrayField(l) : v.json
        case .int(let i): return type == "double" ? String(Double(i)) : String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "true" : "false"
        }
    }

    /// One CSV record: every field quoted, quotes doubled; newlines stay inside the quotes
    /// (import with `--multiline-fields=true` when names or sentences hold line breaks).
    static func csvLine(_ fields: [String]) -> String {
        var out = ""
        for (i, f) in fields.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            if f.utf8.contains(UInt8(ascii: "\"")) {
                for u in f.unicodeScalars {
                    if u == "\"" { out += "\"\"" } else { out.unicodeScalars.append(u) }
                }
            } else {
                out += f
            }
            out += "\""
        }
        return out + "\n"
    }

    static func fileSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "_" || u == "-") ? u : "_"
        }))
    }
}
