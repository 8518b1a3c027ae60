// JSON-LD serialisation of the RDF resources (compact IRIs, one @graph).
import ZhituCore

extension RDFWriter {
    public static func jsonld(_ resources: [Resource]) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.beginObject("@context")
        for (p, iri) in prefixes { w.field(p, iri) }
        w.endObject()
        w.raw("\n")
        w.beginArray("@graph")
        for r in resources {
            w.raw("\n")
            w.beginObject()
            w.field("@id", r.iri)
            properties(&w, r.properties)
            w.endObject()
        }
        w.raw("\n")
        w.endArray()
        w.endObject()
        w.raw("\n")
        return w.text
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
