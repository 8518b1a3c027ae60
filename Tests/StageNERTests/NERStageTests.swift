import Testing
import ZhituCore
@testable import StageNER

@Suite struct NERStageTests {
    func candidates(_ sentences: [String]) throws -> [Annotation] {
        var doc = try segmentedDocument(sentences)
        try NERStage.shipped().process(&doc)
        return doc.annotations.filter { $0.kind == "ner" }
    }

    @Test func shippedModelFindsAReporterName() throws {
        let found = try candidates(["本报讯（通讯员王晓明）昨日，记者从市交通运输局获悉。"])
        #expect(found.contains { $0.type == "PER" && $0.text == "王晓明" })
    }

    @Test func shippedModelFindsPeoplePlacesAndOrganisations() throws {
        let found = try candidates(["国务院总理李克强在北京会见了联合国秘书长古特雷斯。", "据新华社报道，兰州市公安局破获一起案件。"])
        #expect(found.contains { $0.type == "PER" && $0.text == "李克强" })
        #expect(found.contains { $0.type == "LOC" && $0.text == "北京" })
        #expect(found.contains { $0.type == "ORG" && $0.text == "兰州市公安局" })
        // offsets point into the document text and carry the sentence
        for a in found { #expect(a.sentence != nil && a.end > a.start) }
        let second = found.first { $0.text == "兰州市公安局" }!
        #expect(second.sentence == 1)
    }

    @Test func shippedModelProposesTitles() throws {
        let found = try candidates(["公司董事长王建国表示，明年将扩大生产。"])
        #expect(found.contains { $0.type == "TITLE" && $0.text == "董事长" })
        #expect(found.contains { $0.type == "PER" && $0.text == "王建国" })
    }

    @Test func typesOptionRestrictsCandidates() throws {
        var doc = try segmentedDocument(["国务院总理李克强在北京会见了联合国秘书长古特雷斯。"])
        try NERStage.shipped(types: ["LOC"]).process(&doc)
        #expect(!doc.annotations.isEmpty)
        #expect(doc.annotations.allSatisfy { $0.type == "LOC" })
    }
}
