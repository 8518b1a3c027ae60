// Turtle serialisation of the RDF resources, written as UTF-8 bytes as the writer emits them.
import ZhituCore

extension RDFWriter {
    /// graph.ttl's text: each subject, its predicates one a line (`a` for rdf:type), objects
    /// after a comma, blank nodes in brackets indented one level further.
    struct TurtleBytes {
        var bytes: [UInt8] = []
        /// Per open subject or blank node: predicates written, and objects of the last one.
        private var levels: [(predicates: Int, objects: Int)] = []

        init() {
            var header = ""
            for (p, iri) in prefixes { header += "@prefix \(p): <\(iri)> .\n" }
            bytes.append(contentsOf: (header + "\n").utf8)
            levels.reserveCapacity(4)
        }

        mutating func subject(_ iri: IRI) {
            bytes.append(0x3C)   // <
            iri.append(to: &bytes)
            bytes.append(0x3E)   // >
            levels.append((0, 0))
        }

        mutating func endSubject() {
            levels.removeLast()
            bytes.append(static: " .\n\n")
        }

        /// `a` for rdf:type.
        mutating func types() { beginPredicate(); bytes.append(0x61); bytes.append(0x20) }

        mutating func predicate(_ p: IRI) {
            beginPredicate()
            p.append(to: &bytes)
            bytes.append(0x20)
        }

        private mutating func beginPredicate() {
            let last = levels.count - 1
            if levels[last].predicates == 0 { bytes.append(0x0A) } else { bytes.append(static: " ;\n") }
            levels[last].predicates += 1
            levels[last].objects = 0
            indent()
        }

        private mutating func indent() {
            for _ in 0..<levels.count { bytes.append(static: "    ") }
        }

        private mutating func beginObject() {
            let last = levels.count - 1
            if levels[last].objects > 0 { bytes.append(0x2C); bytes.append(0x20) }   // ", "
            levels[last].objects += 1
        }

        mutating func object(_ iri: IRI) {
            beginObject()
            if iri.isFull {
                bytes.append(0x3C)
                iri.append(to: &bytes)
                bytes.append(0x3E)
            } else {
                iri.append(to: &bytes)
            }
        }

        /// A string literal, with its language tag or datatype. Turtle's string escapes
        /// include JSON's.
        mutating func literal(_ s: String, lang: StaticString?, datatype: StaticString?) {
            beginObject()
            JSONBytes.appendQuoted(s, to: &bytes)
            tags(lang: lang, datatype: datatype)
        }

        /// An integer literal of this datatype.
        mutating func integer(_ v: Int, datatype: StaticString) {
            beginObject()
            bytes.append(0x22)
            JSONBytes.appendInt(v, to: &bytes)
            bytes.append(0x22)
            tags(lang: nil, datatype: datatype)
        }

        private mutating func tags(lang: StaticString?, datatype: StaticString?) {
            if let lang { bytes.append(0x40); bytes.append(static: lang) }   // @
            if let datatype { bytes.append(0x5E); bytes.append(0x5E); bytes.append(static: datatype) }   // ^^
        }

        mutating func beginBlank() {
            beginObject()
            bytes.append(0x5B)   // [
            levels.append((0, 0))
        }

        mutating func endBlank() {
            levels.removeLast()
            bytes.append(0x0A)
            indent()
            bytes.append(0x5D)   // ]
        }
    }
}
