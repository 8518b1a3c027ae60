// measurements.csv and discourse.csv: one row per record, quoted where needed.
import Foundation
import Testing
import ZhituCore
import OutputTables

@Suite struct OutputTablesTests {
    func sample() -> RunOutput {
        var n = Annotation(kind: .number, text: "99.2%", start: 10, end: 15)
        n.numtype = "percent"; n.value = .number(99.2); n.unit = "%"; n.subject = "调处矛盾纠纷成功率"; n.sentence = 0
        let s1 = Annotation(kind: .slogan, text: "枫桥经验", start: 1, end: 5)
        let s2 = Annotation(kind: .slogan, text: "枫桥经验", start: 20, end: 24)
        let t = Annotation(kind: .term, text: "网格化管理", start: 30, end: 35)
        let doc = DocumentResult(id: "a", path: "a.txt", meta: DocumentMeta(date: "2024-01-29"), characters: 40,
                                 records: [n, s1, s2, t], sentences: [0: EvidenceSentence(text: "成功率99.2%，\"稳\"。", start: 0, end: 16)])
        return RunOutput(name: "t", documents: [doc])
    }

    @Test func measurementsHaveOneRowPerNumber() throws {
        let dir = Repo.tempDir()
        try MeasurementsWriter().write(sample(), to: dir)
        let text = try String(contentsOf: dir.appendingPathComponent("measurements.csv"), encoding: .utf8)
        let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 2)
        #expect(rows[1] == #"a,2024-01-29,调处矛盾纠纷成功率,99.2,,,%,,percent,99.2%,"成功率99.2%，""稳""。""#)
    }

    /// The tables written from the graph alone (`zhitu export` from a graph.json) hold the
    /// same rows as those written from the records.
    @Test func tablesFromAGraphEqualTablesFromRecords() throws {
        let fromRecords = Repo.tempDir(), fromGraph = Repo.tempDir()
        let output = sample()
        let graph = KnowledgeGraph(try GraphBuilder.stream(output.documents, name: "t", directory: fromGraph))
        let exported = RunOutput(name: "t", documents: [], graph: graph)
        for w in [MeasurementsWriter() as any OutputWriter, DiscourseWriter()] {
            try w.write(output, to: fromRecords)
            try w.write(exported, to: fromGraph)
        }
        for f in ["measurements.csv", "discourse.csv"] {
            let a = try String(contentsOf: fromRecords.appendingPathComponent(f), encoding: .utf8)
            let b = try String(contentsOf: fromGraph.appendingPathComponent(f), encoding: .utf8)
            #expect(a == b)
            #expect(b.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count > 1, "\(f) is header-only")
        }
    }

    /// OWASP's CSV injection advice: a cell a spreadsheet would run as a formula starts with '.
    @Test func formulaCellsAreNeutralised() throws {
        var quoted = Annotation(kind: .slogan, text: "=HYPERLINK(\"http://x\",\"点击\")", start: 0, end: 10)
        quoted.sentence = 0
        let at = Annotation(kind: .term, text: "@SUM(A1)", start: 12, end: 20)
        var n = Annotation(kind: .number, text: "-3.5%", start: 21, end: 26)
        n.value = .number(-3.5); n.subject = "+1+1"; n.unit = "\tx"
        let doc = DocumentResult(id: "-d", path: "d.txt", meta: DocumentMeta(), characters: 30, records: [quoted, at, n],
                                 sentences: [:])
        let dir = Repo.tempDir()
        try DiscourseWriter().write(RunOutput(name: "t", documents: [doc]), to: dir)
        try MeasurementsWriter().write(RunOutput(name: "t", documents: [doc]), to: dir)
        let discourse = try String(contentsOf: dir.appendingPathComponent("discourse.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        #expect(discourse[1] == #"slogan,"'=HYPERLINK(""http://x"",""点击"")",'-d,,1"#)
        #expect(discourse[2] == "term,'@SUM(A1),'-d,,1")
        let measurements = try String(contentsOf: dir.appendingPathComponent("measurements.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        // a negative number stays a number; the other cells that start like formulas do not
        #expect(measurements[1] == "'-d,,'+1+1,-3.5,,,'\tx,,,'-3.5%,")
    }

    @Test func discourseCountsPerDocument() throws {
        let dir = Repo.tempDir()
        try DiscourseWriter().write(sample(), to: dir)
        let text = try String(contentsOf: dir.appendingPathComponent("discourse.csv"), encoding: .utf8)
        let rows = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.dropFirst() == ["slogan,枫桥经验,a,2024-01-29,2", "term,网格化管理,a,2024-01-29,1"])
    }
}
