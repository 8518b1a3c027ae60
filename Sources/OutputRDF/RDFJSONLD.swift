// JSON-LD serialisation of the RDF resources (compact IRIs, one @graph), written as UTF-8
// bytes as the writer emits them.
import ZhituCore

extension RDFWriter {
    /// graph.jsonld's text: a @context of the prefixes, then a @graph with an object a line
    /// per subject, each predicate an array of objects (`@type` an array of IRIs).
    struct JSONLDBytes {
        var bytes: [UInt8] = []
        private var subjects = 0
        /// Per open subject or blank node: fields written, objects in the open predicate's
        /// array, whether an array is open and whether it is @type's.
        private var levels: [(fields: Int, objects: Int, inArray: Bool, isType: Bool)] = []

        init() {
            var w = JSONWriter()
            w.beginObject()
            w.beginObject("@context")
            for (p, iri) in prefixes { w.field(p, iri) }
            w.endObject()
            w.raw("\n")
            w.beginArray("@graph")
            bytes.append(contentsOf: w.text.utf8)
            levels.reserveCapacity(4)
        }

        /// The end of the @graph and of the document.
        mutating func finish() {
            bytes.append(static: "\n]}\n")
        }

        mutating func subject(_ iri: IRI) {
            bytes.append(0x0A)
            if subjects > 0 { bytes.append(0x2C) }
            subjects += 1
            bytes.append(static: "{\"@id\":\"")
            iri.append(to: &bytes)   // needs no escape (see IRI.append)
            bytes.append(0x22)
            levels.append((1, 0, false, false))
        }

        mutating func endSubject() { endBlank() }

        mutating func types() { beginPredicate(isType: true); bytes.append(static: "\"@type\":[") }

        mutating func predicate(_ p: IRI) {
            beginPredicate(isType: false)
            bytes.append(0x22)
            p.append(to: &bytes)
            bytes.append(0x22); bytes.append(0x3A); bytes.append(0x5B)   // ":[
        }

        /// Closes the open array and opens the next field.
        private mutating func beginPredicate(isType: Bool) {
            let last = levels.count - 1
            if levels[last].inArray { bytes.append(0x5D) }   // ]
            if levels[last].fields > 0 { bytes.append(0x2C) }
            levels[last] = (levels[last].fields + 1, 0, true, isType)
        }

        private mutating func beginObject() {
            let last = levels.count - 1
            if levels[last].objects > 0 { bytes.append(0x2C) }
            levels[last].objects += 1
        }

        mutating func object(_ iri: IRI) {
            beginObject()
            if levels[levels.count - 1].isType {
                bytes.append(0x22)
            } else {
                bytes.append(static: "{\"@id\":\"")
            }
            iri.append(to: &bytes)
            bytes.append(0x22)
            if !levels[levels.count - 1].isType { bytes.append(0x7D) }
        }

        mutating func literal(_ s: String, lang: StaticString?, datatype: StaticString?) {
            beginObject()
            bytes.append(static: "{\"@value\":")
            JSONBytes.appendQuoted(s, to: &bytes)
            tags(lang: lang, datatype: datatype)
        }

        mutating func integer(_ v: Int, datatype: StaticString) {
            beginObject()
            bytes.append(static: "{\"@value\":\"")
            JSONBytes.appendInt(v, to: &bytes)
            bytes.append(0x22)
            tags(lang: nil, datatype: datatype)
        }

        /// The literal's tags and the end of its object.
        private mutating func tags(lang: StaticString?, datatype: StaticString?) {
            if let lang {
                bytes.append(static: ",\"@language\":\"")
                bytes.append(static: lang)
                bytes.append(0x22)
            }
            if let datatype {
                bytes.append(static: ",\"@type\":\"")
                bytes.append(static: datatype)
                bytes.append(0x22)
            }
            bytes.append(0x7D)
        }

        mutating func beginBlank() {
            beginObject()
            bytes.append(0x7B)
            levels.append((0, 0, false, false))
        }

        mutating func endBlank() {
            if levels.removeLast().inArray { bytes.append(0x5D) }
            bytes.append(0x7D)
        }
    }
}
