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
            try Self.render(graph, provenance: output.provenance) { try file.write(contentsOf: Data($0.utf8)) }
        }
    }

    public static func render<G: GraphSource>(_ g: G) -> String {
        var out = ""
        render(g) { out += $0 }
        return out
    }

    /// Renders in pieces of about a megabyte, so a large graph is never one string in memory.
    public static func render<G: GraphSource>(_ g: G, provenance: Provenance? = nil, piece: (String) throws -> Void) rethrows {
        var w = JSONWriter()
        func flush() throws { if w.text.utf8.count > 1 << 20 { try piece(w.drain()) } }
        w.beginObject()
        w.field("directed", true)
        w.field("multigraph", true)
        w.beginObject("graph")
        w.field("name", g.name)
        w.field("generator", "zhitu")
        // on the first line, which GraphJSONReader.provenance reads without parsing the graph
        provenance?.write(to: &w, key: "provenance")
        w.endObject()
        w.raw("\n")
        w.beginArray("nodes")
        for n in g.nodeStream() {
            w.raw("\n")
            w.beginObject()
            w.field("id", n.id)
            w.field("type", n.type)
            w.field("name", n.name)
            w.field("count", n.count)
            w.field("docs", .strings(n.docs))
            for k in n.properties.keys.sorted() { w.field(k, n.properties[k]!) }
            w.endObject()
            try flush()
        }
        w.raw("\n")
        w.endArray()
        w.raw("\n")
        w.beginArray("links")
        // networkx multigraph edge key: unique per (source, target). Edges come grouped by
        // source, so counting per target within the current source is enough.
        var source: String?
        var keys: [String: Int] = [:]
        for e in g.edgeStream() {
            if e.source != source { source = e.source; keys.removeAll(keepingCapacity: true) }
            let k = keys[e.target, default: 0]
            keys[e.target] = k + 1
            w.raw("\n")
            w.beginObject()
            w.field("source", e.source)
            w.field("target", e.target)
            w.field("key", k)
            w.field("type", e.type)
            w.field("count", e.count)
            for p in e.properties.keys.sorted() { w.field(p, e.properties[p]!) }
            w.evidence("evidence", e.evidence)
            w.endObject()
            try flush()
        }
        w.raw("\n")
        w.endArray()
        w.endObject()
        w.raw("\n")
        try piece(w.drain())
    }
}
