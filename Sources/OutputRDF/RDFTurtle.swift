// Turtle serialisation of the RDF resources.
import Foundation
import ZhituCore

extension RDFWriter {
    public static func turtle(_ resources: [Resource]) -> String {
        var out = header
        for r in resources { out += turtle(r) }
        return out
    }

    static var header: String { prefixes.map { "@prefix \($0.0): <\($0.1)> .\n" }.joined() + "\n" }

    static func turtle(_ r: Resource) -> String {
        var out = ""
        turtle(r, into: &out)
        return out
    }

    /// Appends the resource's Turtle to `out`: one growing string, no string per line.
    static func turtle(_ r: Resource, into out: inout String) {
        out += "<"; out += r.iri; out += ">"
        predicateList(r.properties, indent: "    ", into: &out)
        out += " .\n\n"
    }

    static func predicateList(_ props: [(String, [Object])], indent: String, into out: inout String) {
        for (i, (p, objects)) in props.enumerated() {
            out += i == 0 ? "\n" : " ;\n"
            out += indent; out += p == "rdf:type" ? "a" : p; out += " "
            for (k, o) in objects.enumerated() {
                if k > 0 { out += ", " }
                ttl(o, indent: indent, into: &out)
            }
        }
    }

    static func ttl(_ o: Object, indent: String, into out: inout String) {
        switch o {
        case .iri(let s):
            if s.hasPrefix(base) { out += "<"; out += s; out += ">" } else { out += s }
        case .literal(let s, let lang, let dt):
            out += JSONWriter.quote(s)   // Turtle's string escapes include JSON's
            if let lang { out += "@"; out += lang }
            if let dt { out += "^^"; out += dt }
        case .blank(let props):
            out += "["
            predicateList(props, indent: indent + "    ", into: &out)
            out += "\n"; out += indent; out += "]"
        }
    }

}
