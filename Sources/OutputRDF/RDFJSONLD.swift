// JSON-LD serialisation of the RDF resources (compact IRIs, one @graph).
import ZhituCore

extension RDFWriter {
    public static func jsonld(_ resources: [Resource]) -> String {
        var s = JSONLDStream()
        for r in resources { s.add(r) }
        return s.finish()
    }

    /// The graph's Turtle and JSON-LD, after the run's resources (when `provenance` is given),
    /// from one pass over the resources, each written in pieces of about a megabyte.
    static func turtleAndJSONLD<G: GraphSource>(_ g: G, provenance: Provenance? = nil, turtle emitTurtle: (String) throws -> Void,
                                                jsonld emitJSONLD: (String) throws -> Void) throws {
        var ttl = header
        var s = JSONLDStream()
        for r in provenance.map(runResources) ?? [] {
            turtle(r, into: &ttl)
            s.add(r)
        }
        try forEachResource(g) { r in
            turtle(r, into: &ttl)
            if ttl.utf8.count > 1 << 20 { try emitTurtle(ttl); ttl = "" }
            s.add(r)
            if s.w.text.utf8.count > 1 << 20 { try emitJSONLD(s.w.drain()) }
        }
        try emitTurtle(ttl)
        try emitJSONLD(s.finish())
    }

    /// One JSON-LD document written a resource at a time.
    struct JSONLDStream {
        var w = JSONWriter()

        init() {
            w.beginObject()
            w.beginObject("@context")
            for (p, iri) in prefixes { w.field(p, iri) }
            w.endObject()
            w.raw("\n")
            w.beginArray("@graph")
        }

        mutating func add(_ r: Resource) {
            w.raw("\n")
            w.beginObject()
            w.field("@id", r.iri)
            properties(&w, r.properties)
            w.endObject()
        }

        /// The rest of the text.
        mutating func finish() -> String {
            w.raw("\n")
            w.endArray()
            w.endObject()
            w.raw("\n")
            return w.drain()
        }
    }

    static func properties(_ w: inout JSONWriter, _ props: [(String, [Object])]) {
        for (p, objects) in props {
            if p == "rdf:type" {
                w.beginArray("@type")
                for case .iri(let t) in objects { w.element(t) }
                w.endArray()
                continue
            }
            w.beginArray(p)
            for o in objects {
                w.beginObject()
                switch o {
                case .iri(let s): w.field("@id", s)
                case .literal(let s, let lang, let dt):
                    w.field("@value", s)
                    if let lang { w.field("@language", lang) }
                    if let dt { w.field("@type", dt) }
                case .blank(let inner): properties(&w, inner)
                }
                w.endObject()
            }
            w.endArray()
        }
    }
}
