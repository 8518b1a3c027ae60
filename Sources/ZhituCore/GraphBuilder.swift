// Builds the knowledge graph from the records of all documents: one node per entity, slogan
// or term across documents, Document and Measurement nodes, MENTIONS, relation, MEASURES and
// CO_OCCURS edges, each with evidence.
import Foundation

public enum GraphBuilder {
    /// Node type for an entity type.
    static let entityNodeTypes = ["PER": "Person", "LOC": "Place", "ORG": "Organization", "TITLE": "Title"]
    /// (head, tail) node types of the relation types the annotation guide defines.
    static let relationEnds: [String: (String, String)] = [
        "HOLDS": ("Person", "Title"), "PART_OF": ("Place", "Place"), "LOCATED_IN": ("Organization", "Place"),
        "AUTHOR": ("Person", "Document"), "VARIANT_OF": ("Slogan", "Slogan"),
    ]
    /// Evidence kept per edge.
    static let evidencePerEdge = 3

    public static func nodeType(of a: Annotation) -> String? {
        switch a.kind {
        case .entity: return a.type.map { entityNodeTypes[$0] ?? $0.capitalized }
        case .slogan: return "Slogan"
        case .term: return "Term"
        default: return nil
        }
    }

    public static func nodeID(type: String, name: String) -> String { "\(type.lowercased()):\(name)" }

    /// The graph with its per-document parts (Document and Measurement nodes, the MENTIONS
    /// edges of each document, MEASURES edges) spilled to temporary files in `directory`;
    /// what merges across documents stays in memory, bounded by the vocabulary. Places go on
    /// `adminTree` (see AdminTree.swift).
    public static func stream<S: Sequence>(_ documents: S, name: String,
                                           directory: URL = FileManager.default.temporaryDirectory,
                                           adminTree: AdminTree? = AdminTree.current) throws -> SpilledGraph where S.Element == DocumentResult {
        try stream(name: name, directory: directory, adminTree: adminTree) { add in
            for d in documents { try add(d) }
        }
    }

    /// The same graph, of the documents `feed` hands to `add` in order: a caller that reads
    /// the documents for its own purpose builds the graph in the same pass.
    static func stream(name: String, directory: URL, adminTree: AdminTree? = AdminTree.current,
                       feed: (_ add: (DocumentResult) throws -> Void) throws -> Void) throws -> SpilledGraph {
        var b = try GraphAccumulator(directory: directory)
        try feed { try b.add($0) }
        if let adminTree { b.placeInDivisions(adminTree) }
        return try b.finish(name: name)
    }
}


/// Collects the graph document by document. Entity, slogan and term nodes and the edges
/// between them merge across documents and stay here, their ids interned and their document
/// lists as document numbers; each document's own nodes and edges go to block spills.
struct GraphAccumulator {
    /// An interned id or edge type.
    typealias Ref = Int32

    struct EdgeKey: Hashable {
        var source: Ref
        var target: Ref
        var type: Ref
        /// The edge's properties as text ("" for none): edges differing in them stay apart.
        var properties: String
    }

    private var refs: [String: Ref] = [:]
    private var nodeIndex: [String: Int] = [:]
    private var nodes: [GraphNode] = []
    /// Per node, the numbers of the documents it occurs in, in the order they were added.
    private var nodeDocs: [[UInt32]] = []
    private var aliases: [Int: Set<String>] = [:]
    private var dates: [Int: (first: String, last: String)] = [:]
    private var edgeIndex: [EdgeKey: Int] = [:]
    private var edges: [GraphEdge] = []
    private var docIDs: [String] = []
    private let spills: SpilledGraph.Spills

    init(directory: URL) throws { spills = try SpilledGraph.Spills(directory: directory) }

    private mutating func ref(_ s: String) -> Ref {
        if let r = refs[s] { return r }
        let r = Ref(refs.count)
        refs[s] = r
        return r
    }

    /// The merged node `type`/`name`, created on first use; returns its id.
    mutating func node(_ type: String, _ name: String, doc: UInt32?, date: String?, counting: Bool = false) -> String {
        let id = GraphBuilder.nodeID(type: type, name: name)
        let i: Int
        if let j = nodeIndex[id] { i = j } else {
            i = nodes.count
            nodeIndex[id] = i
            nodes.append(GraphNode(id: id, type: type, name: name, docs: [], count: 0, properties: [:]))
            nodeDocs.append([])
        }
        if counting { nodes[i].count += 1 }
        if let doc, nodeDocs[i].last != doc { nodeDocs[i].append(doc) }
        if let date {
            if let d = dates[i] { dates[i] = (min(d.first, date), max(d.last, date)) } else { dates[i] = (date, date) }
        }
        return id
    }

    mutating func edge(_ source: String, _ target: String, _ type: String, evidence: Evidence?, properties: [String: GraphValue] = [:],
                       evidenceLimit: Int = GraphBuilder.evidencePerEdge) {
        let props = properties.isEmpty ? "" : properties.keys.sorted().map { "\($0)=\(properties[$0]!.json)" }.joined(separator: ",")
        let key = EdgeKey(source: ref(source), target: ref(target), type: ref(type), properties: props)
        let i: Int
        if let j = edgeIndex[key] { i = j } else {
            i = edges.count
            edgeIndex[key] = i
            edges.append(GraphEdge(source: source, target: target, type: type, count: 0, properties: properties, evidence: []))
        }
        Self.count(&edges[i], evidence, limit: evidenceLimit)
    }

    /// The Place nodes so far, and setting a node's property (for `placeInDivisions`).
    var placeNodes: [GraphNode] { nodes.filter { $0.type == "Place" } }
    func containsNode(_ id: String) -> Bool { nodeIndex[id] != nil }
    mutating func setProperty(_ id: String, _ key: String, _ value: GraphValue) {
        if let i = nodeIndex[id] { nodes[i].properties[key] = value }
    }

    /// One more sighting of `e`; the first few distinct pieces of evidence are kept.
    static func count(_ e: inout GraphEdge, _ evidence: Evidence?, limit: Int = GraphBuilder.evidencePerEdge) {
        e.count += 1
        if let evidence, e.evidence.count < limit, !e.evidence.contains(evidence) { e.evidence.append(evidence) }
    }

    /// What is kept of the document being added across its parts (a long document comes in
    /// parts, see `DocumentResult.continued`): the MENTIONS edges of its entities, slogans and
    /// terms, the texts relations resolve against, and what resolves against them only once the
    /// whole document is in (relations and variant links, the subjects of numbers), so the graph
    /// is the one the whole document would give. All of it grows with the document's vocabulary
    /// and its few relations, not its length.
    private struct Current {
        var id: String
        var seq: UInt32
        var date: String?
        var firstBlock: Int
        var mentions: [String: GraphEdge] = [:]   // target -> MENTIONS edge from the document
        var byText: [String: [String: String]] = [:]   // node type -> text -> node id, for relations
        var links: [(type: String, head: String, tail: String, org: String?, evidence: Evidence?)] = []
        var subjects: [(id: String, subject: String, evidence: Evidence?)] = []
        /// The MENTIONS edges of the latest part's measurements, spilled with its block.
        var partMentions: [String: GraphEdge] = [:]
    }
    private var current: Current?
    /// Per document number, its spill blocks (several for a document given in parts).
    private var docBlocks: [Range<Int>] = []

    mutating func add(_ d: DocumentResult) throws {
        if !d.continued || current?.id != d.id {
            try endDocument()
            let seq = UInt32(docIDs.count)
            docIDs.append(d.id)
            var props: [String: GraphValue] = ["path": .string(d.path)]
            if let v = d.meta.date { props["date"] = .string(v) }
            if let v = d.meta.title { props["title"] = .string(v) }
            if let v = d.meta.source { props["source"] = .string(v) }
            spills.docNodes.append(GraphNode(id: "doc:\(d.id)", type: "Document", name: d.meta.title ?? d.id, docs: [d.id], count: 1, properties: props))
            current = Current(id: d.id, seq: seq, date: d.meta.date, firstBlock: spills.docNodes.blockCount)
        } else {
            // A later part: the block of the part before ends (a document in one part has one block).
            for t in current!.partMentions.keys.sorted() { spills.docEdges.append(current!.partMentions[t]!) }
            current!.partMentions = [:]
            try spills.endBlock()
        }
        var c = current!
        current = nil   // moved out while this part is added, so that its maps are not copied
        let seq = c.seq, docID = "doc:\(d.id)"

        func evidence(_ a: Annotation) -> Evidence? {
            guard let s = a.sentence, let sent = d.sentences[s] else { return nil }
            return Evidence(doc: d.id, sentence: sent.text, start: a.start, end: a.end)
        }
        // This part's measurements and their MENTIONS edges: a number's id is its offset, so
        // they belong to this part alone and are spilled with its block.
        var measurements: [String: GraphNode] = [:]
        func mention(_ target: String, _ ev: Evidence?, into map: inout [String: GraphEdge]) {
            var e = map[target] ?? GraphEdge(source: docID, target: target, type: "MENTIONS", count: 0, properties: [:], evidence: [])
            Self.count(&e, ev)
            map[target] = e
        }

        // Entities, slogans, terms: nodes, and MENTIONS edges from the document.
        var sentenceNodes: [Int: Set<String>] = [:]
        for a in d.records {
            guard let type = GraphBuilder.nodeType(of: a) else { continue }
            let name = a.canonical ?? a.text
            let id = node(type, name, doc: seq, date: c.date, counting: true)
            let i = nodeIndex[id]!
            if let code = a.code { nodes[i].properties["code"] = .string(code) }
            if a.text != name { aliases[i, default: []].insert(a.text) }
            c.byText[type, default: [:]][a.text] = id
            c.byText[type, default: [:]][name] = id
            mention(id, evidence(a), into: &c.mentions)
            if (a.kind == .slogan || a.kind == .term), let s = a.sentence { sentenceNodes[s, default: []].insert(id) }
        }
        for s in sentenceNodes.keys.sorted() {   // in text order: the first sentence is the evidence kept
            guard let ids = sentenceNodes[s], ids.count > 1 else { continue }
            // Evidence: the first sentence both occur in, with its offsets in the original file;
            // one, not three: these are the most numerous edges held in memory over a corpus.
            let ev = d.sentences[s].map { Evidence(doc: d.id, sentence: $0.text, start: $0.start, end: $0.end) }
            let sorted = ids.sorted()
            for i in 0..<sorted.count { for j in (i + 1)..<sorted.count { edge(sorted[i], sorted[j], "CO_OCCURS", evidence: ev, evidenceLimit: 1) } }
        }
        for a in d.records {
            switch a.kind {
            case .relation, .variant:
                guard let type = a.type, let head = a.head, let tail = a.tail else { continue }
                c.links.append((type, head, tail, a.org, evidence(a)))
            case .number:
                let id = "measurement:\(d.id):\(a.start)"
                var p: [String: GraphValue] = MeasuredValue(a).properties
                p["text"] = .string(a.text)
                if let v = a.numtype { p["numtype"] = .string(v) }
                if let v = a.unit { p["unit"] = .string(v) }
                if let v = a.qualifier { p["qualifier"] = .string(v) }
                if let v = a.subject { p["subject"] = .string(v) }
                if let v = c.date { p["date"] = .string(v) }
                measurements[id] = GraphNode(id: id, type: "Measurement", name: a.text, docs: [d.id], count: 1, properties: p)
                mention(id, evidence(a), into: &c.partMentions)
                if let subject = a.subject { c.subjects.append((id, subject, evidence(a))) }
            default: continue
            }
        }
        // One block per part in each spill, in graph order within the block.
        for id in measurements.keys.sorted() { spills.measurementNodes.append(measurements[id]!) }
        current = c
    }

    /// Ends the document being added: resolves its relations and the subjects of its numbers
    /// against every text of the document, and spills its last block.
    private mutating func endDocument() throws {
        guard var c = current else { return }
        current = nil
        let docID = "doc:\(c.id)"
        func resolve(_ text: String, as type: String?) -> String {
            if type == "Document" { return docID }   // AUTHOR and the like point at this document
            if let type, let id = c.byText[type]?[text] { return id }
            for (_, m) in c.byText.sorted(by: { $0.key < $1.key }) { if let id = m[text] { return id } }
            // A place or body named only inside another name (新疆 in 新疆…委员会) is still mentioned there.
            return node(type ?? "Thing", text, doc: c.seq, date: c.date, counting: true)
        }
        for l in c.links {
            let ends = GraphBuilder.relationEnds[l.type]
            var props: [String: GraphValue] = [:]
            if let org = l.org { props["org"] = .string(org) }
            edge(resolve(l.head, as: ends?.0), resolve(l.tail, as: ends?.1), l.type, evidence: l.evidence, properties: props)
        }
        var measures: [String: GraphEdge] = [:]   // source \u{1} target -> MEASURES edge
        let types = c.byText.keys.sorted()
        for s in c.subjects {
            guard let target = types.lazy.compactMap({ c.byText[$0]?[s.subject] }).first else { continue }
            let key = s.id + "\u{1}" + target
            var e = measures[key] ?? GraphEdge(source: s.id, target: target, type: "MEASURES", count: 0, properties: [:], evidence: [])
            Self.count(&e, s.evidence)
            measures[key] = e
        }
        c.mentions.merge(c.partMentions) { a, _ in a }   // targets apart: entity, slogan, term ids vs measurement ids
        for t in c.mentions.keys.sorted() { spills.docEdges.append(c.mentions[t]!) }
        for e in measures.values.sorted(by: SpilledGraph.edgeOrder) { spills.measurementEdges.append(e) }
        try spills.endBlock()
        docBlocks.append(c.firstBlock..<spills.docNodes.blockCount)
    }

    mutating func finish(name: String) throws -> SpilledGraph {
        try endDocument()
        try spills.close()
        var list: [(GraphNode, [UInt32])] = []
        list.reserveCapacity(nodes.count)
        // Document numbers in document id order (the order documents came in, normally).
        let byID = docIDs.indices.sorted { docIDs[$0] < docIDs[$1] }
        var rank = [UInt32](repeating: 0, count: docIDs.count)
        for (r, i) in byID.enumerated() { rank[i] = UInt32(r) }
        for (i, var n) in nodes.enumerated() {
            if let a = aliases[i] { n.properties["aliases"] = .strings(a.sorted()) }
            if let d = dates[i], n.type == "Slogan" || n.type == "Term" {
                n.properties["first_date"] = .string(d.first)
                n.properties["last_date"] = .string(d.last)
            }
            var docs = nodeDocs[i].map { rank[Int($0)] }
            if !docs.isSorted { docs.sort() }
            list.append((n, docs))
        }
        list.sort { $0.0.id < $1.0.id }
        // Measurement ids are "measurement:<doc>:<offset>": in id order, documents go by "<doc>:".
        let measurementOrder = docIDs.indices.sorted { docIDs[$0] + ":" < docIDs[$1] + ":" }
        return SpilledGraph(name: name, nodes: list.map(\.0), nodeDocs: list.map(\.1), edges: edges.sorted(by: SpilledGraph.edgeOrder),
                            documents: byID.map { docIDs[$0] }, documentOrder: byID.map { Array(docBlocks[$0]) },
                            measurementOrder: measurementOrder.map { Array(docBlocks[$0]) }, spills: spills)
    }
}

extension Array where Element == UInt32 {
    var isSorted: Bool { zip(self, dropFirst()).allSatisfy { $0 <= $1 } }
}
