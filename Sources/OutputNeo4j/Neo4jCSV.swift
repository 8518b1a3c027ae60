// The neo4j-admin import CSVs: one nodes file per node type, one relationships file per edge type.
import ZhituCore

extension Neo4jWriter {
    /// A typed property column: `name:type` in the header.
    struct Column: Equatable {
        var name: String
        var type: String   // int, double, boolean, string, string[]
        var header: String { type == "string" ? name : "\(name):\(type)" }
    }

    /// The column types of the properties seen so far, widened as values come.
    struct ColumnTypes {
        var excluding: Set<String>
        var types: [String: String] = [:]

        mutating func add(_ props: [String: GraphValue]) {
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

        var columns: [Column] { types.keys.sorted().map { Column(name: $0, type: types[$0]!) } }
    }

    static func columnTypes(_ all: [[String: GraphValue]], excluding: Set<String>) -> [Column] {
        var c = ColumnTypes(excluding: excluding)
        all.forEach { c.add($0) }
        return c.columns
    }

    static let fixedNode: Set<String> = ["id", "name", "count", "docs"]
    static let fixedEdge: Set<String> = ["count", "evidence_doc", "evidence_sentence", "evidence_start", "evidence_end", "evidence"]

    /// File name → contents, sorted by name: one nodes file per node type, one rels file per edge type.
    public static func csvFiles<G: GraphSource>(_ graph: G) -> [(String, String)] {
        var files: [String: String] = [:]
        try! csv(graph) { name in { files[name, default: ""] += $0 } }
        return files.keys.sorted().map { ($0, files[$0]!) }
    }

    /// Writes the CSV files in two passes over the graph (column types, then rows): `file`
    /// gives the writer of the named file, asked for once per file, rows in graph order.
    /// `node` and `edge` see every node and edge of the second pass, in graph order (for
    /// graph.cypher, which then needs no pass of its own).
    static func csv<G: GraphSource>(_ graph: G, file: (String) throws -> ((String) throws -> Void),
                                    node: (GraphNode) throws -> Void = { _ in }, edge: (GraphEdge) throws -> Void = { _ in }) throws {
        let g = graph.withEdgeEnds()
        // Pass 1: per node type, its property columns and whether docs must be JSON text.
        var nodeColumns: [String: ColumnTypes] = [:]
        var docsAsJSON: [String: Bool] = [:]
        for n in g.nodeStream() {
            nodeColumns[n.type, default: ColumnTypes(excluding: fixedNode)].add(n.properties)
            if docsAsJSON[n.type] != true { docsAsJSON[n.type] = n.docs.contains { $0.contains(";") } }
        }
        var edgeColumns: [String: ColumnTypes] = [:]
        for e in g.edgeStream() { edgeColumns[e.type, default: ColumnTypes(excluding: fixedEdge)].add(e.properties) }

        // Pass 2: rows, each to its type's file.
        var nodeFiles: [String: (write: (String) throws -> Void, columns: [Column], docsAsJSON: Bool)] = [:]
        for n in g.nodeStream() {
            if nodeFiles[n.type] == nil {
                let cols = nodeColumns[n.type]!.columns, json = docsAsJSON[n.type]!
                let w = try file("nodes_\(fileSafe(n.type)).csv")
                try w(csvLine(["id:ID(\(idSpace))", ":LABEL", "name", "count:int", json ? "docs" : "docs:string[]"] + cols.map(\.header)))
                nodeFiles[n.type] = (w, cols, json)
            }
            let f = nodeFiles[n.type]!
            var row = [n.id, "\(idSpace);\(n.type)", n.name, String(n.count), f.docsAsJSON ? GraphValue.strings(n.docs).json : arrayField(n.docs)]
            for c in f.columns { row.append(n.properties[c.name].map { field($0, as: c.type) } ?? "") }
            try f.write(csvLine(row))
            try node(n)
        }
        var edgeFiles: [String: (write: (String) throws -> Void, columns: [Column])] = [:]
        for e in g.edgeStream() {
            if edgeFiles[e.type] == nil {
                let cols = edgeColumns[e.type]!.columns
                let w = try file("rels_\(fileSafe(e.type)).csv")
                try w(csvLine([":START_ID(\(idSpace))", ":END_ID(\(idSpace))", ":TYPE", "count:int", "evidence_doc", "evidence_sentence",
                               "evidence_start:int", "evidence_end:int", "evidence"] + cols.map(\.header)))
                edgeFiles[e.type] = (w, cols)
            }
            let f = edgeFiles[e.type]!
            let ev = e.evidence.first
            var row = [e.source, e.target, e.type, String(e.count), ev?.doc ?? "", ev?.sentence ?? "",
                       ev.map { String($0.start) } ?? "", ev.map { String($0.end) } ?? "", e.evidence.isEmpty ? "" : evidenceJSON(e.evidence)]
            for c in f.columns { row.append(e.properties[c.name].map { field($0, as: c.type) } ?? "") }
            try f.write(csvLine(row))
            try edge(e)
        }
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
