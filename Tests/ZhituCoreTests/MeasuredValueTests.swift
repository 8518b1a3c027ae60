// A number's value is a number in the graph and measurements.csv; dates and ranges stand apart.
import Foundation
import Testing
import ZhituCore
import OutputTables

@Suite struct MeasuredValueTests {
    static func number(_ text: String, _ numtype: String, _ value: AnnotationValue, at start: Int) -> Annotation {
        var a = Annotation(kind: .number, text: text, start: start, end: start + text.unicodeScalars.count)
        a.numtype = numtype; a.value = value; a.sentence = 0
        return a
    }

    static let records = [
        number("7.87亿元", "money", .number(787_000_000), at: 0),
        number("2024年1月29日", "date", .string("2024-01-29"), at: 10),
        number("2017—2022年", "range", .string("2017/2022"), at: 30),
        number("第十七届", "ordinal", .number(17), at: 50),
    ]

    @Test func valuesAreTyped() {
        #expect(MeasuredValue(Self.records[0]) == MeasuredValue(value: 787_000_000))
        #expect(MeasuredValue(Self.records[1]) == MeasuredValue(date: "2024-01-29"))
        #expect(MeasuredValue(Self.records[2]) == MeasuredValue(value: 2017, valueTo: 2022))
        #expect(MeasuredValue(Self.records[3]).properties == ["value": .double(17)])
    }

    @Test func graphAndTableKeepDatesOutOfValue() throws {
        let doc = DocumentResult(id: "m", path: "m.txt", meta: DocumentMeta(date: "2024-02-01"), characters: 60, records: Self.records,
                                 sentences: [0: EvidenceSentence(text: "一句。", start: 0, end: 3)])
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = KnowledgeGraph(try GraphBuilder.stream([doc], name: "m", directory: dir))
        let m = g.nodes.filter { $0.type == "Measurement" }
        #expect(m.count == 4)
        // every `value` is a number; the date is in value_date, the document's date stays in date
        #expect(m.allSatisfy { if case .double? = $0.properties["value"] { return true } else { return $0.properties["value"] == nil } })
        let date = try #require(m.first { $0.name == "2024年1月29日" })
        #expect(date.properties["value_date"] == .string("2024-01-29"))
        #expect(date.properties["date"] == .string("2024-02-01"))
        #expect(m.first { $0.name == "2017—2022年" }?.properties["value_to"] == .double(2022))

        try MeasurementsWriter().write(RunOutput(name: "m", documents: [doc]), to: dir)
        let rows = try String(contentsOf: dir.appendingPathComponent("measurements.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        #expect(rows[0].hasSuffix("document,date,subject,value,value_to,value_date,unit,qualifier,numtype,text,sentence"))
        #expect(rows[1].hasPrefix("m,2024-02-01,,787000000,,,"))
        #expect(rows[2].hasPrefix("m,2024-02-01,,,,2024-01-29,"))
        #expect(rows[3].hasPrefix("m,2024-02-01,,2017,2022,,"))
    }
}
