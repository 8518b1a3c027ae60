// graph.graphml: GraphML with a typed <key> for every attribute, for Gephi, yEd, networkx, igraph.
import Foundation
import ZhituCore

public struct GraphMLWriter: OutputWriter {
    public static let format = "graphml"
    public static let summary = "graph.graphml: GraphML with typed keys (Gephi, yEd, networkx.read_graphml, igraph)."
    public init() {}

    public func write(_ output: RunOutput, to directory: URL) throws {
        let graph = try output.graphSource()
        try AtomicFile.write(to: directory.appendingPathComponent("graph.graphml").path) { file in
            try Self.render(graph, provenance: output.provenance) { (bytes: [UInt8]) in try file.write(contentsOf: bytes) }
        }
    }

    /// A GraphML attribute: its id, name and type.
    struct Key {
        var id: String
        var name: String
        var type: String
    }

    public static func render<G: GraphSource>(_ graph: G, provenance: Provenance? = nil) -> String {
        var out = ""
        render(graph, provenance: provenance) { out += $0 }
        return out
    }

    /// Renders in pieces of about a megabyte, as text.
    public static func render<G: GraphSource>(_ graph: G, provenance: Provenance? = nil, piece: (String) throws -> Void) rethrows {
        try render(graph, provenance: provenance) { (bytes: [UInt8]) in try piece(String(decoding: bytes, as: UTF8.self)) }
    }

    /// Renders in pieces of about a megabyte of UTF-8: one pass over the graph for the
    /// attribute types, one to write it. `provenance`, when given, is data on the <graph> element.
    public static func render<G: GraphSource>(_ graph: G, provenance: Provenance? = nil, piece: ([UInt8]) throws -> Void) rethrows {
        let g = graph.withEdgeEnds()
        // Node and edge attributes: fixed ones first, then every property name, typed by its values.
        var nodeKeys = [Key(id: "n_label", name: "label", type: "string"), Key(id: "n_type", name: "type", type: "string"),
                        Key(id: "n_name", name: "name", type: "string"), Key(id: "n_zhitu_id", name: "zhitu_id", type: "string"),
                        Key(id: "n_count", name: "count", type: "int"), Key(id: "n_docs", name: "docs", type: "string")]
        let fixedNode = Set(nodeKeys.map(\.name))
        for (name, type) in propertyTypes(g.nodeStream().lazy.map(\.properties)) where !fixedNode.contains(name) {
            nodeKeys.append(Key(id: "n_" + keyID(name), name: name, type: type))
        }
        var edgeKeys = [Key(id: "e_label", name: "label", type: "string"), Key(id: "e_type", name: "type", type: "string"),
                        Key(id: "e_count", name: "count", type: "int"), Key(id: "e_evidence", name: "evidence", type: "string")]
        let fixedEdge = Set(edgeKeys.map(\.name))
        for (name, type) in propertyTypes(g.edgeStream().lazy.map(\.properties)) where !fixedEdge.contains(name) {
            edgeKeys.append(Key(id: "e_" + keyID(name), name: name, type: type))
        }
        let nodeKeyByName = Dictionary(uniqueKeysWithValues: nodeKeys.map { ($0.name, $0) })
        let edgeKeyByName = Dictionary(uniqueKeysWithValues: edgeKeys.map { ($0.name, $0) })

        var head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

        """
        head += "  <key id=\"g_name\" for=\"graph\" attr.name=\"name\" attr.type=\"string\"/>\n"
        if provenance != nil { head += provenanceKeys }
        for k in nodeKeys { head += "  <key id=\"\(k.id)\" for=\"node\" attr.name=\"\(escape(k.name))\" attr.type=\"\(k.type)\"/>\n" }
        for k in edgeKeys { head += "  <key id=\"\(k.id)\" for=\"edge\" attr.name=\"\(escape(k.name))\" attr.type=\"\(k.type)\"/>\n" }
        head += "  <graph id=\"G\" edgedefault=\"directed\">\n"
        head += "    <data key=\"g_name\">\(escape(g.name))</data>\n"
        if let provenance { head += provenanceData(provenance) }

        var out = XMLBytes()
        out.bytes.append(contentsOf: head.utf8)
        func flush() throws { if out.bytes.count > 1 << 20 { try piece(out.bytes); out.bytes.removeAll(keepingCapacity: true) } }
        for n in g.nodeStream() {
            out.append("    <node id=\""); out.append(xmlID(n.id)); out.append("\">\n")
            out.data("n_label", n.name)
            out.data("n_type", n.type)
            out.data("n_name", n.name)
            out.data("n_zhitu_id", n.id)
            out.data("n_count", String(n.count))
            out.data("n_docs") { JSONBytes.appendJSON(.strings(n.docs), to: &$0) }
            for p in n.properties.keys.sorted() where !fixedNode.contains(p) {
                let k = nodeKeyByName[p]!
                out.data(k.id, n.properties[p]!, as: k.type)
            }
            out.append("    </node>\n")
            try flush()
        }
        for (i, e) in g.edgeStream().enumerated() {
            out.append("    <edge id=\"e"); out.append(String(i))
            out.append("\" source=\""); out.append(xmlID(e.source))
            out.append("\" target=\""); out.append(xmlID(e.target)); out.append("\">\n")
            out.data("e_label", e.type)
            out.data("e_type", e.type)
            out.data("e_count", String(e.count))
            if !e.evidence.isEmpty { out.data("e_evidence") { JSONBytes.appendEvidence(e.evidence, to: &$0) } }
            for p in e.properties.keys.sorted() where !fixedEdge.contains(p) {
                let k = edgeKeyByName[p]!
                out.data(k.id, e.properties[p]!, as: k.type)
            }
            out.append("    </edge>\n")
            try flush()
        }
        out.append("  </graph>\n</graphml>\n")
        try piece(out.bytes)
    }

    /// The GraphML type of each property name over all `properties`: the narrowest of
    /// boolean < int/long < double < string that holds every value.
    static func propertyTypes<S: Sequence>(_ all: S) -> [(String, String)] where S.Element == [String: GraphValue] {
        var types: [String: String] = [:]
        for props in all {
            for (k, v) in props {
                let t: String
                switch v {
                case .bool: t = "boolean"
                case .int(let i): t = Int32(exactly: i) == nil ? "long" : "int"
                case .double: t = "double"
                case .string, .strings: t = "string"
                }
                types[k] = widen(types[k], t)
            }
        }
        return types.keys.sorted().map { ($0, types[$0]!) }
    }

    static func widen(_ a: String?, _ b: String) -> String {
        guard let a, a != b else { return b }
        let numeric = ["int": 1, "long": 2, "double": 3]
        if let x = numeric[a], let y = numeric[b] { return x > y ? a : b }
        return "string"
    }

    /// A value as the text of a <data> element of GraphML type `type`.
    static func text(_ v: GraphValue, as type: String) -> String {
        switch v {
        case .string(let s): return s
        case .strings: return v.json
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return type == "double" ? String(Double(i)) : String(i)
        case .double(let d): return d.isFinite ? String(d) : (d.isNaN ? "NaN" : (d > 0 ? "INF" : "-INF"))
        }
    }

    /// A key id from a property name (ASCII letters, digits, '_').
    static func keyID(_ name: String) -> String {
        var s = ""
        for u in name.unicodeScalars {
            if u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u)) { s.unicodeScalars.append(u) }
            else if u == "_" { s += "__" } else { s += "_x" + String(u.value, radix: 16) + "_" }
        }
        return s
    }

    /// A node id as a valid XML name: characters that are not XML name characters become
    /// `_xHEX_`, and `_` itself `__`, so distinct ids stay distinct and readable.
    public static func xmlID(_ id: String) -> String {
        var plain = !id.isEmpty   // most ids are XML names already: return them as they are
        for (i, u) in id.unicodeScalars.enumerated() where u == "_" || !(i == 0 ? isNameStart(u) : isNameChar(u)) { plain = false; break }
        if plain { return id }
        var s = ""
        s.reserveCapacity(id.utf8.count)
        for (i, u) in id.unicodeScalars.enumerated() {
            if u == "_" { s += "__"; continue }
            if i == 0 ? isNameStart(u) : isNameChar(u) { s.unicodeScalars.append(u) }
            else { s += "_x" + String(u.value, radix: 16, uppercase: true) + "_" }
        }
        return s.isEmpty ? "_x_" : s
    }

    static func isNameStart(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        switch v {
        case 0x3A, 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
             0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default: return false
        }
    }

    static func isNameChar(_ u: Unicode.Scalar) -> Bool {
        if isNameStart(u) { return true }
        switch u.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return false
        }
    }

    /// Escapes text for XML 1.0 element content and attribute values; characters XML 1.0
    /// cannot carry (most C0 controls) are dropped.
    public static func escape(_ s: String) -> String {
        var out = XMLBytes()
        out.escape(s)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
