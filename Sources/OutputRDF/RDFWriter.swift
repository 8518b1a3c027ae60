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
        let triples = Self.resources(output.graph)
        try AtomicFile.write(Self.turtle(triples), to: directory.appendingPathComponent("graph.ttl").path)
        try AtomicFile.write(Self.jsonld(triples), to: directory.appendingPathComponent("graph.jsonld").path)
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

    /// A date literal typed by its precision: xsd:date, xsd:gYearMonth or xsd:gYear.
    static func date(_ s: String) -> Object {
        switch s.count {
        case 10: return typed(s, "xsd:date")
        case 7: return typed(s, "xsd:gYearMonth")
        case 4: return typed(s, "xsd:gYear")
        default: return plain(s)
        }
    }

    /// Text: tagged @zh when it holds Han characters, else a plain literal (codes, paths).
    static func text(_ s: String) -> Object {
        s.unicodeScalars.contains { $0.properties.isIdeographic } ? zh(s) : plain(s)
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

    public static func resources(_ g: KnowledgeGraph) -> [Resource] {
        var out: [Resource] = []
        for n in g.nodes {
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
                case ("Measurement", "value", .double(let d)): p.append(("schema:value", [typed(String(d), "xsd:double")]))
                case ("Measurement", "value", .int(let i)): p.append(("schema:value", [typed(String(i), "xsd:double")]))
                case ("Measurement", "unit", .string(let s)): p.append(("schema:unitText", [zh(s)]))
                default: p.append((term(k), value(v)))
                }
            }
            out.append(Resource(iri: nodeIRI(n.id), properties: p))
        }
        // Each edge: a direct triple on its source, and a statement resource with its count and
        // evidence, each evidence an oa:Annotation targeting a text position in the document.
        var direct: [String: [(String, [Object])]] = [:]
        for (i, e) in g.edges.enumerated() {
            direct[e.source, default: []].append((term(e.type), [.iri(nodeIRI(e.target))]))
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
            out.append(Resource(iri: iri, properties: p))
            for (k, ev) in e.evidence.enumerated() {
                out.append(Resource(iri: iri + ":evidence:\(k)", properties: [
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
        // Direct triples go on the node resources (nodes missing from the list get their own).
        var index: [String: Int] = [:]
        for (i, r) in out.enumerated() { index[r.iri] = i }
        for id in direct.keys.sorted() {
            let grouped = Dictionary(grouping: direct[id]!, by: \.0)
            let props = grouped.keys.sorted().map { k in (k, grouped[k]!.flatMap(\.1)) }
            if let i = index[nodeIRI(id)] { out[i].properties += props } else { out.append(Resource(iri: nodeIRI(id), properties: props)) }
        }
        return out
    }
}
