// The number stage over sentences: span, type, value and unit of every written form, and the
// forms that state no amount (names, slogans, identifiers, idioms).
import Foundation
import Testing
import ZhituCore
@testable import StageNumbers

/// Runs the stage on one sentence (no tokens: the stage must not depend on them for values).
func numbers(_ sentence: String, date: String? = nil) throws -> [Annotation] {
    let stage = try NumbersStage(options: StageOptions(specs: NumbersStage.descriptor.options),
                                 context: StageContext(baseDirectory: URL(fileURLWithPath: "."), instanceName: "numbers", optionsPath: ""))
    var doc = Document(id: "t", path: "t", bytes: [])
    doc.text = Array(sentence.unicodeScalars)
    doc.meta.date = date
    doc.sentences = [Sentence(start: 0, end: doc.text.count)]
    try stage.process(&doc)
    return doc.annotations
}

enum V: Equatable, CustomStringConvertible {
    case n(Double), s(String)
    var value: AnnotationValue { switch self { case .n(let d): return .number(d); case .s(let s): return .string(s) } }
    var description: String { switch self { case .n(let d): return "\(d)"; case .s(let s): return s } }
}

/// Each sentence yields a record of the text with the numtype, value and unit given.
func expectForms(_ forms: [(String, String, String, V, String?)]) throws {
    for (sentence, text, numtype, value, unit) in forms {
        let found = try numbers(sentence)
        let a = found.first { $0.text == text }
        #expect(a != nil, "\(sentence): no \(text) in \(found.map(\.text))")
        guard let a else { continue }
        #expect(a.numtype == numtype, "\(text): numtype \(a.numtype ?? "nil")")
        #expect(a.unit == unit, "\(text): unit \(a.unit ?? "nil")")
        if case .number(let d)? = a.value, case .n(let e) = value {
            #expect(abs(d - e) <= 1e-9 * max(1, abs(e)), "\(text): value \(d), expected \(e)")
        } else {
            #expect(a.value == value.value, "\(text): value \(String(describing: a.value)), expected \(value)")
        }
    }
}

/// None of the sentences yields a number record.
func expectNoNumbers(_ sentences: [String]) throws {
    for s in sentences {
        let found = try numbers(s)
        #expect(found.isEmpty, "\(s): \(found.map(\.text))")
    }
}

@Suite struct NumbersStageTests {
    /// sentence, expected text, numtype, value, unit.
    static let forms: [(String, String, String, V, String?)] = [
        // quantities with measure words
        ("天然气产量达58亿立方米以上", "58亿立方米", "quantity", .n(5.8e9), "立方米"),
        ("划分22个网格", "22个", "quantity", .n(22), "个"),
        ("共化解226起", "226起", "quantity", .n(226), "起"),
        ("建成1.1万余人的队伍", "1.1万余人", "quantity", .n(11000), "人"),
        ("开展两次检查", "两次", "quantity", .n(2), "次"),
        ("养了300多头牛", "300多头", "quantity", .n(300), "头"),
        ("安装2671个摄像头", "2671个", "quantity", .n(2671), "个"),
        ("办理2.77万例", "2.77万例", "quantity", .n(27700), "例"),
        ("城镇新增就业3.3万人以上", "3.3万人", "quantity", .n(33000), "人"),
        ("转移就业35.4万人次", "35.4万人次", "quantity", .n(354_000), "人次"),
        ("粮食总产量22万吨", "22万吨", "quantity", .n(220_000), "吨"),
        ("执行350架次任务", "350架次", "quantity", .n(350), "架次"),
        ("受理983件次", "983件次", "quantity", .n(983), "件次"),
        ("成员单位56家", "56家", "quantity", .n(56), "家"),
        ("党员干部8798名", "8798名", "quantity", .n(8798), "名"),
        ("救助289户", "289户", "quantity", .n(289), "户"),
        ("组建1500余支队伍", "1500余支", "quantity", .n(1500), "支"),
        ("建成州县乡三级平台", "三级", "quantity", .n(3), "级"),
        ("从6方面推进", "6方面", "quantity", .n(6), "方面"),
        ("新建道路12.5公里", "12.5公里", "quantity", .n(12.5), "公里"),
        ("造林1,200亩", "1,200亩", "quantity", .n(1200), "亩"),
        ("他今年48岁", "48岁", "quantity", .n(48), "岁"),
        ("建成100多只羊圈", "100多只", "quantity", .n(100), "只"),
        ("近百个项目开工", "百个", "quantity", .n(100), "个"),
        ("五万余外来务工人员", "五万", "quantity", .n(50000), nil),
        ("肩负248万西宁人民重托", "248万", "quantity", .n(2_480_000), nil),
        ("深入开展15大行业领域整治", "15大行业领域", "quantity", .n(15), "行业领域"),
        ("增长十倍", "十倍", "quantity", .n(10), "倍"),
        ("一百零八名代表", "一百零八名", "quantity", .n(108), "名"),
        ("三千名党员", "三千名", "quantity", .n(3000), "名"),
        ("二十三个县", "二十三个", "quantity", .n(23), "个"),
        ("全国减税3万多亿元", "3万多亿元", "money", .n(3e12), "元"),
        ("１２个乡镇", "１２个", "quantity", .n(12), "个"),
        ("比上年减少1/3以上", "1/3", "quantity", .n(1.0 / 3), nil),
        ("惠及1000多万农民", "1000多万", "quantity", .n(1e7), nil),
        ("两千三百万台湾同胞", "两千三百万", "quantity", .n(2.3e7), nil),
        ("完成投资5000余万元", "5000余万元", "money", .n(5e7), "元"),
        ("增加2万多名从业人员", "2万多名", "quantity", .n(20000), "名"),
        ("市场主体586.3万户", "586.3万户", "quantity", .n(5_863_000), "户"),
        ("接待游客1.5亿人次", "1.5亿人次", "quantity", .n(1.5e8), "人次"),
        ("新增绿地120公顷", "120公顷", "quantity", .n(120), "公顷"),
        ("二千四百多万户", "二千四百多万户", "quantity", .n(2.4e7), "户"),
        ("一千五百多项改革", "一千五百多项", "quantity", .n(1500), "项"),
        ("将近4个小时行程", "4个小时", "quantity", .n(4), "个小时"),
        ("占百分之八十七点八", "百分之八十七点八", "percent", .n(87.8), "%"),
        ("得了1．16亿元", "1．16亿元", "money", .n(1.16e8), "元"),
        ("覆盖六大领域，", "六大领域", "quantity", .n(6), "领域"),
        ("约占三分之一", "三分之一", "quantity", .n(1.0 / 3), nil),
        // durations and anniversaries
        ("连续16年保持", "16年", "quantity", .n(16), "年"),
        ("成立70周年", "70周年", "quantity", .n(70), "周年"),
        ("风雨七十载", "七十载", "quantity", .n(70), "载"),
        ("两年多来", "两年", "quantity", .n(2), "年"),
        ("过去一年", "一年", "quantity", .n(1), "年"),
        ("集中2个月时间", "2个月", "quantity", .n(2), "个月"),
        ("步行20分钟", "20分钟", "quantity", .n(20), "分钟"),
        ("历时五年", "五年", "quantity", .n(5), "年"),
        ("工作24小时", "24小时", "quantity", .n(24), "小时"),
        // percent
        ("调处矛盾纠纷成功率99.2%", "99.2%", "percent", .n(99.2), "%"),
        ("提高9.8个百分点", "9.8个百分点", "percent", .n(9.8), "百分点"),
        ("下降0.2个百分点", "0.2个百分点", "percent", .n(0.2), "百分点"),
        ("增长5.5%左右", "5.5%", "percent", .n(5.5), "%"),
        ("达到１００％", "１００％", "percent", .n(100), "%"),
        ("占百分之三十", "百分之三十", "percent", .n(30), "%"),
        ("增长三成", "三成", "percent", .n(30), "成"),
        ("同比-5%", "-5%", "percent", .n(-5), "%"),
        ("增速为负2.3%", "负2.3%", "percent", .n(-2.3), "%"),
        // money
        ("开支约7.87亿元", "7.87亿元", "money", .n(787_000_000), "元"),
        ("补助30元", "30元", "money", .n(30), "元"),
        ("投资8万元", "8万元", "money", .n(80000), "元"),
        ("国内生产总值114万亿元", "114万亿元", "money", .n(1.14e14), "元"),
        ("援助500万美元", "500万美元", "money", .n(5e6), "美元"),
        ("五十四万亿元", "五十四万亿元", "money", .n(5.4e13), "元"),
        // dates
        ("2024年1月29日召开", "2024年1月29日", "date", .s("2024-01-29"), nil),
        ("2021年6月7日", "2021年6月7日", "date", .s("2021-06-07"), nil),
        ("2021年6月以来", "2021年6月", "date", .s("2021-06"), nil),
        ("2023年全市", "2023年", "date", .s("2023"), nil),
        ("2019年起实施", "2019年", "date", .s("2019"), nil),
        ("二〇二四年工作", "二〇二四年", "date", .s("2024"), nil),
        ("一九六六年五月十六日", "一九六六年五月十六日", "date", .s("1966-05-16"), nil),
        ("到二0二0年", "二0二0年", "date", .s("2020"), nil),
        ("1 月 31 日，热线", "1月31日", "date", .s("--01-31"), nil),
        ("3月底前完成", "3月", "date", .s("--03"), nil),
        ("上午9时召开", "9时", "date", .s("T09:00"), nil),
        ("14时30分开幕", "14时30分", "date", .s("T14:30"), nil),
        ("6月5号", "6月5号", "date", .s("--06-05"), nil),
        ("截至2023年底", "2023年", "date", .s("2023"), nil),
        ("1．6月6日，亚太经合组织", "6月6日", "date", .s("--06-06"), nil),
        ("一九六八年十月", "一九六八年十月", "date", .s("1968-10"), nil),
        // ordinals
        ("第十七届人大", "第十七届", "ordinal", .n(17), "届"),
        ("第五次会议", "第五次", "ordinal", .n(5), "次"),
        ("省第十四次党代会", "第十四次", "ordinal", .n(14), "次"),
        ("第一次来到", "第一次", "ordinal", .n(1), "次"),
        ("第3批试点", "第3批", "ordinal", .n(3), "批"),
        ("第二十个年头", "第二十个", "ordinal", .n(20), "个"),
        // ranges
        ("2017—2022年", "2017—2022年", "range", .s("2017/2022"), "年"),
        ("2017-2022年", "2017-2022年", "range", .s("2017/2022"), "年"),
        ("用3至5年时间", "3至5年", "range", .s("3/5"), "年"),
        ("增长6%-8%", "6%", "percent", .n(6), "%"),
        ("每个3~5人", "3~5人", "range", .s("3/5"), "人"),
    ]

    @Test func writtenForms() throws { try expectForms(Self.forms) }


    /// Sentences that state no amount: names, slogans, event names, identifiers, idioms.
    static let negatives: [String] = [
        "深入开展“十个一”活动", "推进五治融合", "学习贯彻党的二十大精神", "党的十八大以来",
        "十九届四中全会提出", "拨打12345热线", "联系电话13912345678", "PM2.5浓度", "建设5G基站", "“1·24”案件",
        "采取一系列措施", "第一时间赶到", "一揽子政策", "一张蓝图绘到底", "统一部署", "队伍建设",
        "实施八大行动", "开展四下基层", "五融五筑", "四抓四防", "一降两升", "两家变一家", "三层四级",
        "排查整治2023行动", "1+10+X模式", "5+X", "朝阳东路10号", "住在一楼", "星期一上午", "一批项目",
        "一些问题", "一名干部", "一个社区", "新一轮改革", "之一", "零容忍", "千里眼", "这几天", "一两句话",
        "最后一公里", "新的一年", "城乡二元结构", "市十七届人大五次会议", "第一责任人", "第一道防线",
        "‘15分钟政务服务圈’", "千家万户", "安全第一", "两会期间", "《十四五规划》",
        "坚持四项基本原则", "落实中央八项规定精神", "省十四届人大一次会议", "联系电话0755-12345678", "邮编518000",
        "科技园1号楼", "党的七大和八大党章", "三方协商", "一季度经济", "还要经过几十年的奋斗", "数百人", "第二大产业", "一点一滴", "保持两位数增长", "实现两个一百年奋斗目标",
    ]

    @Test func notNumbers() throws { try expectNoNumbers(Self.negatives) }

    @Test func datesResolveAgainstTheDocumentDate() throws {
        let a = try numbers("1月23日上午", date: "2024-01-29")
        #expect(a.first?.value == .string("2024-01-23"))
        let b = try numbers("1月23日上午")
        #expect(b.first?.value == .string("--01-23"))
    }

    @Test func qualifiersAreKeptApart() throws {
        let cases: [(String, String, String)] = [
            ("开支约7.87亿元", "7.87亿元", "约"), ("产量58亿立方米以上", "58亿立方米", "以上"), ("1.1万余人", "1.1万余人", "余"),
            ("增长5.5%左右", "5.5%", "左右"), ("两年多来", "两年", "多"), ("3月底前", "3月", "底"), ("2019年起", "2019年", "起"),
            ("近百个项目", "百个", "近"), ("超过80%", "80%", "超过"), ("每年投入不少于3000万元", "3000万元", "不少于"),
        ]
        for (s, text, q) in cases {
            let a = try numbers(s).first { $0.text == text }
            #expect(a?.qualifier == q, "\(s): \(String(describing: a?.qualifier))")
        }
    }

    @Test func subjects() throws {
        let cases: [(String, String, String)] = [
            ("调处矛盾纠纷成功率99.2%", "99.2%", "调处矛盾纠纷成功率"), ("安装2671个摄像头，", "2671个", "摄像头"),
            ("天然气产量达58亿立方米以上", "58亿立方米", "天然气产量"), ("地区生产总值增长8.6%", "8.6%", "地区生产总值"),
            ("全年破获刑事案件3818起", "3818起", "刑事案件"), ("城镇新增就业3.3万人以上", "3.3万人", "城镇新增就业"),
            ("为9个小区提供智能化管理", "9个", "小区"),
        ]
        for (s, text, subject) in cases {
            let a = try numbers(s).first { $0.text == text }
            #expect(a?.subject == subject, "\(s): \(String(describing: a?.subject))")
        }
        #expect(try numbers("2024年1月29日").first?.subject == nil)
        // A bare growth figure measures the indicator named just before it.
        let growth = try numbers("地区生产总值达到1.2万亿元，同比增长6.5%。")
        #expect(growth.first { $0.text == "6.5%" }?.subject == "地区生产总值")
    }

    @Test func formCount() {
        #expect(Self.forms.count + Self.negatives.count + ChineseNumeralTests.numerals.count >= 150)
    }
}

@Suite struct RelativeYearTests {
    @Test func offByDefaultOnWithTheOption() throws {
        #expect(try numbers("今年以来", date: "2024-01-29").isEmpty)
        let stage = try NumbersStage(options: StageOptions(specs: NumbersStage.descriptor.options, overrides: ["relative_years": .bool(true)]),
                                     context: StageContext(baseDirectory: URL(fileURLWithPath: "."), instanceName: "numbers", optionsPath: ""))
        var doc = Document(id: "t", path: "t", bytes: [])
        doc.text = Array("去年全市增长，今年以来".unicodeScalars)
        doc.meta.date = "2024-01-29"
        doc.sentences = [Sentence(start: 0, end: doc.text.count)]
        try stage.process(&doc)
        #expect(doc.annotations.map(\.value) == [.string("2023"), .string("2024")])
    }
}

@Suite struct UnitLexiconTests {
    /// A user units lexicon with an unknown class is an error naming file and line.
    @Test func badClassNamesFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("numbers-units-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("u.txt")
        try "# units\n杯\tcount\n碗\tbowl\n".write(to: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try NumbersStage(options: StageOptions(specs: NumbersStage.descriptor.options, overrides: ["units": .strings([file.path])]),
                                 context: StageContext(baseDirectory: dir, instanceName: "numbers", optionsPath: ""))
        } throws: { error in
            "\(error)".contains("u.txt:3")
        }
    }

    /// A user units lexicon adds measure words.
    @Test func userUnitsAreUsed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("numbers-units2-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("u.txt")
        try "碗\tcount\n".write(to: file, atomically: true, encoding: .utf8)
        let stage = try NumbersStage(options: StageOptions(specs: NumbersStage.descriptor.options, overrides: ["units": .strings([file.path])]),
                                     context: StageContext(baseDirectory: dir, instanceName: "numbers", optionsPath: ""))
        var doc = Document(id: "t", path: "t", bytes: [])
        doc.text = Array("吃了3碗饭".unicodeScalars)
        doc.sentences = [Sentence(start: 0, end: doc.text.count)]
        try stage.process(&doc)
        #expect(doc.annotations.first?.text == "3碗")
    }
}
