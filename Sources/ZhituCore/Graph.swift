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

public struct GraphNode: Sendable, Equatable {
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

public struct GraphEdge: Sendable, Equatable {
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

/// A graph that writers read in passes, without holding it whole: nodes in id order, edges
/// in (source, type, target) order, each call to `nodeStream`/`edgeStream` a new pass.
/// `KnowledgeGraph` is one (in memory); the graph `GraphBuilder.stream` builds is another
/// (what merges across documents in memory, what is per document spilled to disk).
public protocol GraphSource: Sendable {
    var name: String { get }
    var nodeCount: Int { get }
    var edgeCount: Int { get }
    /// Nodes sorted by id.
    func nodeStream() -> AnySequence<GraphNode>
    /// Edges sorted by (source, type, target).
    func edgeStream() -> AnySequence<GraphEdge>
    /// The graph with a node for every edge end it does not list (see `KnowledgeGraph.withEdgeEnds`).
    func withEdgeEnds() -> Self
    /// Whether a node has this id.
    func containsNode(_ id: String) -> Bool
}

extension KnowledgeGraph: GraphSource {
    public var nodeCount: Int { nodes.count }
    public var edgeCount: Int { edges.count }
    public func nodeStream() -> AnySequence<GraphNode> { AnySequence(nodes) }
    public func edgeStream() -> AnySequence<GraphEdge> { AnySequence(edges) }
    public func containsNode(_ id: String) -> Bool { nodes.binarySearch(id) != nil }

    /// Reads a whole graph into memory (small graphs and tests).
    public init<G: GraphSource>(_ source: G) {
        self.init(name: source.name, nodes: Array(source.nodeStream()), edges: Array(source.edgeStream()))
    }
}

extension Array where Element == GraphNode {
    /// The node with `id` in a list sorted by id.
    public func binarySearch(_ id: String) -> GraphNode? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid].id < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && self[lo].id == id ? self[lo] : nil
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
