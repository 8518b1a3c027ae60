// Turtle serialisation of the RDF resources.
import Foundation
import ZhituCore

extension RDFWriter {
    public static func turtle(_ resources: [Resource]) -> String {
        var out = header
        for r in resources { out += turtle(r) }
        return out
    }

    /// Turtle for the graph, a resource at a time, after the run's (when `provenance` is given).
    public static func turtle<G: GraphSource>(_ g: G, provenance: Provenance? = nil, _ emit: (String) throws -> Void) throws {
        try emit(header)
        for r in provenance.map(runResources) ?? [] { try emit(turtle(r)) }
        try forEachResource(g) { try emit(turtle($0)) }
    }

    static var header: String { prefixes.map { "@prefix \($0.0): <\($0.1)> .\n" }.joined() + "\n" }

    static func turtle(_ r: Resource) -> String {
        "<\(r.iri)>" + predicateList(r.properties, indent: "    ") + " .\n\n"
    }

    static func predicateList(_ props: [(String, [Object])], indent: String) -> String {
        var out = ""
        for (i, (p, objects)) in props.enumerated() {
            out += (i == 0 ? "\n" : " ;\n") + indent + (p == "rdf:type" ? "a" : p) + " "
            out += objects.map { ttl($0, indent: indent) }.joined(separator: ", ")
        }
        return out
    }

    static func ttl(_ o: Object, indent: String) -> String {
        switch o {
        case .iri(let s): return s.hasPrefix(base) ? "<\(s)>" : s
        case .literal(let s, let lang, let dt):
            return JSONWriter.quote(s) +   // Turtle's string escapes include JSON's
                 (lang.map { "@" + $0 } ?? "") + (dt.map { "^^" + $0 } ?? "")
        case .blank(let props): return "[" + predicateList(props, indent: indent + "    ") + "\n" + indent + "]"
        }
    }

}
