// graph.cypher: MERGE statements, one a line, for loading into a running database.
import Foundation
import ZhituCore

extension Neo4jWriter {
    /// MERGE statements, one per line: a uniqueness constraint, the run (when `provenance` is
    /// given), the nodes, then the edges.
    public static func cypher<G: GraphSource>(_ g: G, provenance: Provenance? = nil, _ emit: (String) throws -> Void) throws {
        try emit(cypherHeader(g, provenance: provenance))
        for n in g.nodeStream() { try emit(cypher(n)) }
        for e in g.edgeStream() { try emit(cypher(e)) }
    }

    /// The lines before the nodes: the graph's size, the uniqueness constraint and the run.
    static func cypherHeader<G: GraphSource>(_ g: G, provenance: Provenance?) -> String {
        "// zhitu graph \(literal(.string(g.name))): \(g.nodeCount) nodes, \(g.edgeCount) edges\n"
            + "CREATE CONSTRAINT zhitu_node_id IF NOT EXISTS FOR (n:\(idSpace)) REQUIRE n.id IS UNIQUE;\n"
            + (provenance.map(runCypher) ?? "")
    }

    /// A node's MERGE line.
    static func cypher(_ n: GraphNode) -> String {
        var sets = ["n.name = \(literal(.string(n.name)))", "n.count = \(n.count)", "n.docs = \(literal(.strings(n.docs)))"]
        for k in n.properties.keys.sorted() where !["id", "name", "count", "docs"].contains(k) {
            sets.append("n.\(name(k)) = \(literal(n.properties[k]!))")
        }
        return "MERGE (n:\(idSpace) {id: \(literal(.string(n.id)))}) SET n:\(name(n.type)), \(sets.joined(separator: ", "));\n"
    }

    /// An edge's MATCH … MERGE line.
    static func cypher(_ e: GraphEdge) -> String {
        let key = e.properties.keys.sorted().map { "\(name($0)): \(literal(e.properties[$0]!))" }
        var sets = ["r.count = \(e.count)"]
        if let ev = e.evidence.first {
            sets += ["r.evidence_doc = \(literal(.string(ev.doc)))", "r.evidence_sentence = \(literal(.string(ev.sentence)))",
                     "r.evidence_start = \(ev.start)", "r.evidence_end = \(ev.end)", "r.evidence = \(literal(.string(evidenceJSON(e.evidence))))"]
        }
        return "MATCH (a:\(idSpace) {id: \(literal(.string(e.source)))}), (b:\(idSpace) {id: \(literal(.string(e.target)))}) "
            + "MERGE (a)-[r:\(name(e.type))\(key.isEmpty ? "" : " {" + key.joined(separator: ", ") + "}")]->(b) SET \(sets.joined(separator: ", "));\n"
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
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x27 || $0 == 0x5C }) { return "'" + s + "'" }   // nothing to escape
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
