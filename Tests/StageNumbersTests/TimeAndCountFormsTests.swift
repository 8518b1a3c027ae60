// Page stamps, clock times, decades, approximate pairs, compound durations, bare ordinals,
// lone days and the labels that look like counts (grades, programme names, quoted names).
import Foundation
import Testing
import ZhituCore
@testable import StageNumbers

@Suite struct TimeAndCountFormsTests {
    /// sentence, expected text, numtype, value, unit — one class per block.
    static let forms: [(String, String, String, V, String?)] = [
        // page stamps and clock times
        ("发布于2019-03-07 18:40:05 来源：某报", "2019-03-07", "date", .s("2019-03-07"), nil),
        ("发布于2019-03-07 18:40:05 来源：某报", "18:40:05", "date", .s("T18:40:05"), nil),
        ("更新时间 2022/5/9 07:15", "2022/5/9", "date", .s("2022-05-09"), nil),
        ("更新时间 2022/5/9 07:15", "07:15", "date", .s("T07:15"), nil),
        ("每天下午3点半开门", "3点半", "date", .s("T03:30"), nil),
        ("凌晨5点出发", "5点", "date", .s("T05:00"), nil),
        ("约定7点20分见面", "7点20分", "date", .s("T07:20"), nil),
        ("晚上九点钟收工", "九点钟", "date", .s("T09:00"), nil),
        ("会议于11时半结束", "11时半", "date", .s("T11:30"), nil),
        ("于16时05分30秒发生", "16时05分30秒", "date", .s("T16:05:30"), nil),
        // years as periods and ranges, also inside book titles
        ("完成2021年度考核", "2021年度", "date", .s("2021"), nil),
        ("印发《2019年某省水资源公报》", "2019年", "date", .s("2019"), nil),
        ("《某市发展规划（2021—2025年）》", "2021—2025年", "range", .s("2021/2025"), "年"),
        // decades
        ("建于上世纪七十年代", "七十年代", "date", .s("197X"), nil),
        ("20世纪50年代的老厂房", "50年代", "date", .s("195X"), nil),
        ("本世纪10年代以来", "10年代", "date", .s("201X"), nil),
        ("兴起于六七十年代", "六七十年代", "range", .s("196X/197X"), "年代"),
        // approximate pairs
        ("来了七八名游客", "七八名", "range", .s("7/8"), "名"),
        ("走了两三天", "两三天", "range", .s("2/3"), "天"),
        ("聚集了二三十人", "二三十人", "range", .s("20/30"), "人"),
        ("花了五六百元", "五六百元", "range", .s("500/600"), "元"),
        // compound durations
        ("全程用时1小时12分钟", "1小时12分钟", "quantity", .n(72), "分钟"),
        ("短片长3分40秒", "3分40秒", "quantity", .n(220), "秒"),
        ("纪录为二分钟十秒", "二分钟十秒", "quantity", .n(130), "秒"),
        // X次 compounds and more measure words
        ("检查企业350户次", "350户次", "quantity", .n(350), "户次"),
        ("出动车辆86辆次", "86辆次", "quantity", .n(86), "辆次"),
        ("收缴刀具12把", "12把", "quantity", .n(12), "把"),
        ("梳理出6类问题", "6类", "quantity", .n(6), "类"),
        ("行程两千里", "两千里", "quantity", .n(2000), "里"),
        ("种下40棵树和3根竹子", "3根", "quantity", .n(3), "根"),
        ("发生5.8级地震", "5.8级", "quantity", .n(5.8), "级"),
        // bare ordinals
        ("他在兄弟中排行第五，", "第五", "ordinal", .n(5), nil),
        ("产量居全国第二、全省第一。", "第二", "ordinal", .n(2), nil),
        ("产量居全国第二、全省第一。", "第一", "ordinal", .n(1), nil),
        // N大 before an adjective: the count with no noun
        ("执行五大高于行业的规范", "五大", "quantity", .n(5), nil),
    ]

    @Test func writtenForms() throws { try expectForms(Self.forms) }


    /// Sentences whose numerals state no amount of these classes.
    static let negatives: [String] = [
        "达到国家一级标准", "启动三级响应", "某局二级调研员", "建成三级医院", "实施五年行动计划", "部署两年攻坚", "这两天天气好", "第一，要加强领导",
        "坚持质量第一", "一两句话", "三五成群", "比分为3:1", "版本1.2.3", "编号2024-99-88", "提出8点意见",
        "一、二、三类地区", "八九月份", "地处长三角", "地无三里平", "事情是两回事", "日常工作", "一期二期",
        "共有2024-13-45条", "三四元钱",
    ]

    @Test func notNumbers() throws { try expectNoNumbers(Self.negatives) }

    /// A lone day takes the month of the date before it, else the document's.
    @Test func loneDays() throws {
        let a = try numbers("3月2日至6日举行", date: "2020-05-01")
        #expect(a.map(\.value) == [.string("2020-03-02"), .string("2020-03-06")])
        let b = try numbers("12日，某局发布通知", date: "2021-07-15")
        #expect(b.first?.value == .string("2021-07-12"))
        let c = try numbers("12日，某局发布通知")
        #expect(c.first?.value == .string("---12"))
    }

    /// 去年8月 belongs to the year before the document's.
    @Test func relativeMonths() throws {
        #expect(try numbers("去年8月开始", date: "2015-03-01").first?.value == .string("2014-08"))
        #expect(try numbers("明年1月开始", date: "2015-03-01").first?.value == .string("2016-01"))
    }

    /// A number that, with its neighbour, lies inside a name the document quotes is part of it.
    @Test func quotedNamesElsewhere() throws {
        let found = try numbers("对照“水治八条”要求，落实新水治八条，完成八条措施")
        #expect(found.map(\.text) == ["八条"], "\(found.map(\.text))")
    }
}
