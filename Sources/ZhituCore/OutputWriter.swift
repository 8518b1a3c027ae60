// The OutputWriter protocol: one output format (graph.json, annotations.jsonl, GraphML …),
// chosen by name in pipeline.json "outputs". Writers are modules registered like stages.
import Foundation

/// Everything a writer may read: the records of every document and the graph built from them.
public final class RunOutput: @unchecked Sendable {
    public let name: String
    /// Documents in id order (read back from disk for large runs: iterate, don't index);
    /// empty when exporting from an existing graph file.
    public let documents: DocumentResults
    private let lock = NSLock()
    private var cachedGraph: KnowledgeGraph?

    public convenience init(name: String, documents: [DocumentResult], graph: KnowledgeGraph? = nil) {
        self.init(name: name, documents: DocumentResults(documents), graph: graph)
    }

    public init(name: String, documents: DocumentResults, graph: KnowledgeGraph? = nil) {
        self.name = name
        self.documents = documents
        cachedGraph = graph
    }

    /// The knowledge graph, built on first use.
    public var graph: KnowledgeGraph {
        lock.lock(); defer { lock.unlock() }
        if let g = cachedGraph { return g }
        let g = GraphBuilder.build(documents, name: name)
        cachedGraph = g
        return g
    }
}

public protocol OutputWriter: Sendable {
    /// The name used in pipeline.json "outputs".
    static var format: String { get }
    static var summary: String { get }
    init()
    /// Writes into `directory` (which exists), each file atomically (see `AtomicFile`).
    func write(_ output: RunOutput, to directory: URL) throws
}
