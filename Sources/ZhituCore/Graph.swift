// The knowledge graph: typed nodes and edges with evidence, built from records.

/// A property value on a node or edge.
public enum GraphValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case strings([String])

    public var json: String {
        switch self {
        case .string(let s): return JSONWriter.quote(s)
        case .int(let i): return String(i)
        case .double(let d): return JSONWriter.number(d)
        case .bool(let b): return b ? "true" : "false"
        case .strings(let l): return "[" + l.map(JSONWriter.quote).joined(separator: ",") + "]"
        }
    }
}

/// Where an edge or mention was seen: document, sentence, offsets into the original file.
public struct Evidence: Sendable, Equatable {
    public var doc: String
    public var sentence: String
    public var start: Int
    public var end: Int

    public init(doc: String, sentence: String, start: Int, end: Int) {
        self.doc = doc; self.sentence = sentence; self.start = start; self.end = end
    }
}

public extension JSONWriter {
    /// Evidence as a JSON array of {doc, sentence, start, end} (under `key` inside an object).
    mutating func evidence(_ key: String?, _ list: [Evidence]) {
        beginArray(key)
        for ev in list {
            beginObject()
            field("doc", ev.doc)
            field("sentence", ev.sentence)
            field("start", ev.start)
            field("end", ev.end)
            endObject()
        }
        endArray()
    }
}

public struct GraphNode: Sendable {
    public var id: String
    public var type: String
    public var name: String
    /// Documents it occurs in, sorted.
    public var docs: [String]
    /// Mentions over the corpus.
    public var count: Int
    /// Further properties, by name (sorted on output).
    public var properties: [String: GraphValue]

    public init(id: String, type: String, name: String, docs: [String], count: Int, properties: [String: GraphValue]) {
        self.id = id; self.type = type; self.name = name; self.docs = docs; self.count = count; self.properties = properties
    }
}

public struct GraphEdge: Sendable {
    public var source: String
    public var target: String
    public var type: String
    public var count: Int
    public var properties: [String: GraphValue]
    /// The first few places it was seen.
    public var evidence: [Evidence]

    public init(source: String, target: String, type: String, count: Int, properties: [String: GraphValue], evidence: [Evidence]) {
        self.source = source; self.target = target; self.type = type; self.count = count; self.properties = properties; self.evidence = evidence
    }
}

public struct KnowledgeGraph: Sendable {
    public var name: String
    /// Sorted by id.
    public var nodes: [GraphNode]
    /// Sorted by (source, type, target).
    public var edges: [GraphEdge]

    public init(name: String, nodes: [GraphNode], edges: [GraphEdge]) {
        self.name = name; self.nodes = nodes; self.edges = edges
    }
}

extension KnowledgeGraph {
    /// The graph with a node for every edge end it does not list (type from the id's prefix,
    /// `person:x` → Person, else Thing; count 0), so formats that need declared nodes
    /// (Neo4j import, SQLite foreign keys, GraphML) stay loadable.
    public func withEdgeEnds() -> KnowledgeGraph {
        var known = Set(nodes.map(\.id))
        var added: [GraphNode] = []
        for e in edges {
            for id in [e.source, e.target] where !known.contains(id) {
                known.insert(id)
                let parts = id.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                let type = parts.count == 2 && !parts[0].isEmpty ? (parts[0] == "doc" ? "Document" : parts[0].prefix(1).uppercased() + parts[0].dropFirst()) : "Thing"
                added.append(GraphNode(id: id, type: type, name: parts.count == 2 ? String(parts[1]) : id, docs: [], count: 0, properties: [:]))
            }
        }
        if added.isEmpty { return self }
        return KnowledgeGraph(name: name, nodes: (nodes + added).sorted { $0.id < $1.id }, edges: edges)
    }
}
