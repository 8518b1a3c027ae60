// graph.cypher: MERGE statements, one a line, for loading into a running database.
import ZhituCore

extension Neo4jWriter {
    /// MERGE statements, one per line: a uniqueness constraint, the run (when `provenance` is
    /// given), the nodes, then the edges.
    public static func cypher<G: GraphSource>(_ g: G, provenance: Provenance? = nil, _ emit: (String) throws -> Void) throws {
        try emit(cypherHeader(g, provenance: provenance))
        var line: [UInt8] = []
        for n in g.nodeStream() {
            line.removeAll(keepingCapacity: true)
            appendCypher(n, to: &line)
            try emit(String(decoding: line, as: UTF8.self))
        }
        for e in g.edgeStream() {
            line.removeAll(keepingCapacity: true)
            appendCypher(e, to: &line)
            try emit(String(decoding: line, as: UTF8.self))
        }
    }

    /// The lines before the nodes: the graph's size, the uniqueness constraint and the run.
    static func cypherHeader<G: GraphSource>(_ g: G, provenance: Provenance?) -> String {
        "// zhitu graph \(literal(.string(g.name))): \(g.nodeCount) nodes, \(g.edgeCount) edges\n"
            + "CREATE CONSTRAINT zhitu_node_id IF NOT EXISTS FOR (n:\(idSpace)) REQUIRE n.id IS UNIQUE;\n"
            + (provenance.map(runCypher) ?? "")
    }

    /// A node's MERGE line:
    /// `MERGE (n:Node {id: '…'}) SET n:<type>, n.name = '…', n.count = 1, n.docs = ['…'], n.<key> = …;`
    static func appendCypher(_ n: GraphNode, to out: inout [UInt8]) {
        append("MERGE (n:", to: &out); out.append(contentsOf: idSpace.utf8)
        append(" {id: ", to: &out); appendCypherQuoted(n.id, to: &out)
        append("}) SET n:", to: &out); appendName(n.type, to: &out)
        append(", n.name = ", to: &out); appendCypherQuoted(n.name, to: &out)
        append(", n.count = ", to: &out); out.append(contentsOf: String(n.count).utf8)
        append(", n.docs = ", to: &out); appendLiteral(.strings(n.docs), to: &out)
        for k in n.properties.keys.sorted() where !fixedNode.contains(k) {
            append(", n.", to: &out); appendName(k, to: &out)
            append(" = ", to: &out); appendLiteral(n.properties[k]!, to: &out)
        }
        append(";\n", to: &out)
    }

    /// An edge's MATCH … MERGE line: the edge's properties are its key, the count and the
    /// evidence are set.
    static func appendCypher(_ e: GraphEdge, to out: inout [UInt8]) {
        append("MATCH (a:", to: &out); out.append(contentsOf: idSpace.utf8)
        append(" {id: ", to: &out); appendCypherQuoted(e.source, to: &out)
        append("}), (b:", to: &out); out.append(contentsOf: idSpace.utf8)
        append(" {id: ", to: &out); appendCypherQuoted(e.target, to: &out)
        append("}) MERGE (a)-[r:", to: &out); appendName(e.type, to: &out)
        for (i, k) in e.properties.keys.sorted().enumerated() {
            append(i == 0 ? " {" : ", ", to: &out)
            appendName(k, to: &out); append(": ", to: &out); appendLiteral(e.properties[k]!, to: &out)
        }
        if !e.properties.isEmpty { out.append(0x7D) }
        append("]->(b) SET r.count = ", to: &out); out.append(contentsOf: String(e.count).utf8)
        if let ev = e.evidence.first {
            append(", r.evidence_doc = ", to: &out); appendCypherQuoted(ev.doc, to: &out)
            append(", r.evidence_sentence = ", to: &out); appendCypherQuoted(ev.sentence, to: &out)
            append(", r.evidence_start = ", to: &out); out.append(contentsOf: String(ev.start).utf8)
            append(", r.evidence_end = ", to: &out); out.append(contentsOf: String(ev.end).utf8)
            append(", r.evidence = ", to: &out)
            var json: [UInt8] = []
            JSONBytes.appendEvidence(e.evidence, to: &json)
            json.withUnsafeBufferPointer { appendCypherQuoted($0, to: &out) }
        }
        append(";\n", to: &out)
    }

    private static func append(_ s: StaticString, to out: inout [UInt8]) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func literal(_ v: GraphValue) -> String {
        var out: [UInt8] = []
        appendLiteral(v, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendLiteral(_ v: GraphValue, to out: inout [UInt8]) {
        switch v {
        case .string(let s): appendCypherQuoted(s, to: &out)
        case .strings(let l):
            out.append(0x5B)
            for (i, s) in l.enumerated() {
                if i > 0 { out.append(0x2C); out.append(0x20) }
                appendCypherQuoted(s, to: &out)
            }
            out.append(0x5D)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        }
    }
}
