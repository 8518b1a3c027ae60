// The graph of a large run: merged nodes and edges in memory, per-document nodes and edges in
// temporary block files, read back in graph order on every pass (see GraphSource).
import Foundation

public final class SpilledGraph: GraphSource, @unchecked Sendable {
    /// The temporary files of one graph, one block per document in each; removed with the graph.
    final class Spills: @unchecked Sendable {
        let directory: URL
        let docNodes, docEdges, measurementNodes, measurementEdges: BlockSpill

        init(directory parent: URL) throws {
            directory = parent.appendingPathComponent(".zhitu-graph-\(getpid())-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do {
                docNodes = try BlockSpill(directory: directory, name: "document-nodes")
                docEdges = try BlockSpill(directory: directory, name: "document-edges")
                measurementNodes = try BlockSpill(directory: directory, name: "measurement-nodes")
                measurementEdges = try BlockSpill(directory: directory, name: "measurement-edges")
            } catch {
                try? FileManager.default.removeItem(at: directory)
                throw error
            }
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        var all: [BlockSpill] { [docNodes, docEdges, measurementNodes, measurementEdges] }
        func endBlock() throws { for s in all { try s.endBlock() } }
        func close() throws { for s in all { try s.close() } }
    }

    public let name: String
    public let nodeCount: Int
    public let edgeCount: Int
    /// Merged nodes sorted by id, without their document lists, which are in `nodeDocs` as
    /// indexes into `documents`.
    let nodes: [GraphNode]
    let nodeDocs: [[UInt32]]
    /// Merged edges in graph order.
    let edges: [GraphEdge]
    /// Document ids, sorted.
    let documents: [String]
    private let documentSet: Set<String>
    /// Spill blocks in Document node order and in Measurement node order, per document (a
    /// document added in parts has a block per part, merged when read).
    let documentOrder: [[Int]]
    let measurementOrder: [[Int]]
    let spills: Spills

    init(name: String, nodes: [GraphNode], nodeDocs: [[UInt32]], edges: [GraphEdge], documents: [String],
         documentOrder: [[Int]], measurementOrder: [[Int]], spills: Spills) {
        self.name = name
        self.nodes = nodes
        self.nodeDocs = nodeDocs
        self.edges = edges
        self.documents = documents
        documentSet = Set(documents)
        self.documentOrder = documentOrder
        self.measurementOrder = measurementOrder
        self.spills = spills
        nodeCount = nodes.count + spills.docNodes.records + spills.measurementNodes.records
        edgeCount = edges.count + spills.docEdges.records + spills.measurementEdges.records
    }

    /// Graph order of edges: (source, type, target), then properties.
    static func edgeOrder(_ a: GraphEdge, _ b: GraphEdge) -> Bool {
        if a.source != b.source { return a.source < b.source }
        if a.type != b.type { return a.type < b.type }
        if a.target != b.target { return a.target < b.target }
        return a.properties.description < b.properties.description
    }

    public func nodeStream() -> AnySequence<GraphNode> {
        AnySequence { [self] in
            var i = 0
            let merged = AnyIterator<GraphNode> {
                guard i < self.nodes.count else { return nil }
                var n = self.nodes[i]
                n.docs = self.nodeDocs[i].map { self.documents[Int($0)] }
                i += 1
                return n
            }
            let byID: (GraphNode, GraphNode) -> Bool = { $0.id < $1.id }
            return MergingIterator([merged, spills.docNodes.read(documentOrder, by: byID) { $0.node() },
                                    spills.measurementNodes.read(measurementOrder, by: byID) { $0.node() }], by: byID)
        }
    }

    public func edgeStream() -> AnySequence<GraphEdge> {
        AnySequence { [self] in
            MergingIterator([AnyIterator(edges.makeIterator()), spills.docEdges.read(documentOrder, by: Self.edgeOrder) { $0.edge() },
                             spills.measurementEdges.read(measurementOrder, by: Self.edgeOrder) { $0.edge() }], by: Self.edgeOrder)
        }
    }

    /// Itself: the builder makes a node for every edge end.
    public func withEdgeEnds() -> SpilledGraph { self }

    public func containsNode(_ id: String) -> Bool {
        if id.hasPrefix("doc:") { return documentSet.contains(String(id.dropFirst(4))) || nodes.binarySearch(id) != nil }
        if id.hasPrefix("measurement:"), let colon = id.lastIndex(of: ":") {
            let doc = id[id.index(id.startIndex, offsetBy: 12)..<colon]
            if documentSet.contains(String(doc)) { return true }
        }
        return nodes.binarySearch(id) != nil
    }
}
