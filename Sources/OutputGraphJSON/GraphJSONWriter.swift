// graph.json: node-link JSON that networkx reads with node_link_graph(data, edges="links").
import Foundation
import ZhituCore

public struct GraphJSONWriter: OutputWriter {
    public static let format = "graph"
    public static let summary = "graph.json: node-link JSON (networkx: node_link_graph(data, edges=\"links\"))."
    public init() {}

    public func write(_ output: RunOutput, to directory: URL) throws {
        let graph = try output.graphSource()
        try AtomicFile.write(to: directory.appendingPathComponent("graph.json").path) { file in
            try Self.render(graph, provenance: output.provenance) { (bytes: [UInt8]) in try file.write(contentsOf: bytes) }
        }
    }

    public static func render<G: GraphSource>(_ g: G) -> String {
        var out = ""
        render(g) { out += $0 }
        return out
    }

    /// Renders in pieces of about a megabyte of text, so a large graph is never one string in memory.
    public static func render<G: GraphSource>(_ g: G, provenance: Provenance? = nil, piece: (String) throws -> Void) rethrows {
        try render(g, provenance: provenance) { (bytes: [UInt8]) in try piece(String(decoding: bytes, as: UTF8.self)) }
    }

    /// Renders in pieces of about a megabyte of UTF-8. The nodes and links are written as bytes
    /// straight into one buffer (through `JSONWriter`, a String per field, they cost several
    /// times more); a node or link a line, each after the first starting with its comma.
    public static func render<G: GraphSource>(_ g: G, provenance: Provenance? = nil, piece: ([UInt8]) throws -> Void) rethrows {
        var w = JSONWriter()
        w.beginObject()
        w.field("directed", true)
        w.field("multigraph", true)
        w.beginObject("graph")
        w.field("name", g.name)
        w.field("generator", "zhitu")
        // on the first line, which GraphJSONReader.provenance reads without parsing the graph
        provenance?.write(to: &w, key: "provenance")
        w.endObject()
        var out = Array(w.text.utf8)
        func flush() throws { if out.count > 1 << 20 { try piece(out); out.removeAll(keepingCapacity: true) } }
        func append(_ s: StaticString) { s.withUTF8Buffer { out.append(contentsOf: $0) } }
        /// `,"key":` before a value.
        func key(_ k: StaticString) { out.append(0x2C); append(k); out.append(0x3A) }
        func properties(_ props: [String: GraphValue]) {
            for k in props.keys.sorted() {
                out.append(0x2C)
                JSONBytes.appendQuoted(k, to: &out)
                out.append(0x3A)
                JSONBytes.appendJSON(props[k]!, to: &out)
            }
        }

        append("\n,\"nodes\":[")
        for (i, n) in g.nodeStream().enumerated() {
            append(i == 0 ? "\n{\"id\":" : "\n,{\"id\":")
            JSONBytes.appendQuoted(n.id, to: &out)
            key("\"type\""); JSONBytes.appendQuoted(n.type, to: &out)
            key("\"name\""); JSONBytes.appendQuoted(n.name, to: &out)
            key("\"count\""); JSONBytes.appendJSON(.int(n.count), to: &out)
            key("\"docs\""); JSONBytes.appendJSON(.strings(n.docs), to: &out)
            properties(n.properties)
            out.append(0x7D)
            try flush()
        }
        append("\n]\n,\"links\":[")
        // networkx multigraph edge key: unique per (source, target). Edges come grouped by
        // source, so counting per target within the current source is enough.
        var source: String?
        var keys: [String: Int] = [:]
        for (i, e) in g.edgeStream().enumerated() {
            if e.source != source { source = e.source; keys.removeAll(keepingCapacity: true) }
            let k = keys[e.target, default: 0]
            keys[e.target] = k + 1
            append(i == 0 ? "\n{\"source\":" : "\n,{\"source\":")
            JSONBytes.appendQuoted(e.source, to: &out)
            key("\"target\""); JSONBytes.appendQuoted(e.target, to: &out)
            key("\"key\""); JSONBytes.appendJSON(.int(k), to: &out)
            key("\"type\""); JSONBytes.appendQuoted(e.type, to: &out)
            key("\"count\""); JSONBytes.appendJSON(.int(e.count), to: &out)
            properties(e.properties)
            key("\"evidence\""); JSONBytes.appendEvidence(e.evidence, to: &out)
            out.append(0x7D)
            try flush()
        }
        append("\n]}\n")
        try piece(out)
    }
}
