// Neo4j: neo4j/nodes_<Type>.csv and neo4j/rels_<TYPE>.csv for `neo4j-admin database import`,
// and graph.cypher with MERGE statements for loading into a running database.
import Foundation
import ZhituCore

public struct Neo4jWriter: OutputWriter {
    public static let format = "neo4j"
    public static let summary = "neo4j/nodes_*.csv, neo4j/rels_*.csv (neo4j-admin database import) and graph.cypher (MERGE statements)."
    public init() {}

    /// The ID space of every node, and the label every node carries besides its type.
    public static let idSpace = "Node"

    public func write(_ output: RunOutput, to directory: URL) throws {
        let g = output.graph.withEdgeEnds()
        let dir = directory.appendingPathComponent("neo4j")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in Self.csvFiles(g) {
            try AtomicFile.write(text, to: dir.appendingPathComponent(name).path)
        }
        try AtomicFile.write(to: directory.appendingPathComponent("graph.cypher").path) { file in
            try Self.cypher(g) { try file.write(contentsOf: Data($0.utf8)) }
        }
    }

    // MARK: CSV

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
                case .strings: t = "string[]"
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
            var out = csvLine(["id:ID(\(idSpace))", ":LABEL", "name", "count:int", "docs:string[]"] + cols.map(\.header))
            for n in nodes {
                var row = [n.id, "\(idSpace);\(n.type)", n.name, String(n.count), arrayField(n.docs)]
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
            out += f.replacingOccurrences(of: "\"", with: "\"\"")
            out += "\""
        }
        return out + "\n"
    }

    static func fileSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "_" || u == "-") ? u : "_"
        }))
    }

    // MARK: Cypher

    /// MERGE statements, one per line: a uniqueness constraint, the nodes, then the edges.
    public static func cypher(_ g: KnowledgeGraph, _ emit: (String) throws -> Void) throws {
        try emit("// zhitu graph \(literal(.string(g.name))): \(g.nodes.count) nodes, \(g.edges.count) edges\n")
        try emit("CREATE CONSTRAINT zhitu_node_id IF NOT EXISTS FOR (n:\(idSpace)) REQUIRE n.id IS UNIQUE;\n")
        for n in g.nodes {
            var sets = ["n.name = \(literal(.string(n.name)))", "n.count = \(n.count)", "n.docs = \(literal(.strings(n.docs)))"]
            for k in n.properties.keys.sorted() where !["id", "name", "count", "docs"].contains(k) {
                sets.append("n.\(name(k)) = \(literal(n.properties[k]!))")
            }
            try emit("MERGE (n:\(idSpace) {id: \(literal(.string(n.id)))}) SET n:\(name(n.type)), \(sets.joined(separator: ", "));\n")
        }
        for e in g.edges {
            let key = e.properties.keys.sorted().map { "\(name($0)): \(literal(e.properties[$0]!))" }
            var sets = ["r.count = \(e.count)"]
            if let ev = e.evidence.first {
                sets += ["r.evidence_doc = \(literal(.string(ev.doc)))", "r.evidence_sentence = \(literal(.string(ev.sentence)))",
                         "r.evidence_start = \(ev.start)", "r.evidence_end = \(ev.end)", "r.evidence = \(literal(.string(evidenceJSON(e.evidence))))"]
            }
            try emit("MATCH (a:\(idSpace) {id: \(literal(.string(e.source)))}), (b:\(idSpace) {id: \(literal(.string(e.target)))}) "
                     + "MERGE (a)-[r:\(name(e.type))\(key.isEmpty ? "" : " {" + key.joined(separator: ", ") + "}")]->(b) SET \(sets.joined(separator: ", "));\n")
        }
    }

    /// A label, relationship type or property name, backquoted unless a plain identifier.
    static func name(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
            && !("0"..."9").contains(s.unicodeScalars.first!)
        return plain ? s : "`" + s.replacingOccurrences(of: "`", with: "``") + "`"
    }

    static func literal(_ v: GraphValue) -> String {
        switch v {
        case .string(let s): return quote(s)
        case .strings(let l): return "[" + l.map(quote).joined(separator: ", ") + "]"
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? String(d) : "null"
        case .bool(let b): return b ? "true" : "false"
        }
    }

    /// A Cypher string literal in single quotes.
    static func quote(_ s: String) -> String {
        var out = "'"
        for u in s.unicodeScalars {
            switch u {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "'"
    }
}
