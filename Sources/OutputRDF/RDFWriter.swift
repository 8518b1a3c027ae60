// RDF: graph.ttl (Turtle) and graph.jsonld, with IRIs minted from node ids, names as "…"@zh,
// schema.org types, PROV-O provenance and W3C Web Annotation selectors for evidence.
import Foundation
import ZhituCore

public struct RDFWriter: OutputWriter {
    public static let format = "rdf"
    public static let summary = "graph.ttl and graph.jsonld: RDF with schema.org types, PROV-O and Web Annotation evidence."
    public init() {}

    public func write(_ output: RunOutput, to directory: URL) throws {
        let g = try output.graphSource()
        let ttl = try AtomicFile.Output(path: directory.appendingPathComponent("graph.ttl").path)
        let jsonld = try AtomicFile.Output(path: directory.appendingPathComponent("graph.jsonld").path)
        // Both files from one pass over the graph, each handed over a megabyte at a time.
        var s = RDFStream()
        if let p = output.provenance { Self.run(p, &s) }
        try Self.forEachSubject(g, &s) { s in try s.drain(turtle: ttl.write(bytes:), jsonld: jsonld.write(bytes:)) }
        s.jsonld.finish()
        try s.drain(turtle: ttl.write(bytes:), jsonld: jsonld.write(bytes:), whole: true)
        try ttl.commit()
        try jsonld.commit()
    }

    /// Node IRIs are this prefix followed by the node id (percent-encoded where IRIs need it).
    static let baseText: StaticString = "urn:zhitu:"
    public static let base = baseText.description
    public static let vocab = "urn:zhitu:vocab:"

    static let prefixes: [(String, String)] = [
        ("schema", "http://schema.org/"), ("prov", "http://www.w3.org/ns/prov#"), ("oa", "http://www.w3.org/ns/oa#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"), ("z", vocab),
    ]

    /// schema.org class for a node type.
    static let schemaTypes: [String: StaticString] = ["Person": "schema:Person", "Place": "schema:Place", "Organization": "schema:Organization",
                              "Document": "schema:CreativeWork", "Title": "schema:Role", "Term": "schema:DefinedTerm",
                              "Slogan": "schema:CreativeWork", "Measurement": "schema:QuantitativeValue"]

    public static func nodeIRI(_ id: String) -> String { base + encode(id) }

    /// A finite number as an xsd:decimal lexical form (no exponent: 5.8e+09 → 5800000000.0).
    static func decimal(_ d: Double) -> String {
        let s = String(d)
        return s.contains("e") ? "\(Decimal(d))" : s
    }

    /// The subjects in order: nodes (with the direct triples of the edges from them), edge
    /// statements with their evidence, then edge sources the node list lacks. One pass over
    /// the nodes alongside the edges (both in id order), then one over the edges. `written`
    /// runs after each subject (to hand over what is written).
    static func forEachSubject<G: GraphSource>(_ g: G, _ s: inout RDFStream, written: (inout RDFStream) throws -> Void) throws {
        var edges = g.edgeStream().makeIterator()
        var pending = edges.next()
        var orphans: [String: [Direct]] = [:]   // direct triples of sources that are not nodes
        var direct: [Direct] = []
        for n in g.nodeStream() {
            direct.removeAll(keepingCapacity: true)
            while let e = pending, e.source <= n.id {
                if e.source == n.id { direct.append(Direct(e)) } else { orphans[e.source, default: []].append(Direct(e)) }
                pending = edges.next()
            }
            node(n, direct: direct, &s)
            try written(&s)
        }
        while let e = pending {
            orphans[e.source, default: []].append(Direct(e))
            pending = edges.next()
        }
        for (i, e) in g.edgeStream().enumerated() {
            edge(e, at: i, &s)
            try written(&s)
        }
        // Edge sources missing from the node list get subjects of their own.
        for id in orphans.keys.sorted() {
            s.subject(.node(id))
            grouped(orphans[id]!, &s)
            s.endSubject()
            try written(&s)
        }
    }

    /// An edge as a direct triple on its source: (z:type, target).
    struct Direct {
        var term: String
        var target: String
        init(_ e: GraphEdge) { term = RDFWriter.term(e.type); target = e.target }
    }

    /// A vocabulary term (z:name) for a property or relation name.
    static func term(_ name: String) -> String { "z:" + encode(name, local: true) }

    /// Direct triples grouped by predicate, in predicate order (each group in edge order).
    static func grouped(_ direct: [Direct], _ s: inout RDFStream) {
        let order = direct.indices.sorted { (direct[$0].term, $0) < (direct[$1].term, $1) }
        var last: String?
        for i in order {
            if direct[i].term != last {
                s.predicate(.minted(direct[i].term))
                last = direct[i].term
            }
            s.object(.node(direct[i].target))
        }
    }

    /// An edge: a statement with its count and evidence, then each evidence, an
    /// oa:Annotation targeting a text position in the document.
    static func edge(_ e: GraphEdge, at i: Int, _ s: inout RDFStream) {
        s.subject(.edge(i))
        s.types(); s.object("rdf:Statement"); s.object("z:Edge")
        s.predicate("rdf:subject"); s.object(.node(e.source))
        s.predicate("rdf:predicate"); s.object(.term(e.type))
        s.predicate("rdf:object"); s.object(.node(e.target))
        s.predicate("z:count"); s.integer(e.count)
        for k in e.properties.keys.sorted() {
            s.predicate(.term(k))
            s.value(e.properties[k]!)
        }
        if !e.evidence.isEmpty {
            s.predicate("prov:wasDerivedFrom")
            var previous: String?
            for doc in e.evidence.map(\.doc).sorted() where doc != previous {
                s.object(.doc(doc))
                previous = doc
            }
            s.predicate("z:evidence")
            for k in e.evidence.indices { s.object(.evidence(i, k)) }
        }
        s.endSubject()
        for (k, ev) in e.evidence.enumerated() {
            s.subject(.evidence(i, k))
            s.types(); s.object("oa:Annotation"); s.object("prov:Entity")
            s.predicate("oa:motivatedBy"); s.object("oa:identifying")
            s.predicate("oa:hasBody"); s.object(.edge(i))
            s.predicate("oa:hasTarget")
            s.beginBlank()
            s.types(); s.object("oa:SpecificResource")
            s.predicate("oa:hasSource"); s.object(.doc(ev.doc))
            s.predicate("oa:hasSelector")
            s.beginBlank()
            s.types(); s.object("oa:TextPositionSelector")
            s.predicate("oa:start"); s.integer(ev.start, datatype: "xsd:nonNegativeInteger")
            s.predicate("oa:end"); s.integer(ev.end, datatype: "xsd:nonNegativeInteger")
            s.endBlank()
            s.endBlank()
            s.predicate("prov:wasDerivedFrom"); s.object(.doc(ev.doc))
            s.predicate("schema:text"); s.zh(ev.sentence)
            s.endSubject()
        }
    }

    /// A node with its properties, then the direct triples of the edges from it.
    static func node(_ n: GraphNode, direct: [Direct], _ s: inout RDFStream) {
        s.subject(.node(n.id))
        s.types()
        s.object(.term(n.type))
        if let t = schemaTypes[n.type] { s.object(.compact(t)) }
        if n.type == "Document" { s.object("prov:Entity") }
        s.predicate("schema:name"); s.zh(n.name)
        s.predicate("rdfs:label"); s.zh(n.name)
        s.predicate("schema:identifier"); s.literal(n.id)
        s.predicate("z:count"); s.integer(n.count)
        if n.type != "Document" && !n.docs.isEmpty {
            s.predicate("prov:wasDerivedFrom")
            for d in n.docs { s.object(.doc(d)) }
        }
        for k in n.properties.keys.sorted() {
            let v = n.properties[k]!
            switch (n.type, k, v) {
            case ("Document", "date", .string(let d)): s.predicate("schema:datePublished"); s.date(d)
            case ("Document", "title", .string(let t)): s.predicate("schema:headline"); s.zh(t)
            case ("Document", "path", .string(let p)): s.predicate("z:path"); s.literal(p)
            case (_, "aliases", .strings(let l)): s.predicate("schema:alternateName"); for a in l { s.zh(a) }
            case (_, "first_date", .string(let d)), (_, "last_date", .string(let d)), (_, "date", .string(let d)): s.predicate(.term(k)); s.date(d)
            case ("Measurement", "value", .double(let d)) where d.isFinite: s.predicate("schema:value"); s.literal(decimal(d), datatype: "xsd:decimal")
            case ("Measurement", "value", .int(let i)): s.predicate("schema:value"); s.integer(i, datatype: "xsd:decimal")
            case ("Measurement", "value_to", .double(let d)) where d.isFinite: s.predicate("schema:maxValue"); s.literal(decimal(d), datatype: "xsd:decimal")
            case ("Measurement", "value_date", .string(let d)): s.predicate("z:value_date"); s.date(d)
            case ("Measurement", "unit", .string(let u)): s.predicate("schema:unitText"); s.zh(u)
            default: s.predicate(.term(k)); s.value(v)
            }
        }
        grouped(direct, &s)
        s.endSubject()
    }
}
