// RDF: graph.ttl (Turtle) and graph.jsonld, with IRIs minted from node ids, names as "…"@zh,
// schema.org types, PROV-O provenance and W3C Web Annotation selectors for evidence.
import Foundation
import ZhituCore

public struct RDFWriter: OutputWriter {
    public static let format = "rdf"
    public static let summary = "graph.ttl and graph.jsonld: RDF with schema.org types, PROV-O and Web Annotation evidence."
    public init() {}

    /// Node IRIs are this prefix followed by the node id (percent-encoded where IRIs need it).
    public static let base = "urn:zhitu:"
    public static let vocab = "urn:zhitu:vocab:"

    public func write(_ output: RunOutput, to directory: URL) throws {
        let g = try output.graphSource()
        let ttl = try AtomicFile.Output(path: directory.appendingPathComponent("graph.ttl").path)
        let jsonld = try AtomicFile.Output(path: directory.appendingPathComponent("graph.jsonld").path)
        // Both files from one pass over the resources: making the resources costs about as
        // much as writing either file.
        try Self.turtleAndJSONLD(g, provenance: output.provenance, turtle: ttl.write, jsonld: jsonld.write)
        try ttl.commit()
        try jsonld.commit()
    }

    // MARK: Model

    public indirect enum Object {
        case iri(String)
        case literal(String, lang: String?, datatype: String?)
        case blank([(String, [Object])])
    }

    public struct Resource {
        public var iri: String
        public var properties: [(String, [Object])]
    }

    static let prefixes: [(String, String)] = [
        ("schema", "http://schema.org/"), ("prov", "http://www.w3.org/ns/prov#"), ("oa", "http://www.w3.org/ns/oa#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"), ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"), ("z", vocab),
    ]

    /// schema.org class for a node type.
    static let schemaTypes = ["Person": "schema:Person", "Place": "schema:Place", "Organization": "schema:Organization",
                              "Document": "schema:CreativeWork", "Title": "schema:Role", "Term": "schema:DefinedTerm",
                              "Slogan": "schema:CreativeWork", "Measurement": "schema:QuantitativeValue"]

    public static func nodeIRI(_ id: String) -> String { base + encode(id) }
    static func docIRI(_ doc: String) -> String { nodeIRI("doc:" + doc) }

    static func zh(_ s: String) -> Object { .literal(s, lang: "zh", datatype: nil) }
    static func plain(_ s: String) -> Object { .literal(s, lang: nil, datatype: nil) }
    static func typed(_ s: String, _ t: String) -> Object { .literal(s, lang: nil, datatype: t) }

    /// A date literal typed by its precision: xsd:date, xsd:gYearMonth, xsd:gYear or
    /// xsd:gMonthDay (--01-23, a day whose year the text does not give).
    static func date(_ s: String) -> Object {
        // Only well-formed dates are typed: numbers also give decades (199X) and clock times (T08:30).
        let shape = String(s.map { $0.isASCII && $0.isNumber ? "9" : $0 })
        switch shape {
        case "9999-99-99": return typed(s, "xsd:date")
        case "9999-99": return typed(s, "xsd:gYearMonth")
        case "9999": return typed(s, "xsd:gYear")
        case "--99-99": return typed(s, "xsd:gMonthDay")
        default: return plain(s)
        }
    }

    /// Text: tagged @zh when it holds Han characters, else a plain literal (codes, paths).
    static func text(_ s: String) -> Object {
        s.unicodeScalars.contains { $0.properties.isIdeographic } ? zh(s) : plain(s)
    }

    /// A finite number as an xsd:decimal lexical form (no exponent: 5.8e+09 → 5800000000.0).
    static func decimal(_ d: Double) -> String {
        let s = String(d)
        return s.contains("e") ? "\(Decimal(d))" : s
    }

    static func value(_ v: GraphValue) -> [Object] {
        switch v {
        case .string(let s): return [text(s)]
        case .strings(let l): return l.map(text)
        case .int(let i): return [typed(String(i), "xsd:integer")]
        case .double(let d): return [typed(d.isFinite ? String(d) : (d.isNaN ? "NaN" : (d > 0 ? "INF" : "-INF")), "xsd:double")]
        case .bool(let b): return [typed(b ? "true" : "false", "xsd:boolean")]
        }
    }

    /// A vocabulary term (z:name) for a property or relation name.
    static func term(_ name: String) -> String { "z:" + encode(name, local: true) }

    public static func resources<G: GraphSource>(_ g: G) -> [Resource] {
        var out: [Resource] = []
        forEachResource(g) { out.append($0) }
        return out
    }

    /// The resources in order: nodes (with the direct triples of the edges from them), edge
    /// statements with their evidence, then edge sources the node list lacks. One pass over
    /// the nodes alongside the edges (both in id order), then one over the edges.
    public static func forEachResource<G: GraphSource>(_ g: G, _ body: (Resource) throws -> Void) rethrows {
        var edges = g.edgeStream().makeIterator()
        var pending = edges.next()
        var orphans: [String: [(String, [Object])]] = [:]   // direct triples of sources that are not nodes
        /// Direct triples on a node, grouped by predicate.
        func grouped(_ direct: [(String, [Object])]) -> [(String, [Object])] {
            let byPredicate = Dictionary(grouping: direct, by: \.0)
            return byPredicate.keys.sorted().map { k in (k, byPredicate[k]!.flatMap(\.1)) }
        }
        for n in g.nodeStream() {
            var direct: [(String, [Object])] = []
            while let e = pending, e.source <= n.id {
                if e.source == n.id { direct.append((term(e.type), [.iri(nodeIRI(e.target))])) }
                else { orphans[e.source, default: []].append((term(e.type), [.iri(nodeIRI(e.target))])) }
                pending = edges.next()
            }
            var r = nodeResource(n)
            if !direct.isEmpty { r.properties += grouped(direct) }
            try body(r)
        }
        while let e = pending {
            orphans[e.source, default: []].append((term(e.type), [.iri(nodeIRI(e.target))]))
            pending = edges.next()
        }
        // Each edge: a statement resource with its count and evidence, each evidence an
        // oa:Annotation targeting a text position in the document.
        for (i, e) in g.edgeStream().enumerated() {
            let iri = base + "edge:\(i)"
            var p: [(String, [Object])] = [
                ("rdf:type", [.iri("rdf:Statement"), .iri("z:Edge")]),
                ("rdf:subject", [.iri(nodeIRI(e.source))]), ("rdf:predicate", [.iri(term(e.type))]), ("rdf:object", [.iri(nodeIRI(e.target))]),
                ("z:count", [typed(String(e.count), "xsd:integer")]),
            ]
            for k in e.properties.keys.sorted() { p.append((term(k), value(e.properties[k]!))) }
            if !e.evidence.isEmpty {
                p.append(("prov:wasDerivedFrom", Array(Set(e.evidence.map(\.doc))).sorted().map { .iri(docIRI($0)) }))
                p.append(("z:evidence", e.evidence.enumerated().map { (k, ev) in .iri(iri + ":evidence:\(k)") }))
            }
            try body(Resource(iri: iri, properties: p))
            for (k, ev) in e.evidence.enumerated() {
                try body(Resource(iri: iri + ":evidence:\(k)", properties: [
                    ("rdf:type", [.iri("oa:Annotation"), .iri("prov:Entity")]),
                    ("oa:motivatedBy", [.iri("oa:identifying")]),
                    ("oa:hasBody", [.iri(iri)]),
                    ("oa:hasTarget", [.blank([
                        ("rdf:type", [.iri("oa:SpecificResource")]),
                        ("oa:hasSource", [.iri(docIRI(ev.doc))]),
                        ("oa:hasSelector", [.blank([
                            ("rdf:type", [.iri("oa:TextPositionSelector")]),
                            ("oa:start", [typed(String(ev.start), "xsd:nonNegativeInteger")]),
                            ("oa:end", [typed(String(ev.end), "xsd:nonNegativeInteger")]),
                        ])]),
                    ])]),
                    ("prov:wasDerivedFrom", [.iri(docIRI(ev.doc))]),
                    ("schema:text", [zh(ev.sentence)]),
                ]))
            }
        }
        // Edge sources missing from the node list get resources of their own.
        for id in orphans.keys.sorted() { try body(Resource(iri: nodeIRI(id), properties: grouped(orphans[id]!))) }
    }

    static func nodeResource(_ n: GraphNode) -> Resource {
        var p: [(String, [Object])] = []
        var types: [Object] = [.iri(term(n.type))]
        if let s = schemaTypes[n.type] { types.append(.iri(s)) }
        if n.type == "Document" { types.append(.iri("prov:Entity")) }
        p.append(("rdf:type", types))
        p.append(("schema:name", [zh(n.name)]))
        p.append(("rdfs:label", [zh(n.name)]))
        p.append(("schema:identifier", [plain(n.id)]))
        p.append(("z:count", [typed(String(n.count), "xsd:integer")]))
        if n.type != "Document" && !n.docs.isEmpty { p.append(("prov:wasDerivedFrom", n.docs.map { .iri(docIRI($0)) })) }
        for k in n.properties.keys.sorted() {
            let v = n.properties[k]!
            switch (n.type, k, v) {
            case ("Document", "date", .string(let s)): p.append(("schema:datePublished", [date(s)]))
            case ("Document", "title", .string(let s)): p.append(("schema:headline", [zh(s)]))
            case ("Document", "path", .string(let s)): p.append(("z:path", [plain(s)]))
            case (_, "aliases", .strings(let l)): p.append(("schema:alternateName", l.map(zh)))
            case (_, "first_date", .string(let s)), (_, "last_date", .string(let s)), (_, "date", .string(let s)): p.append((term(k), [date(s)]))
            case ("Measurement", "value", .double(let d)) where d.isFinite: p.append(("schema:value", [typed(decimal(d), "xsd:decimal")]))
            case ("Measurement", "value", .int(let i)): p.append(("schema:value", [typed(String(i), "xsd:decimal")]))
            case ("Measurement", "value_to", .double(let d)) where d.isFinite: p.append(("schema:maxValue", [typed(decimal(d), "xsd:decimal")]))
            case ("Measurement", "value_date", .string(let s)): p.append(("z:value_date", [date(s)]))
            case ("Measurement", "unit", .string(let s)): p.append(("schema:unitText", [zh(s)]))
            default: p.append((term(k), value(v)))
            }
        }
        return Resource(iri: nodeIRI(n.id), properties: p)
    }
}
