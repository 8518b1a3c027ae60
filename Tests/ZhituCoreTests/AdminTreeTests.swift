// Places on the administrative tree: a county named in the text reaches its prefecture and
// province in one hop, from the gazetteer, not from the text. Invented units.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct AdminTreeTests {
    /// 青禾省 (a province) > 云川市 (a prefecture) > 石门县 (a county) > 柳岸镇 (a township, no code);
    /// 双河区 is a county in two prefectures (ambiguous by name).
    static let tsv = """
    # invented
    青禾省\tP\t-1\t990000\t青禾
    云川市\tD\t0\t990100\t云川
    石门县\tC\t1\t990102\t石门
    柳岸镇\tT\t2\t\t
    双河区\tC\t1\t990103\t
    远山市\tD\t0\t990200\t
    双河区\tC\t5\t990201\t

    """

    static func tree() throws -> AdminTree {
        let url = Repo.tempDir().appendingPathComponent("g.tsv")
        try tsv.write(to: url, atomically: true, encoding: .utf8)
        return try AdminTree(contentsOf: url)
    }

    static func place(_ text: String, _ start: Int, canonical: String? = nil, code: String? = nil) -> Annotation {
        var a = Annotation(kind: .entity, type: "LOC", text: text, start: start, end: start + text.unicodeScalars.count)
        a.canonical = canonical; a.code = code; a.sentence = 0
        return a
    }

    @Test func placesReachTheirProvince() throws {
        let doc = DocumentResult(id: "t", path: "t.txt", meta: DocumentMeta(), characters: 40,
                                 records: [Self.place("石门", 0, canonical: "石门县", code: "990102"), Self.place("柳岸镇", 5),
                                           Self.place("双河区", 10), Self.place("云川", 15)],
                                 sentences: [0: EvidenceSentence(text: "石门柳岸镇双河区云川。", start: 0, end: 11)])
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = KnowledgeGraph(try GraphBuilder.stream([doc], name: "t", directory: dir, adminTree: try Self.tree()))
        let inDivision = g.edges.filter { $0.type == "IN_DIVISION" }
        func up(_ id: String) -> [String] { inDivision.filter { $0.source == id }.map(\.target).sorted() }
        #expect(up("place:石门县") == ["place:云川市", "place:青禾省"])
        #expect(up("place:柳岸镇") == ["place:云川市", "place:石门县", "place:青禾省"])   // a township by its unique name
        #expect(up("place:云川") == ["place:青禾省"])   // a short form the text left unresolved
        #expect(up("place:双河区").isEmpty)   // two units have that name: no guess
        #expect(inDivision.allSatisfy { $0.properties["provenance"] == .string("gazetteer") })
        let province = try #require(g.nodes.first { $0.id == "place:青禾省" })
        #expect(province.properties["provenance"] == .string("gazetteer"))   // not named in the text
        #expect(province.properties["code"] == .string("990000"))
        #expect(province.count == 0 && province.docs.isEmpty)
        #expect(g.nodes.first { $0.id == "place:柳岸镇" }?.properties["level"] == .string("township"))
        // "all places in 青禾省": one hop
        let inProvince = inDivision.filter { $0.target == "place:青禾省" }.map(\.source).sorted()
        #expect(inProvince == ["place:云川", "place:云川市", "place:柳岸镇", "place:石门县"])
    }

    @Test func aMunicipalityIsOnePlaceAndItsUnitsAreReadBack() throws {
        // 海湾市 is a province and its own prefecture (one name, one code), as 上海市 is.
        let url = Repo.tempDir().appendingPathComponent("m.tsv")
        try "海湾市\tP\t-1\t980000\t海湾\n海湾市\tD\t0\t980000\t\n东港区\tC\t1\t980101\t东港\n".write(to: url, atomically: true, encoding: .utf8)
        let tree = try AdminTree(contentsOf: url)
        #expect(tree.count == 3)
        #expect(tree.unit(code: nil, name: "海湾市") == 0 && tree.unit(code: "980000", name: "x") == 0)
        #expect(tree.unit(code: nil, name: "海湾") == 0 && tree.unit(code: nil, name: "东港") == 2)
        #expect(tree.unit(code: nil, name: "海") == nil && tree.unit(code: "123456", name: "西港") == nil)
        // the prefecture unit is the county's one ancestor of that name
        #expect(tree.ancestors(of: 2) == [1])
        #expect(tree[2] == AdminTree.Unit(name: "东港区", level: "county", parent: 1, code: "980101"))
        #expect(tree[0].level == "province" && tree[1].level == "prefecture")
    }

    @Test func aBadLineIsNamed() throws {
        let url = Repo.tempDir().appendingPathComponent("bad.tsv")
        try "青禾省\tX\t-1\t990000\t\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: LexiconError.self) { try AdminTree(contentsOf: url) }
    }
}
