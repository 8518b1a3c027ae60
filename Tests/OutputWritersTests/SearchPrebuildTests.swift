// graph.sqlite's search indexes built apart on other threads (SearchPrebuild) answer as the
// indexes built in place do, and the rest of the file is the same.
import Foundation
import Testing
@testable import ZhituCore
@testable import OutputSQLite

@Suite struct SearchPrebuildTests {
    /// Two documents; the first repeats a sentence (one row for both), the second shares
    /// a sentence with the first (a row of its own).
    static func output() -> RunOutput {
        let s = SQLiteSearchTests.sentences
        var first = SQLiteSearchTests.document("p1", [s[0], s[1], s[0], s[2]])
        var a = Annotation(kind: .term, type: nil, text: "改革开放", start: 14, end: 18)
        a.sentence = 1
        first.annotations = [a]
        let second = SQLiteSearchTests.document("p2", [s[3], s[1], s[4], s[5]])
        return RunOutput(name: "prebuild", documents: [DocumentResult(first), DocumentResult(second)])
    }

    /// graph.sqlite of the output: its indexes built in place when `counted` (the documents'
    /// few characters counted, as a run counts them), else apart (on threads when `threads` > 1).
    func build(counted: Bool, threads: Int) throws -> URL {
        let output = Self.output()
        if counted { try output.prepare(graph: true) }
        output.threads = threads
        return try write("sqlite", output).appendingPathComponent("graph.sqlite")
    }

    @Test(.enabled(if: Tools.sqlite3 != nil, "sqlite3 not found (apt-get install sqlite3)"))
    func prebuiltIndexesAnswerAsIndexesBuiltInPlace() throws {
        let inPlace = try build(counted: true, threads: 2), prebuilt = try build(counted: false, threads: 2)
        let oneThread = try build(counted: false, threads: 1)
        defer {
            for db in [inPlace, prebuilt, oneThread] { try? FileManager.default.removeItem(at: db.deletingLastPathComponent()) }
        }
        // the same bytes whether the indexes were built on threads or one after the other
        #expect(try Data(contentsOf: prebuilt) == Data(contentsOf: oneThread))
        #expect(try Data(contentsOf: prebuilt) != Data(contentsOf: inPlace))   // so the two ways were both taken
        // no scratch file is left beside the database
        #expect(try FileManager.default.contentsOfDirectory(atPath: prebuilt.deletingLastPathComponent().path) == ["graph.sqlite"])
        func q(_ db: URL, _ sql: String) throws -> [[String: Any]] { try SQLiteTests().query(db, sql) }
        for db in [inPlace, prebuilt] {
            // FTS5 checks its index against the content (and, for the trigram table, against `sentences`)
            _ = try q(db, "INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check');")
            _ = try q(db, "INSERT INTO sentences_trigram(sentences_trigram) VALUES ('integrity-check');")
            #expect(try q(db, "SELECT count(*) AS n FROM sentences;").first?["n"] as? Int == 7)
        }
        // every table outside the indexes' own storage is the same
        let dump = "SELECT group_concat(document_id || '|' || text, ';') AS v FROM (SELECT * FROM sentences ORDER BY id);"
        #expect(try q(inPlace, dump).first?["v"] as? String == q(prebuilt, dump).first?["v"] as? String)
        let mentions = "SELECT group_concat(node_id || '@' || sentence_id, ';') AS v FROM mentions;"
        #expect(try q(inPlace, mentions).first?["v"] as? String == q(prebuilt, mentions).first?["v"] as? String)
        // and every query finds the same rows: each two-character and each three-character string of the texts
        var probes: Set<String> = []
        for s in SQLiteSearchTests.sentences {
            let c = Array(s.filter { $0.unicodeScalars.allSatisfy(SQLiteSearch.isIdeograph) })
            for n in [2, 3] where c.count >= n { for i in 0...(c.count - n) { probes.insert(String(c[i..<(i + n)])) } }
        }
        #expect(probes.count > 50)
        for p in probes.sorted() {
            let words = "SELECT group_concat(rowid) AS v FROM sentences_fts WHERE sentences_fts MATCH '\"\(p)\"';"
            let trigram = "SELECT group_concat(rowid) AS v FROM sentences_trigram WHERE sentences_trigram MATCH '\"\(p)\"';"
            #expect(try q(inPlace, words).first?["v"] as? String == q(prebuilt, words).first?["v"] as? String, "\(p)")
            #expect(try q(inPlace, trigram).first?["v"] as? String == q(prebuilt, trigram).first?["v"] as? String, "\(p)")
        }
        let found = try q(prebuilt, "SELECT count(*) AS n FROM sentences_fts WHERE sentences_fts MATCH '改革';").first?["n"] as? Int
        #expect(found == 4)
    }
}
