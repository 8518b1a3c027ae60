// Writers given only a graph (as `zhitu export` does) and graphs whose edges name nodes
// they do not list: every format still loads in its reader.
import Foundation
import Testing
@testable import OutputNeo4j
import ZhituCore

@Suite struct GraphOnlyTests {
    /// The fixture graph plus an AUTHOR edge to a document that is not a node.
    static var dangling: KnowledgeGraph {
        var g = Fixture.graph
        g.edges.append(GraphEdge(source: "person:\(Fixture.person)", target: "doc:外部, \"文件\"", type: "AUTHOR", count: 1, properties: [:],
                                 evidence: [Evidence(doc: "d1", sentence: Fixture.sentence, start: 1, end: 2)]))
        return g
    }

    @Test func missingEdgeEndsBecomeNodes() {
        let g = Self.dangling.withEdgeEnds()
        let added = g.nodes.first { $0.id == "doc:外部, \"文件\"" }
        #expect(added?.type == "Document")
        #expect(added?.name == "外部, \"文件\"")
        #expect(g.nodes.map(\.id) == g.nodes.map(\.id).sorted())
        #expect(Fixture.graph.withEdgeEnds().nodes.count == Fixture.graph.nodes.count)
    }

    @Test(.enabled(if: Tools.sqlite3 != nil, "sqlite3 not found (apt-get install sqlite3)"))
    func sqliteFromAGraphAlone() throws {
        let dir = try write("sqlite", RunOutput(name: "g", documents: [], graph: Self.dangling))
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("graph.sqlite").path
        let r = try Tools.run(Tools.sqlite3!, [db], stdin: """
            PRAGMA integrity_check; PRAGMA foreign_key_check;
            SELECT count(*) FROM mentions; SELECT count(*) FROM documents; SELECT name FROM nodes WHERE id = 'doc:外部, "文件"';
            """)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "ok")
        #expect(lines.count == 4, "foreign key problems: \(lines)")
        #expect((Int(lines[safe: 1] ?? "") ?? 0) > 0)   // mentions from MENTIONS evidence
        #expect(lines.last == "外部, \"文件\"")
    }

    @Test(.enabled(if: Tools.pythonHas("kuzu"), "python3 with kuzu not found (pip install kuzu)"))
    func neo4jWithAnUnlistedEnd() throws {
        let dir = try write("neo4j", RunOutput(name: "g", documents: [], graph: Self.dangling))
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Tools.python(Neo4jTests.loader, [dir.appendingPathComponent("neo4j").path]) as! [String: Any]
        #expect(out["edges"] as? Int == Self.dangling.edges.count)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
