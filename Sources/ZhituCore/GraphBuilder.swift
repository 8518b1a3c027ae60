// Builds the knowledge graph from the records of all documents: one node per entity, slogan
// or term across documents, Document and Measurement nodes, MENTIONS, relation, MEASURES and
// CO_OCCURS edges, each with evidence.

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

    public static func build<S: Sequence>(_ documents: S, name: String) -> KnowledgeGraph where S.Element == DocumentResult {
        var b = Builder()
        for d in documents { b.add(d) }
        return b.graph(name: name)
    }
}

private struct Builder {
    var nodes: [String: GraphNode] = [:]
    var nodeDocs: [String: Set<String>] = [:]
    var aliases: [String: Set<String>] = [:]
    var dates: [String: (first: String, last: String)] = [:]
    var edges: [String: GraphEdge] = [:]

    mutating func node(_ type: String, _ name: String, doc: String?, date: String?) -> String {
        let id = GraphBuilder.nodeID(type: type, name: name)
        if nodes[id] == nil { nodes[id] = GraphNode(id: id, type: type, name: name, docs: [], count: 0, properties: [:]) }
        if let doc { nodeDocs[id, default: []].insert(doc) }
        if let date {
            if let d = dates[id] { dates[id] = (min(d.first, date), max(d.last, date)) } else { dates[id] = (date, date) }
        }
        return id
    }

    mutating func edge(_ source: String, _ target: String, _ type: String, evidence: Evidence?, properties: [String: GraphValue] = [:]) {
        let key = "\(source)\u{1}\(type)\u{1}\(target)\u{1}" + properties.keys.sorted().map { "\($0)=\(properties[$0]!.json)" }.joined(separator: ",")
        var e = edges[key] ?? GraphEdge(source: source, target: target, type: type, count: 0, properties: properties, evidence: [])
        e.count += 1
        if let evidence, e.evidence.count < GraphBuilder.evidencePerEdge, !e.evidence.contains(evidence) { e.evidence.append(evidence) }
        edges[key] = e
    }

    mutating func add(_ d: DocumentResult) {
        let docID = "doc:\(d.id)"
        var props: [String: GraphValue] = ["path": .string(d.path)]
        if let v = d.meta.date { props["date"] = .string(v) }
        if let v = d.meta.title { props["title"] = .string(v) }
        if let v = d.meta.source { props["source"] = .string(v) }
        nodes[docID] = GraphNode(id: docID, type: "Document", name: d.meta.title ?? d.id, docs: [d.id], count: 1, properties: props)

        func evidence(_ a: Annotation) -> Evidence? {
            guard let s = a.sentence, let sent = d.sentences[s] else { return nil }
            return Evidence(doc: d.id, sentence: sent.text, start: a.start, end: a.end)
        }
        // Entities, slogans, terms: nodes, and MENTIONS edges from the document.
        var byText: [String: [String: String]] = [:]   // node type -> text -> node id, for relations
        var sentenceNodes: [Int: Set<String>] = [:]
        for a in d.records {
            guard let type = GraphBuilder.nodeType(of: a) else { continue }
            let name = a.canonical ?? a.text
            let id = node(type, name, doc: d.id, date: d.meta.date)
            nodes[id]!.count += 1
            if let code = a.code { nodes[id]!.properties["code"] = .string(code) }
            if a.text != name { aliases[id, default: []].insert(a.text) }
            byText[type, default: [:]][a.text] = id
            byText[type, default: [:]][name] = id
            edge(docID, id, "MENTIONS", evidence: evidence(a))
            if (a.kind == .slogan || a.kind == .term), let s = a.sentence { sentenceNodes[s, default: []].insert(id) }
        }
        for (_, ids) in sentenceNodes where ids.count > 1 {
            let sorted = ids.sorted()
            for i in 0..<sorted.count { for j in (i + 1)..<sorted.count { edge(sorted[i], sorted[j], "CO_OCCURS", evidence: nil) } }
        }
        func resolve(_ text: String, as type: String?) -> String {
            if type == "Document" { return docID }   // AUTHOR and the like point at this document
            if let type, let id = byText[type]?[text] { return id }
            for (_, m) in byText.sorted(by: { $0.key < $1.key }) { if let id = m[text] { return id } }
            return node(type ?? "Thing", text, doc: d.id, date: d.meta.date)
        }
        for a in d.records {
            switch a.kind {
            case .relation, .variant:
                guard let type = a.type, let head = a.head, let tail = a.tail else { continue }
                let ends = GraphBuilder.relationEnds[type]
                var props: [String: GraphValue] = [:]
                if let org = a.org { props["org"] = .string(org) }
                edge(resolve(head, as: ends?.0), resolve(tail, as: ends?.1), type, evidence: evidence(a), properties: props)
            case .number:
                let id = "measurement:\(d.id):\(a.start)"
                var p: [String: GraphValue] = ["text": .string(a.text)]
                switch a.value {
                case .number(let v)?: p["value"] = .double(v)
                case .string(let s)?: p["value"] = .string(s)
                case nil: break
                }
                if let v = a.numtype { p["numtype"] = .string(v) }
                if let v = a.unit { p["unit"] = .string(v) }
                if let v = a.qualifier { p["qualifier"] = .string(v) }
                if let v = a.subject { p["subject"] = .string(v) }
                if let v = d.meta.date { p["date"] = .string(v) }
                nodes[id] = GraphNode(id: id, type: "Measurement", name: a.text, docs: [d.id], count: 1, properties: p)
                edge(docID, id, "MENTIONS", evidence: evidence(a))
                if let subject = a.subject, let target = byText.keys.sorted().lazy.compactMap({ byText[$0]?[subject] }).first {
                    edge(id, target, "MEASURES", evidence: evidence(a))
                }
            default: continue
            }
        }
    }

    func graph(name: String) -> KnowledgeGraph {
        var list: [GraphNode] = []
        for (id, var n) in nodes {
            if n.type != "Document" && n.type != "Measurement" { n.docs = (nodeDocs[id] ?? []).sorted() }
            if let a = aliases[id] { n.properties["aliases"] = .strings(a.sorted()) }
            if let d = dates[id], n.type == "Slogan" || n.type == "Term" {
                n.properties["first_date"] = .string(d.first)
                n.properties["last_date"] = .string(d.last)
            }
            list.append(n)
        }
        list.sort { $0.id < $1.id }
        let e = edges.values.sorted { ($0.source, $0.type, $0.target, $0.properties.description) < ($1.source, $1.type, $1.target, $1.properties.description) }
        return KnowledgeGraph(name: name, nodes: list, edges: e)
    }
}
