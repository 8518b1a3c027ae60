import Foundation
import Testing
import ZhituCore
@testable import StageEntities
import StageSegment

/// The stage with the built-in gazetteer, loaded once for all tests.
let stage: EntitiesStage = {
    let context = StageContext(baseDirectory: URL(fileURLWithPath: "/"), instanceName: "entities", optionsPath: "stages[0].options")
    return try! EntitiesStage(options: StageOptions(specs: EntitiesStage.descriptor.options), context: context)
}()

let segmenter: SegmentStage = {
    let context = StageContext(baseDirectory: URL(fileURLWithPath: "/"), instanceName: "segment", optionsPath: "stages[0].options")
    return try! SegmentStage(options: StageOptions(specs: SegmentStage.descriptor.options), context: context)
}()

/// A segmented document of the given lines: one sentence per line, with its kind.
func run(_ lines: [(String, Block.Kind)], annotations: [Annotation] = []) throws -> Document {
    var doc = Document(id: "t", path: "t.txt", bytes: [])
    for (line, kind) in lines {
        let start = doc.text.count
        doc.text.append(contentsOf: line.unicodeScalars)
        doc.sentences.append(Sentence(start: start, end: doc.text.count, kind: kind))
        doc.text.append("\n")
    }
    doc.offsets = (0..<doc.text.count).map { Int32($0) }
    doc.layers = [.text, .normalized, .sentences]
    try segmenter.process(&doc)
    doc.annotations = annotations
    try stage.process(&doc)
    return doc
}

func run(_ text: String) throws -> Document { try run([(text, .body)]) }

func entities(_ doc: Document, _ type: String) -> Set<String> {
    Set(doc.annotations.filter { $0.kind == .entity && $0.type == type }.map(\.text))
}

func relations(_ doc: Document, _ type: String) -> Set<String> {
    Set(doc.annotations.filter { $0.kind == .relation && $0.type == type }.map { a in
        [a.head ?? "", a.tail ?? "", a.org ?? ""].joined(separator: "|")
    })
}

@Suite struct ChainTests {
    @Test func chainIsSplitIntoUnitsWithPartOf() throws {
        let doc = try run("来自海东市民和回族土族自治县峡门镇甲子山村的代表说。")
        #expect(entities(doc, "LOC") == ["海东市", "民和回族土族自治县", "峡门镇", "甲子山村"])
        #expect(relations(doc, "PART_OF") == ["民和回族土族自治县|海东市|", "峡门镇|民和回族土族自治县|", "甲子山村|峡门镇|"])
    }

    @Test func shortFormsKeepTextAndCarryCanonicalName() throws {
        let doc = try run("海西州德令哈市和民和县的干部来到青海。")
        #expect(entities(doc, "LOC").isSuperset(of: ["海西州", "德令哈市", "民和县", "青海"]))
        let canon = Dictionary(doc.annotations.filter { $0.kind == .entity }.map { ($0.text, $0.canonical ?? $0.text) }, uniquingKeysWith: { a, _ in a })
        #expect(canon["海西州"] == "海西蒙古族藏族自治州")
        #expect(canon["青海"] == "青海省")
    }

    @Test func everyMentionIsARecord() throws {
        let doc = try run("西宁市召开会议。会后，西宁市和海东市的干部座谈。")
        let xining = doc.annotations.filter { $0.kind == .entity && $0.text == "西宁市" }
        #expect(xining.map(\.start) == [0, 11])
    }

    @Test func minheCountyIsNotHeCounty() throws {
        let doc = try run("海东市民和县官亭镇。")
        #expect(entities(doc, "LOC").contains("民和县"))
        #expect(!entities(doc, "LOC").contains("和县"))
        let minhe = doc.annotations.first { $0.text == "民和县" }
        #expect(minhe?.canonical == "民和回族土族自治县")
    }

    @Test func wordsAreNotPlaces() throws {
        // 相应县区 is not 应县 (Shanxi); a slogan with 平安 is not 平安区.
        let doc = try run("各相应县区政府要持续建设平安青海。")
        #expect(!entities(doc, "LOC").contains("应县"))
        #expect(!entities(doc, "LOC").contains("平安"))
    }
}

@Suite struct OrganisationTests {
    @Test func placePrefixIsKeptAndLocatedIn() throws {
        let doc = try run("海东市平安区公安局和果洛州消防救援支队联合行动。")
        #expect(entities(doc, "ORG") == ["平安区公安局", "果洛州消防救援支队"])
        #expect(relations(doc, "LOCATED_IN").contains("果洛州消防救援支队|果洛州|"))
        #expect(!entities(doc, "ORG").contains("公安局"))
    }

    @Test func genericBodiesAreNotOrganisations() throws {
        let doc = try run("省委、省政府和社区党委高度重视，本报将持续关注。")
        #expect(entities(doc, "ORG").isEmpty)
    }
}

@Suite struct TitleAndPersonTests {
    @Test func titleCompositionSplitsTheBody() throws {
        let doc = try run("海西蒙古族藏族自治州大柴旦工委副书记、行委主任袁彬表示。")
        #expect(entities(doc, "ORG").contains("大柴旦工委"))
        #expect(entities(doc, "TITLE") == ["副书记", "行委主任"])
        #expect(entities(doc, "PER") == ["袁彬"])
        #expect(relations(doc, "HOLDS") == ["袁彬|副书记|大柴旦工委", "袁彬|行委主任|大柴旦行委"])
    }

    @Test func holdsOverAppositionList() throws {
        let doc = try run("本报记者邀请省人大代表、青海文焕商贸有限公司董事长王建国，省政协委员、海东市平安区小峡街道党支部书记李明共谈感受。")
        #expect(entities(doc, "PER") == ["王建国", "李明"])
        #expect(relations(doc, "HOLDS") == [
            "王建国|省人大代表|", "王建国|董事长|青海文焕商贸有限公司",
            "李明|省政协委员|", "李明|党支部书记|小峡街道党支部",
        ])
        #expect(entities(doc, "TITLE").isSuperset(of: ["省人大代表", "省政协委员", "党支部书记", "董事长"]))
    }

    @Test func villageCommitteeTitleStaysWhole() throws {
        let doc = try run("民和回族土族自治县峡门镇甲子山村村委会主任马文说。")
        #expect(entities(doc, "TITLE") == ["村委会主任"])
        #expect(relations(doc, "HOLDS") == ["马文|村委会主任|甲子山村村委会"])
    }

    @Test func bylinesGiveAuthors() throws {
        let doc = try run([("本报记者 罗璐", .byline), ("组版编辑 吴雅洁 美术编辑 李玉成 帕姆卓玛", .furniture),
                           ("本报讯（记者 张艳艳）2月1日下午，会议召开。", .body)])
        #expect(entities(doc, "PER") == ["罗璐", "吴雅洁", "李玉成", "帕姆卓玛", "张艳艳"])
        #expect(relations(doc, "AUTHOR") == ["罗璐|t|", "张艳艳|t|"])
        #expect(relations(doc, "HOLDS").contains("帕姆卓玛|美术编辑|"))
        #expect(!relations(doc, "HOLDS").contains("李玉成|组版编辑|"))
    }

    @Test func transliteratedNameAfterTitle() throws {
        let doc = try run("美国总统乔治·布什近日表示，会议很成功。")
        #expect(entities(doc, "PER") == ["乔治·布什"])
        #expect(relations(doc, "HOLDS") == ["乔治·布什|总统|"])
    }

    @Test func commonWordsAreNotRoadsOrVillages() throws {
        let doc = try run("要在坚持正确路线的同时，在深入实施乡村振兴中走好新路。")
        #expect(entities(doc, "LOC").isEmpty)
    }

    @Test func wordsAfterRoleNounsAreNotNames() throws {
        let doc = try run("让群众满意，居民陈永科高兴地说。")
        #expect(entities(doc, "PER") == ["陈永科"])
    }
}

@Suite struct NERMergeTests {
    @Test func candidatesAreUsedAndRemoved() throws {
        let text = "张三丰来到了武当山。"
        var cand = Annotation(kind: "ner", type: "PER", text: "张三丰", start: 0, end: 3)
        cand.sentence = 0
        let doc = try run([(text, .body)], annotations: [cand])
        #expect(entities(doc, "PER") == ["张三丰"])
        #expect(!doc.annotations.contains { $0.kind.rawValue == "ner" })
    }

    @Test func weakCandidatesNeedAHeadWord() throws {
        let text = "青海联通在列下加村建设基站，推动发展。"
        func cand(_ type: String, _ r: Range<Int>) -> Annotation {
            var a = Annotation(kind: "ner", type: type, text: "", start: r.lowerBound, end: r.upperBound)
            a.sentence = 0
            return a
        }
        // 青海联通 is a business (brand head 联通); 推动发展 is no organisation.
        let doc = try run([(text, .body)], annotations: [cand("ORG", 0..<4), cand("ORG", 14..<18)])
        #expect(entities(doc, "ORG") == ["青海联通"])
    }
}
