// Reads a graph.json written by GraphJSONWriter back into a KnowledgeGraph, so that other
// formats can be written from it without rerunning the pipeline (`zhitu export`).
import Foundation
import ZhituCore

public enum GraphJSONReader {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    public static func read(contentsOf path: String) throws -> KnowledgeGraph {
        let data: [UInt8]
        do { data = try ReadableFile.bytes(path) } catch {
            throw Problem(description: "\(error)")
        }
        do { return try parse(data) } catch let e as JSONSyntaxError {
            throw Problem(description: "\(path): \(e)")
        } catch let e as Problem {
            throw Problem(description: "\(path): \(e.description)")
        }
    }

    /// The provenance in graph.json's "graph" object, if any. GraphJSONWriter puts that object
    /// on the first line, so this reads one line, not the whole graph.
    public static func provenance(contentsOf path: String) -> Provenance? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let head = try? h.read(upToCount: 1 << 16), let nl = head.firstIndex(of: 0x0A),
              let v = try? JSONValue.parse(Array(head[..<nl]) + Array("}".utf8)), let g = v["graph"]?["provenance"] else { return nil }
        return Provenance.parse(g)
    }

    public static func parse(_ bytes: [UInt8]) throws -> KnowledgeGraph {
        let root = try JSONValue.parse(bytes)
        guard case .object = root else { throw Problem(description: "not a node-link graph (expected an object)") }
        var name = "graph"
        if case .string(let s)? = root["graph"]?["name"] { name = s }
        guard case .array(let nodeList)? = root["nodes"] else { throw Problem(description: "no \"nodes\" list") }
        let linkList: [JSONValue]
        switch root["links"] ?? root["edges"] {
        case .array(let l)?: linkList = l
        default: linkList = []
        }
        var nodes: [GraphNode] = []
        for (i, v) in nodeList.enumerated() {
            guard case .object(let pairs) = v, case .string(let id)? = v["id"] else { throw Problem(description: "nodes[\(i)]: no string \"id\"") }
            var n = GraphNode(id: id, type: "Thing", name: id, docs: [], count: 0, properties: [:])
            for (k, value) in pairs {
                switch (k, value) {
                case ("id", _): break
                case ("type", .string(let s)): n.type = s
                case ("name", .string(let s)): n.name = s
                case ("count", .number(let d, _)): n.count = int(d)
                case ("docs", .array(let l)): n.docs = l.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                default: if let g = graphValue(value) { n.properties[k] = g }
                }
            }
            nodes.append(n)
        }
        var edges: [GraphEdge] = []
        for (i, v) in linkList.enumerated() {
            guard case .object(let pairs) = v, case .string(let s)? = v["source"], case .string(let t)? = v["target"] else {
                throw Problem(description: "links[\(i)]: no string \"source\" and \"target\"")
            }
            var e = GraphEdge(source: s, target: t, type: "RELATED", count: 1, properties: [:], evidence: [])
            for (k, value) in pairs {
                switch (k, value) {
                case ("source", _), ("target", _), ("key", _): break
                case ("type", .string(let s)): e.type = s
                case ("count", .number(let d, _)): e.count = int(d)
                case ("evidence", .array(let l)):
                    for ev in l {
                        guard case .string(let doc)? = ev["doc"], case .string(let sentence)? = ev["sentence"],
                              case .number(let start, _)? = ev["start"], case .number(let end, _)? = ev["end"] else { continue }
                        e.evidence.append(Evidence(doc: doc, sentence: sentence, start: int(start), end: int(end)))
                    }
                default: if let g = graphValue(value) { e.properties[k] = g }
                }
            }
            edges.append(e)
        }
        nodes.sort { $0.id < $1.id }
        return KnowledgeGraph(name: name, nodes: nodes, edges: edges)
    }

    /// A JSON number as an Int, 0 when it does not fit.
    static func int(_ d: Double) -> Int { Int(exactly: d.rounded(.towardZero)) ?? 0 }

    /// A property value; numbers written without a fraction or exponent read back as integers.
    static func graphValue(_ v: JSONValue) -> GraphValue? {
        switch v {
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .number(let d, let literal):
            if !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let i = Int(literal) { return .int(i) }
            return .double(d)
        case .array(let l):
            let strings = l.compactMap { v -> String? in if case .string(let s) = v { return s } else { return nil } }
            return strings.count == l.count ? .strings(strings) : nil
        default: return nil
        }
    }
}
