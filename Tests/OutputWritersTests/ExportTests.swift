// `zhitu export` and GraphJSONReader: graph.json read back gives the same graph, and the
// other formats can be written from it without rerunning the pipeline.
import Foundation
import Testing
import OutputGraphJSON
import OutputGraphML
import ZhituCore

@Suite struct ExportTests {
    @Test func graphJSONRoundTrips() throws {
        let g = Fixture.graph
        let text = GraphJSONWriter.render(g)
        let back = try GraphJSONReader.parse(Array(text.utf8))
        #expect(GraphJSONWriter.render(back) == text)
        #expect(back.nodes.map(\.name) == g.nodes.map(\.name))
        #expect(back.edges.map(\.evidence) == g.edges.map(\.evidence))
        #expect(GraphMLWriter.render(back) == GraphMLWriter.render(g))
    }

    @Test func readerNamesTheFileAndPlaceOfAnError() throws {
        let dir = Tools.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("graph.json")
        try Data("{\"nodes\": [\n{\"id\": 1}]}".utf8).write(to: bad)
        #expect { try GraphJSONReader.read(contentsOf: bad.path) } throws: { "\($0)".contains("graph.json") && "\($0)".contains("nodes[0]") }
        try Data("{\"nodes\": [\n".utf8).write(to: bad)
        #expect { try GraphJSONReader.read(contentsOf: bad.path) } throws: { "\($0)".contains("line 2") }
    }

    @Test func exportWritesEveryFormatFromGraphJSON() throws {
        let zhitu = try #require(zhituExecutable())
        let dir = Tools.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AtomicFile.write(GraphJSONWriter.render(Fixture.graph), to: dir.appendingPathComponent("graph.json").path)
        let out = dir.appendingPathComponent("exported")
        let r = try Tools.run(zhitu, ["export", "--from", dir.appendingPathComponent("graph.json").path,
                                      "--format", "graphml,neo4j,rdf,sqlite,report", "--output", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let written = Set(files(out).keys)
        for f in ["/graph.graphml", "/graph.cypher", "/graph.ttl", "/graph.jsonld", "/graph.sqlite", "/report.html", "/neo4j/nodes_Person.csv", "/neo4j/rels_HOLDS.csv"] {
            #expect(written.contains(f), "\(f) missing from \(written.sorted())")
        }
        // the same bytes as writing from the in-memory graph
        let direct = try write("graphml")
        defer { try? FileManager.default.removeItem(at: direct) }
        #expect(files(out)["/graph.graphml"] == files(direct)["/graph.graphml"])
        // without --output, next to the graph
        let r2 = try Tools.run(zhitu, ["export", "--from", dir.appendingPathComponent("graph.json").path, "--format", "graphml"])
        #expect(r2.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("graph.graphml").path))
    }

    @Test func exportRejectsUnknownFormatsAndMissingFiles() throws {
        let zhitu = try #require(zhituExecutable())
        let dir = Tools.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AtomicFile.write(GraphJSONWriter.render(Fixture.graph), to: dir.appendingPathComponent("graph.json").path)
        let r = try Tools.run(zhitu, ["export", "--from", dir.appendingPathComponent("graph.json").path, "--format", "graphml,gexf"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("gexf"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("graph.graphml").path))
        let r2 = try Tools.run(zhitu, ["export", "--from", dir.appendingPathComponent("missing.json").path, "--format", "graphml"])
        #expect(r2.status == 2)
        #expect(r2.stderr.contains("missing.json"))
        let r3 = try Tools.run(zhitu, ["export", "--list"])
        #expect(r3.status == 0)
        for f in ["graphml", "neo4j", "rdf", "report", "sqlite"] { #expect(r3.stdout.contains("\(f):")) }
    }
}
