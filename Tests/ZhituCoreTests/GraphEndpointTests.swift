// A relation whose endpoint has no entity record of its own (a place named only inside an
// organisation's name) still makes a node that counts the mention.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct GraphEndpointTests {
    @Test func endpointNamedOnlyInsideANameIsCounted() throws {
        let sentence = "新疆建设兵团召开会议。"
        var org = Annotation(kind: .entity, type: "ORG", text: "新疆建设兵团", start: 0, end: 6)
        org.sentence = 0
        var rel = Annotation(kind: .relation, type: "LOCATED_IN", text: "新疆建设兵团", start: 0, end: 6)
        rel.sentence = 0
        rel.head = "新疆建设兵团"
        rel.tail = "新疆"
        let doc = DocumentResult(id: "d", path: "d.txt", meta: DocumentMeta(date: nil, title: nil, source: nil), characters: 11,
                                 records: [org, rel], sentences: [0: EvidenceSentence(text: sentence, start: 0, end: 11)])
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = KnowledgeGraph(try GraphBuilder.stream([doc], name: "g", directory: dir))
        let place = try #require(g.nodes.first { $0.name == "新疆" })
        #expect(place.count == 1)
        #expect(g.nodes.allSatisfy { $0.count > 0 })
    }
}
