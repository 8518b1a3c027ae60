// A measurement's value is typed as a number in every format, its date apart; every edge,
// CO_OCCURS included, carries the sentence it was read from.
import Foundation
import Testing
import ZhituCore

@Suite struct TypedValuesTests {
    static var output: RunOutput {
        func number(_ text: String, _ numtype: String, _ value: AnnotationValue, _ start: Int) -> Annotation {
            Fixture.record(.number, nil, text, start) { $0.numtype = numtype; $0.value = value }
        }
        let doc = DocumentResult(id: "v", path: "v.txt", meta: DocumentMeta(date: "2024-02-01"), characters: 40,
                                 records: [number("7.87亿元", "money", .number(787_000_000), 0), number("2024年1月29日", "date", .string("2024-01-29"), 10),
                                           number("九十年代", "date", .string("199X"), 24)],
                                 sentences: [0: EvidenceSentence(text: "投资7.87亿元，2024年1月29日开工。", start: 0, end: 22)])
        return RunOutput(name: "v", documents: [doc])
    }

    @Test func graphMLTypesValueAsDouble() throws {
        let dir = try write("graphml", Self.output)
        defer { try? FileManager.default.removeItem(at: dir) }
        let xml = try String(contentsOf: dir.appendingPathComponent("graph.graphml"), encoding: .utf8)
        #expect(xml.contains("attr.name=\"value\" attr.type=\"double\""))
        #expect(xml.contains("attr.name=\"value_date\" attr.type=\"string\""))
    }

    @Test func neo4jTypesValueAsDouble() throws {
        let dir = try write("neo4j", Self.output)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try String(contentsOf: dir.appendingPathComponent("neo4j/nodes_Measurement.csv"), encoding: .utf8)
        let header = csv.prefix { $0 != "\n" && $0 != "\r\n" }
        #expect(header.contains("\"value:double\""))
        #expect(header.contains("\"value_date\""))
    }

    @Test func rdfTypesValueAsDecimalAndDate() throws {
        let dir = try write("rdf", Self.output)
        defer { try? FileManager.default.removeItem(at: dir) }
        let ttl = try String(contentsOf: dir.appendingPathComponent("graph.ttl"), encoding: .utf8)
        #expect(ttl.contains("\"787000000.0\"^^xsd:decimal"))
        #expect(ttl.contains("\"2024-01-29\"^^xsd:date"))
        #expect(!ttl.contains("xsd:double"))
        #expect(ttl.contains("\"199X\" ") || ttl.contains("\"199X\";") || ttl.contains("\"199X\" ."))   // a decade is no xsd:gYear
        #expect(!ttl.contains("\"199X\"^^"))
    }

    @Test(.enabled(if: Tools.sqlite3 != nil, "sqlite3 not found (apt-get install sqlite3)"))
    func sqliteValueIsReal() throws {
        let dir = try write("sqlite", Self.output)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = try SQLiteTests().query(dir.appendingPathComponent("graph.sqlite"),
                                           "SELECT text, typeof(value) AS t, value_date, sum(value) OVER () AS total FROM measurements ORDER BY text;")
        #expect(rows.map { $0["t"] as! String } == ["null", "real", "null"])
        #expect(rows.first?["value_date"] as? String == "2024-01-29")
        #expect(rows.first?["total"] as? Double == 787_000_000)
    }

    @Test func coOccurrenceEdgesCarryTheirSentence() throws {
        let g = Fixture.graph
        let co = g.edges.filter { $0.type == "CO_OCCURS" }
        #expect(!co.isEmpty)
        #expect(co.allSatisfy { !$0.evidence.isEmpty })
        #expect(co.first?.evidence.map(\.sentence) == [Fixture.sentence])   // the first sentence, of d1
        #expect(co.first?.count == 2)
        // every edge the records give has evidence
        #expect(g.edges.allSatisfy { !$0.evidence.isEmpty })
    }
}
