// graph.sqlite: passes sqlite3's integrity and foreign-key checks and answers the README's queries.
import Foundation
import Testing
import ZhituCore

@Suite struct SQLiteTests {
    func query(_ db: URL, _ sql: String) throws -> [[String: Any]] {
        let r = try Tools.run(Tools.sqlite3!, ["-json", "-bail", db.path], stdin: sql)
        guard r.status == 0 else { throw Tools.Failure(message: "sqlite3: \(r.stderr)") }
        let text = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return [] }
        return try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [[String: Any]]
    }

    @Test(.enabled(if: Tools.sqlite3 != nil, "sqlite3 not found (apt-get install sqlite3)"))
    func integrityAndForeignKeys() throws {
        let folder = try write("sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("graph.sqlite")
        #expect(try query(db, "PRAGMA integrity_check;").first?["integrity_check"] as? String == "ok")
        #expect(try query(db, "PRAGMA foreign_key_check;").isEmpty)
        let fks = try query(db, "SELECT m.name AS t, count(*) AS n FROM sqlite_master m, pragma_foreign_key_list(m.name) WHERE m.type = 'table' GROUP BY m.name ORDER BY m.name;")
        #expect(fks.map { $0["t"] as! String } == ["edges", "evidence", "mentions", "node_documents", "sentences"])
        let indexes = try query(db, "SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL;")
        #expect((indexes.first?["n"] as? Int ?? 0) >= 10)
    }

    @Test(.enabled(if: Tools.sqlite3 != nil, "sqlite3 not found (apt-get install sqlite3)"))
    func namesEvidenceAndSearchSurvive() throws {
        let g = Fixture.graph
        let folder = try write("sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("graph.sqlite")
        let nodes = try query(db, "SELECT id, name, type, count FROM nodes ORDER BY id;")
        #expect(nodes.map { $0["id"] as! String } == g.nodes.map(\.id))
        #expect(nodes.map { $0["name"] as! String } == g.nodes.map(\.name))
        // who holds which post, with the sentence it was read from
        let holds = try query(db, """
            SELECT h.person, h.title, h.org, s.text AS sentence, d.date FROM holds h
            JOIN evidence ev ON ev.edge_id = h.edge_id JOIN sentences s ON s.id = ev.sentence_id JOIN documents d ON d.id = ev.document_id;
            """)
        #expect(holds.count == 1)
        #expect(holds.first?["person"] as? String == Fixture.person)
        #expect(holds.first?["title"] as? String == Fixture.title)
        #expect(holds.first?["org"] as? String == Fixture.org)
        #expect(holds.first?["sentence"] as? String == Fixture.sentence)
        #expect(holds.first?["date"] as? String == "2023-05-01")
        // full-text search over sentences (trigram: any 3 characters)
        let hits = try query(db, "SELECT s.document_id AS doc FROM sentences_trigram JOIN sentences s ON s.id = sentences_trigram.rowid WHERE sentences_trigram MATCH '\"新质生产\"';")
        #expect(hits.map { $0["doc"] as! String } == ["d2"])
        // top slogans by year
        let slogans = try query(db, """
            SELECT substr(d.date, 1, 4) AS year, n.name, count(*) AS mentions FROM mentions m
            JOIN nodes n ON n.id = m.node_id JOIN documents d ON d.id = m.document_id
            WHERE n.type = 'Slogan' GROUP BY year, n.id ORDER BY year, mentions DESC;
            """)
        #expect(slogans.map { $0["year"] as! String } == ["2023", "2024"])
        #expect(slogans.allSatisfy { $0["name"] as? String == Fixture.slogan })
        let measurements = try query(db, "SELECT text, value, unit, subject FROM measurements ORDER BY text;")
        #expect(measurements.count == 2)
        #expect(measurements.first?["value"] as? Double == 12)
        #expect(measurements.last?["unit"] as? String == "%")
        // mentions keep the alias as written and point at the canonical node
        let alias = try query(db, "SELECT node_id FROM mentions WHERE text = '老张';")
        #expect(alias.first?["node_id"] as? String == "person:\(Fixture.person)")
    }

    /// SQLite's C interface ends text at a NUL: ids "a\0x" and "a\0y" were both stored as "a"
    /// and collided on the primary key, stopping the writer.
    @Test(.enabled(if: Tools.sqlite3 != nil, "sqlite3 not found (apt-get install sqlite3)"))
    func idsWithANulAreKeptApart() throws {
        let docs = ["a\u{0}x", "a\u{0}y"].map { id in
            DocumentResult(id: id, path: "p", meta: DocumentMeta(), characters: 2,
                           records: [Fixture.record(.entity, "PER", "王\u{0}晶", 0)], sentences: [0: EvidenceSentence(text: "王晶", start: 0, end: 2)])
        }
        let folder = try write("sqlite", RunOutput(name: "nul", documents: docs))
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("graph.sqlite")
        #expect(try query(db, "SELECT id FROM documents ORDER BY id;").map { $0["id"] as! String } == ["a\u{2400}x", "a\u{2400}y"])
        #expect(try query(db, "SELECT text FROM mentions;").map { $0["text"] as! String } == ["王\u{2400}晶", "王\u{2400}晶"])
        #expect(try query(db, "PRAGMA foreign_key_check;").isEmpty)
    }
}
