// The graph's per-document parts go to disk and come back whole and in graph order, and its
// temporary files go when the graph does.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct GraphSpillTests {
    static let node = GraphNode(id: "measurement:文件 \"甲\":12", type: "Measurement", name: "3.5%\n增长", docs: ["d1", ""], count: 7,
                                properties: ["value": .double(-3.5), "n": .int(-42), "big": .int(Int.max), "ok": .bool(true),
                                             "list": .strings(["a;b", "", "丙"]), "inf": .double(.infinity), "text": .string("")])
    static let edge = GraphEdge(source: "doc:d1", target: "person:张三", type: "MENTIONS", count: 3, properties: ["org": .string("省委")],
                                evidence: [Evidence(doc: "d1", sentence: "张三说：\"你好\"", start: 0, end: 2), Evidence(doc: "d1", sentence: "", start: 1_000_000, end: 1_000_002)])

    @Test func codecRoundTripsNodesAndEdges() {
        var w = GraphCodec.Writer()
        w.node(Self.node)
        w.edge(Self.edge)
        w.int(Int.min)
        var r = GraphCodec.Reader(bytes: w.bytes)
        #expect(r.node() == Self.node)
        #expect(r.edge() == Self.edge)
        #expect(r.int() == Int.min)
        #expect(r.atEnd)
    }

    @Test func blocksComeBackInAnyOrderAndTheFileGoesWithTheSpill() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var spill: BlockSpill? = try BlockSpill(directory: dir, name: "nodes")
        for b in 0..<5 {
            for i in 0..<(b == 2 ? 0 : b + 1) {   // block 2 is empty
                var n = Self.node
                n.id = "n\(b).\(i)"
                spill!.append(n)
            }
            try spill!.endBlock()
        }
        try spill!.close()
        #expect(spill!.blockCount == 5)
        #expect(spill!.records == 12)
        let ids = Array(spill!.read([4, 2, 0, 3]) { $0.node().id })
        #expect(ids == ["n4.0", "n4.1", "n4.2", "n4.3", "n4.4", "n0.0", "n3.0", "n3.1", "n3.2", "n3.3"])
        #expect(Array(spill!.read([]) { $0.node() }).isEmpty)
        let file = spill!.url
        #expect(FileManager.default.fileExists(atPath: file.path))
        spill = nil
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func mergingKeepsOrderAndEveryElement() {
        let streams = [[1, 4, 9], [], [2, 4, 10, 11], [0]].map { AnyIterator($0.makeIterator()) }
        #expect(Array(IteratorSequence(MergingIterator(streams, by: <))) == [0, 1, 2, 4, 4, 9, 10, 11])
    }

    /// Documents whose ids are prefixes of each other ("a-5", "a-50"), which order differently
    /// as document ids and inside measurement ids, given out of order.
    static var documents: [DocumentResult] {
        ["a-50", "a-5", "b"].map { id in
            let sentence = "\(id)：张三任书记，增长3.5%，新质生产力。"
            func record(_ kind: Annotation.Kind, _ type: String?, _ text: String, _ start: Int, _ configure: (inout Annotation) -> Void = { _ in }) -> Annotation {
                var a = Annotation(kind: kind, type: type, text: text, start: start, end: start + text.unicodeScalars.count)
                a.sentence = 0
                configure(&a)
                return a
            }
            return DocumentResult(id: id, path: "\(id).txt", meta: DocumentMeta(date: id == "b" ? "2024-01-01" : "2023-05-0\(id.count)", title: nil, source: nil),
                                  characters: 40,
                                  records: [
                                      record(.entity, "PER", "张三", 5),
                                      record(.entity, "TITLE", "书记", 8),
                                      record(.relation, "HOLDS", "", 5) { $0.head = "张三"; $0.tail = "书记" },
                                      record(.number, nil, "3.5%", 13) { $0.value = .number(3.5); $0.subject = "新质生产力" },
                                      record(.number, nil, "3.5", 9) { $0.value = .number(3.5) },
                                      record(.term, nil, "新质生产力", 18),
                                      record(.slogan, nil, "两个确立", 25),
                                  ],
                                  sentences: [0: EvidenceSentence(text: sentence, start: 0, end: sentence.unicodeScalars.count)])
        }
    }

    @Test func spilledGraphComesBackInGraphOrder() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var spilled: SpilledGraph? = try GraphBuilder.stream(Self.documents, name: "g", directory: dir)
        let g = KnowledgeGraph(spilled!)
        #expect(g.nodes.count == spilled!.nodeCount)
        #expect(g.edges.count == spilled!.edgeCount)
        #expect(g.nodes.map(\.id) == g.nodes.map(\.id).sorted())
        #expect(zip(g.edges, g.edges.dropFirst()).allSatisfy { !SpilledGraph.edgeOrder($0.1, $0.0) })
        // a second pass gives the same graph
        #expect(KnowledgeGraph(spilled!).nodes == g.nodes)
        #expect(KnowledgeGraph(spilled!).edges == g.edges)

        let person = try #require(g.nodes.first { $0.id == "person:张三" })
        #expect(person.docs == ["a-5", "a-50", "b"])
        #expect(person.count == 3)
        let term = try #require(g.nodes.first { $0.id == "term:新质生产力" })
        #expect(term.properties["first_date"] == .string("2023-05-03") && term.properties["last_date"] == .string("2024-01-01"))
        #expect(g.nodes.filter { $0.type == "Document" }.map(\.id) == ["doc:a-5", "doc:a-50", "doc:b"])
        #expect(g.nodes.filter { $0.type == "Measurement" }.count == 6)
        let holds = try #require(g.edges.first { $0.type == "HOLDS" })
        #expect(holds.count == 3 && holds.evidence.count == 3)
        #expect(g.edges.filter { $0.type == "MENTIONS" && $0.source == "doc:a-5" }.map(\.target)
                == ["measurement:a-5:13", "measurement:a-5:9", "person:张三", "slogan:两个确立", "term:新质生产力", "title:书记"])
        #expect(g.edges.filter { $0.type == "MEASURES" }.map(\.source) == ["measurement:a-50:13", "measurement:a-5:13", "measurement:b:13"])
        #expect(g.edges.contains { $0.type == "CO_OCCURS" && $0.count == 3 })
        #expect(spilled!.containsNode("measurement:a-5:9") && spilled!.containsNode("doc:b") && spilled!.containsNode("person:张三"))
        #expect(!spilled!.containsNode("person:李四"))

        // the temporary files go with the graph
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 1)
        spilled = nil
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func outputAppearsOnlyOnCommit() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.csv").path
        var out: AtomicFile.Output? = try AtomicFile.Output(path: path)
        try out!.write("x,y\n")
        #expect(!FileManager.default.fileExists(atPath: path))
        try out!.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x,y\n")
        out = try AtomicFile.Output(path: dir.appendingPathComponent("b.csv").path)
        try out!.write("half")
        out = nil   // released without a commit: nothing left behind
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["a.csv"])
    }
}
