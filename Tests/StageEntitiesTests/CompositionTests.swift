// The composition rules of the entities stage on invented sentences: organs named only by level
// inside titles, national bodies and media, sections of an organisation, bylines in body lines.
import Foundation
import Testing
import ZhituCore
@testable import StageEntities

@Suite struct LevelOrganTitleTests {
    @Test func organNamedOnlyByLevelStaysInsideTheTitle() throws {
        let doc = try run("会上，省委宣传部副部长王晓东和省发展改革委党组书记李华分别发言。")
        #expect(entities(doc, "TITLE") == ["省委宣传部副部长", "省发展改革委党组书记"])
        #expect(relations(doc, "HOLDS") == ["王晓东|省委宣传部副部长|", "李华|省发展改革委党组书记|"])
    }

    @Test func levelAloneBeforeAPostWithItsOwnOrgan() throws {
        let doc = try run("省委书记、省人大常委会主任张建国出席会议。")
        #expect(relations(doc, "HOLDS") == ["张建国|省委书记|", "张建国|省人大常委会主任|"])
    }

    @Test func boundPostNeedsItsBody() throws {
        #expect(entities(try run("市委常委赵明出席。"), "TITLE") == ["市委常委"])
        #expect(entities(try run("他说常委赵明出席。"), "TITLE").isEmpty)
    }

    @Test func aPlaceBeforeTheOrganMakesAnOrganisation() throws {
        let doc = try run("西宁市委副书记王刚出席。")
        #expect(entities(doc, "ORG") == ["西宁市委"])
        #expect(entities(doc, "TITLE") == ["副书记"])
    }
}

@Suite struct NationalBodyTests {
    @Test func ministriesAndMediaWithoutAPlace() throws {
        let doc = try run("公安部和国家统计局的数据经新华网发布。")
        #expect(entities(doc, "ORG") == ["公安部", "国家统计局", "新华网"])
    }

    @Test func aNameInsideALongerWordIsNoBody() throws {
        #expect(entities(try run("中国网络安全形势总体平稳。"), "ORG").isEmpty)
    }

    @Test func provincialMediaAfterAPlace() throws {
        let doc = try run("据甘肃日报报道，中国青海网也转载了。")
        #expect(entities(doc, "ORG").isSuperset(of: ["甘肃日报", "中国青海网"]))
    }

    @Test func sectionAfterAnOrganisationStaysInside() throws {
        let doc = try run("西宁市应急管理局监管科工作人员介绍。")
        #expect(entities(doc, "ORG") == ["西宁市应急管理局监管科"])
    }

    @Test func aPostAfterAnOrganisationIsNoSection() throws {
        let doc = try run("西宁市应急管理局局长王刚介绍。")
        #expect(entities(doc, "ORG") == ["西宁市应急管理局"])
    }
}

@Suite struct PeopleFormTests {
    @Test func surnameWithSomeoneMarks() throws {
        #expect(entities(try run("经查，犯罪嫌疑人聂某某在网上发布谣言。"), "PER") == ["聂某某"])
    }

    @Test func surnameWithFormOfAddress() throws {
        #expect(entities(try run("村里的王师傅说，路修好了。"), "PER") == ["王师傅"])
    }
}

@Suite struct BodyBylineTests {
    @Test func reportersAndCorrespondentsInABodyLine() throws {
        let doc = try run("□ 本报记者 张小明 □ 本报通讯员 李大海 王一 “今年的收成好。”")
        #expect(relations(doc, "AUTHOR") == ["张小明|t|", "李大海|t|", "王一|t|"])
        #expect(entities(doc, "TITLE") == ["记者", "通讯员"])
    }

    @Test func authorRoleIsNoTitle() throws {
        let doc = try run("作者：赵小明 钱大海 | 来源：本站")
        #expect(relations(doc, "AUTHOR") == ["赵小明|t|", "钱大海|t|"])
        #expect(entities(doc, "TITLE").isEmpty)
        #expect(relations(doc, "HOLDS").isEmpty)
    }

    @Test func slashByline() throws {
        #expect(relations(try run("文/孙小红"), "AUTHOR") == ["孙小红|t|"])
    }

    @Test func nameInBracketsClosingTheArticle() throws {
        let doc = try run([("全省空气质量持续改善。", .body), ("（李小青）", .body)])
        #expect(relations(doc, "AUTHOR") == ["李小青|t|"])
    }

    @Test func publicationBeforeReporterIsTheOrg() throws {
        let doc = try run("新华社记者刘明摄。")
        #expect(relations(doc, "HOLDS") == ["刘明|记者|新华社"])
    }
}

@Suite struct TaggerCandidateTests {
    func candidate(_ type: String, _ r: Range<Int>) -> Annotation {
        var a = Annotation(kind: "ner", type: type, text: "", start: r.lowerBound, end: r.upperBound)
        a.sentence = 0
        return a
    }

    @Test func aNameBeforeZhuyiIsADoctrine() throws {
        let doc = try run([("坚持马克思列宁主义和马克思主义的立场。", .body)], annotations: [candidate("PER", 2..<5), candidate("PER", 10..<13)])
        #expect(entities(doc, "PER").isEmpty)
    }

    @Test func aFamousNameIsAWordOfItsOwn() throws {
        // ICU's dictionary holds 毛泽东 as one word; the tagger's candidate is still a person.
        let doc = try run([("毛泽东同志指出。", .body)], annotations: [candidate("PER", 0..<3)])
        #expect(entities(doc, "PER") == ["毛泽东"])
    }

    @Test func aPhraseOfDictionaryWordsIsNoName() throws {
        let doc = try run([("加强安全管理工作。", .body)], annotations: [candidate("PER", 2..<6)])
        #expect(entities(doc, "PER").isEmpty)
    }
}

@Suite struct SpecialRegionTests {
    @Test func shortAndFullNameOfASpecialRegionAreOnePlace() throws {
        let doc = try run("香港和香港特别行政区政府。")
        let canon = Set(doc.annotations.filter { $0.kind == .entity && $0.type == "LOC" }.map { $0.canonical ?? $0.text })
        #expect(canon == ["香港特别行政区"])
    }
}

@Suite struct KnownPeopleTests {
    @Test func aKnownNameCutByWordBreakIsStillAPerson() throws {
        // ICU reads 落实|习近|平 here (实习 is a word); the name comes from known-people.txt.
        #expect(entities(try run("深入贯彻落实习近平同志的重要指示。"), "PER") == ["习近平"])
    }

    @Test func aNameBeforeADoctrineIsNoPerson() throws {
        #expect(entities(try run("学习习近平新时代中国特色社会主义思想。"), "PER").isEmpty)
        #expect(entities(try run("坚持邓小平理论。"), "PER").isEmpty)
    }
}

@Suite struct WordsAreNotNamesTests {
    @Test func aTownshipNameStartingWithAStopWordBeforeAWord() throws {
        #expect(entities(try run("这不利于城镇化发展。"), "LOC").isEmpty)
    }

    @Test func aNationalPrefixWithAKindOfThingIsNoBody() throws {
        #expect(entities(try run("建设国家科学中心和国家银行。"), "ORG").isEmpty)
    }
}

@Suite struct TaggerPlaceTests {
    @Test func aCountyShortFormEndingAPhraseIsNoPlace() throws {
        var cand = Annotation(kind: "ner", type: "LOC", text: "", start: 4, end: 6)
        cand.sentence = 0
        #expect(entities(try run([("实施科教兴国战略。", .body)], annotations: [cand]), "LOC").isEmpty)
    }
}
