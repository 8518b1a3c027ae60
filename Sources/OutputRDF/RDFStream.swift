// The graph's triples written as they are made, to Turtle and JSON-LD side by side: no model
// of each resource in between (building one per evidence cost more than writing both files).
import ZhituCore

extension RDFWriter {
    /// A subject at a time: `subject`, then `types`/`predicate` each followed by its objects
    /// (literals, IRIs, or blank nodes between `beginBlank` and `endBlank`), then `endSubject`.
    struct RDFStream {
        var turtle = TurtleBytes()
        var jsonld = JSONLDBytes()

        mutating func subject(_ iri: IRI) { turtle.subject(iri); jsonld.subject(iri) }
        mutating func endSubject() { turtle.endSubject(); jsonld.endSubject() }
        /// rdf:type
        mutating func types() { turtle.types(); jsonld.types() }
        mutating func predicate(_ p: IRI) { turtle.predicate(p); jsonld.predicate(p) }
        mutating func predicate(_ p: StaticString) { predicate(.compact(p)) }
        mutating func object(_ iri: IRI) { turtle.object(iri); jsonld.object(iri) }
        mutating func object(_ iri: StaticString) { object(.compact(iri)) }
        mutating func beginBlank() { turtle.beginBlank(); jsonld.beginBlank() }
        mutating func endBlank() { turtle.endBlank(); jsonld.endBlank() }

        mutating func literal(_ s: String, lang: StaticString? = nil, datatype: StaticString? = nil) {
            turtle.literal(s, lang: lang, datatype: datatype)
            jsonld.literal(s, lang: lang, datatype: datatype)
        }

        mutating func integer(_ v: Int, datatype: StaticString = "xsd:integer") {
            turtle.integer(v, datatype: datatype)
            jsonld.integer(v, datatype: datatype)
        }

        /// Text in Chinese ("…"@zh).
        mutating func zh(_ s: String) { literal(s, lang: "zh") }

        /// Text: tagged @zh when it holds Han characters, else a plain literal (codes, paths).
        mutating func text(_ s: String) {
            if s.unicodeScalars.contains(where: { $0.properties.isIdeographic }) { zh(s) } else { literal(s) }
        }

        /// A date literal typed by its precision: xsd:date, xsd:gYearMonth, xsd:gYear or
        /// xsd:gMonthDay (--01-23, a day whose year the text does not give).
        mutating func date(_ s: String) {
            // Only well-formed dates are typed: numbers also give decades (199X) and clock times (T08:30).
            func shaped(_ shape: StaticString) -> Bool {
                shape.withUTF8Buffer { p in
                    s.utf8.elementsEqual(p) { c, q in q == 0x39 ? (0x30...0x39).contains(c) : c == q }
                }
            }
            if shaped("9999-99-99") { literal(s, datatype: "xsd:date") }
            else if shaped("9999-99") { literal(s, datatype: "xsd:gYearMonth") }
            else if shaped("9999") { literal(s, datatype: "xsd:gYear") }
            else if shaped("--99-99") { literal(s, datatype: "xsd:gMonthDay") }
            else { literal(s) }
        }

        /// A property value's literals.
        mutating func value(_ v: GraphValue) {
            switch v {
            case .string(let s): text(s)
            case .strings(let l): for s in l { text(s) }
            case .int(let i): integer(i)
            case .double(let d): literal(d.isFinite ? String(d) : (d.isNaN ? "NaN" : (d > 0 ? "INF" : "-INF")), datatype: "xsd:double")
            case .bool(let b): literal(b ? "true" : "false", datatype: "xsd:boolean")
            }
        }

        /// Hands over what both files hold once either passes a megabyte.
        mutating func drain(turtle emitTurtle: ([UInt8]) throws -> Void, jsonld emitJSONLD: ([UInt8]) throws -> Void, whole: Bool = false) throws {
            if whole || turtle.bytes.count > 1 << 20 { try emitTurtle(turtle.bytes); turtle.bytes.removeAll(keepingCapacity: true) }
            if whole || jsonld.bytes.count > 1 << 20 { try emitJSONLD(jsonld.bytes); jsonld.bytes.removeAll(keepingCapacity: true) }
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends a constant's UTF-8 bytes (names and punctuation of the syntaxes).
    @inline(__always)
    mutating func append(static s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }
}
