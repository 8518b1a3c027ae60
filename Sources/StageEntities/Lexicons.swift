// Word lists for titles, organisation heads, surnames and boundaries. General Chinese
// vocabulary, not taken from any test article.
import ZhituCore

enum Words {
    /// Base posts; composed with modifiers and organ prefixes below.
    static let baseTitles = [
        "书记", "副书记", "主任", "局长", "县长", "市长", "省长", "州长", "乡长", "镇长", "区长", "村长", "旗长",
        "主席", "会长", "董事长", "总经理", "经理", "总书记", "委员", "常委", "代表", "理事长", "秘书长",
        "队长", "所长", "站长", "院长", "校长", "部长", "厅长", "处长", "科长", "股长", "政委", "教导员",
        "检察长", "庭长", "审判员", "法官", "馆长", "行长", "总裁", "厂长", "社长", "总编辑", "主编",
        "组长", "支书", "调解员", "网格员", "网格长", "指导员", "专干", "干事", "辅警", "民警", "警官", "总理", "委员长", "国家主席",
        "记者", "实习记者", "编辑", "组版编辑", "美术编辑", "责任编辑", "通讯员", "摄影记者",
        "护林员", "安全员", "信息员", "管护员", "巡河员", "巡护员", "技术员", "讲解员", "联络员", "宣讲员", "监督员", "协管员",
        "新闻发言人", "发言人", "河长", "总河长", "林长", "湖长", "指挥长", "党组成员", "全媒体记者", "社区民警", "治保主任",
        "总监", "监事长", "总统", "副总统", "首相", "国王", "外长", "大使", "议长", "教授", "副教授", "研究员", "院士", "主任医师", "律师", "会计师", "董事", "理事", "主管", "负责人", "总工程师", "主任委员", "首席", "司令员", "参谋长",
    ]
    /// Degree modifiers before a base post.
    static let modifiers = ["", "副", "常务副", "常务", "第一", "执行", "名誉", "专职", "兼职"]
    /// Organ words that stay inside a title when no place is written before them (行委主任, 党组书记).
    static let organs = [
        "", "党委", "党组", "党工委", "工委", "行委", "纪委", "政法委", "办事处", "管委会", "人大常委会", "常委会",
        "村委会", "居委会", "村委", "党支部", "党总支", "村党支部", "团委", "妇联", "工会", "宣传部", "组织部",
        "统战部", "监委", "人大", "政协", "董事会", "监事会", "理事会",
    ]
    /// Organ words that stay in the title even after a place (甲子山村 + 村委会主任).
    static let keepWhole: Set<String> = ["村委会", "居委会", "村委", "党支部", "村党支部"]
    /// Representative roles with a level prefix (省人大代表, 全国政协委员).
    static let levelPrefixes = ["全国", "省", "市", "州", "县", "区", "乡", "镇", "自治区", "盟", "旗"]
    static let representativeRoles = ["人大代表", "政协委员", "人大常委会委员", "人大常委", "政协常委", "党代表", "党代会代表"]
    /// Titles that never take an `org`.
    static let orglessTitles: Set<String> = ["总书记", "记者", "实习记者", "网格员", "编辑", "组版编辑", "美术编辑",
                                             "责任编辑", "通讯员", "摄影记者", "代表", "委员"]
    /// Byline and page roles.
    static let bylineRoles: Set<String> = ["记者", "实习记者", "本报记者", "特约记者", "通讯员", "组版编辑", "美术编辑",
                                           "责任编辑", "编辑", "摄影", "摄影记者", "校对", "本报实习记者", "见习记者"]
    static let authorRoles: Set<String> = ["记者", "实习记者", "本报记者", "特约记者", "通讯员", "本报实习记者", "见习记者", "摄影记者",
                                           "全媒体记者", "融媒体记者", "本报通讯员"]
    /// Words after a byline name that credit it (X 摄, X 整理): never names themselves.
    static let creditWords: Set<String> = ["摄", "整理", "供图", "提供", "编辑", "报道", "采写", "综合", "制图", "摄影"]
    /// Byline roles that make authors without being posts.
    static let authorOnlyRoles: Set<String> = ["作者", "文"]
    /// Byline roles recognised inside body lines, and the separator each may take instead of a space (作者：, 文/).
    static let bodyBylineRoles: [(word: String, separators: ScalarSet, isPost: Bool)] =
        ["记者", "本报记者", "通讯员", "本报通讯员", "实习记者", "特约记者", "见习记者", "全媒体记者", "融媒体记者"].map { ($0, set(":："), true) }
        + [("作者", set(":："), false), ("文", set("/"), false)]
    /// Characters after which a byline role starts a byline (（记者 X）, □ 本报记者 X, | 作者：X).
    static let bylineOpeners = set("（(【[/■□|｜")

    /// Organisation head nouns, longest match wins.
    static let orgHeads = [
        "股份有限公司", "有限责任公司", "有限公司", "公司", "集团公司", "公安局", "分局", "局", "厅", "委员会", "协会", "商会", "学会",
        "联合会", "研究会", "促进会", "基金会", "支队", "大队", "中队", "派出所", "检查站", "党委", "党工委", "工委", "纪委",
        "政法委", "县委", "市委", "州委", "区委", "省委", "旗委", "盟委", "乡党委", "镇党委", "政府", "人民政府", "法院",
        "人民法院", "中级人民法院", "检察院", "人民检察院", "学校", "大学", "学院", "中学", "小学", "幼儿园", "医院",
        "卫生院", "政协", "人大常委会", "人大", "行委", "办公室", "办公厅", "综合服务中心", "综治中心", "治理中心",
        "服务中心", "指挥中心", "中心", "新闻办", "外宣办", "调解中心", "调解委员会", "合作社", "专业合作社", "银行", "研究院", "研究所", "司法所",
        "财政所", "妇联", "团委", "总工会", "工会", "办事处", "管委会", "指挥部", "领导小组", "工作站", "服务站",
        "监狱", "看守所", "委", "安委", "消安委", "安委会", "消防站", "气象台", "电视台", "报社", "出版社", "军分区", "武警支队", "海关", "双基办", "管理处",
        "供电公司", "党组", "监委", "宣传部", "组织部", "统战部", "律师事务所", "事务所", "居委会", "村委会", "党支部",
        "政法委员会", "纪律检查委员会", "常务委员会", "集团", "医院", "总医院", "人民医院", "中心医院", "卫生健康委", "卫健委",
        // News media: a place (or 中国) before them makes the name (青海日报, 中国青海网).
        "日报", "晚报", "早报", "都市报", "商报", "时报", "法治报", "报社", "杂志社", "新闻社", "通讯社", "广播电视台",
        "广电总台", "卫视", "新闻网", "网",
    ]
    /// Sub-units after an organisation's name that stay inside it (…应急管理局 + 监管科, …法院 + 立案庭).
    static let subUnitHeads = set("科处股庭室司")
    /// Level words that name an organ without a place (省委, 市政府, 县公安局 …): such an organ stays inside the title.
    static let levelChars = set("省市县区州乡镇旗盟")
    static let autonomousLevels = ["自治区", "自治州", "自治县", "自治旗"]
    /// Heads of a doctrine named after a person (马克思主义, 邓小平理论, …思想).
    static let doctrineHeads = ["主义", "思想", "理论"]
    /// Forms of address after a surname that make a person (王师傅, 李女士); 老张 is a nickname, not a name.
    static let addressAfterSurname = ["女士", "先生", "师傅", "大爷", "大妈", "大娘", "大姐", "大哥", "阿姨", "奶奶", "爷爷"]
    /// Heads that after a national prefix name a kind of thing, not a body (国家银行, 国家…中心).
    static let notNationalHeads: Set<String> = ["中心", "银行", "集团", "公司", "有限公司", "学校", "医院", "网"]
    /// Pseudo-place prefixes of national bodies (not LOC themselves).
    static let nationalPrefixes = ["中央", "国家", "全国", "中共"]

    /// Place suffixes for units found by pattern.
    static let placeSuffixes = ["社区", "街道", "村", "路", "小区", "镇", "乡", "大街", "巷", "牧委会"]
    /// `placeSuffixes` as scalars, for comparing in place in the matching loop.
    static let placeSuffixScalars = placeSuffixes.map { (word: $0, scalars: Array($0.unicodeScalars)) }
    /// Prefixes that make a 社区/村/街道 generic.
    static let genericPlacePrefixes: Set<String> = [
        "城乡", "农村", "城市", "全市", "全省", "全县", "全区", "全州", "各个", "所在", "辖区", "新型", "美丽", "和谐",
        "平安", "智慧", "文明", "示范", "老旧", "一个", "这个", "该", "本", "各", "每个", "多个", "相关", "周边", "附近",
        "乡村", "城镇", "幸福", "整个", "主要", "许多", "一些", "所有", "不少", "很多", "众多", "各地", "两个", "几个", "三个", "老旧", "各个", "全省", "绿色", "生态", "数字", "无", "重点", "贫困", "易地", "搬迁", "涉藏", "少数民族", "民族",
        "基层", "试点", "样板", "先进", "模范", "星级", "当地", "本地", "其他", "其它", "广大", "全国", "居住", "城中",
        "街道", "社区", "小区", "乡镇", "村", "道路", "公路", "高速", "铁路", "思路", "出路", "道", "网络", "马路", "网格化",
    ]
    /// Characters that end a name or the modifier part of an organisation name on the left.
    static let leftStops = set("的在和与及了着过是到于赴对为从向将把被给让由以等或并而且也还都就又再已曾亲临位")
    static func set(_ s: String) -> ScalarSet { ScalarSet(s.unicodeScalars) }

    /// Words that follow a name and so end it.
    static let afterName = [
        "说", "表示", "介绍", "告诉", "指出", "认为", "坦言", "强调", "提出", "谈", "同志", "代表", "一行", "等", "和", "与",
        "及", "在", "的", "是", "向", "对", "也", "就", "带", "为", "从", "把", "被", "到", "已", "都", "又", "还", "正",
        "将", "主持", "出席", "讲话", "接受", "参加", "来到", "前往", "一起", "笑着", "感慨", "深有", "回忆", "每天",
        "先后", "带领", "看到", "作", "做", "所", "亲自", "了", "通过", "把", "围绕", "结合", "当选", "履职", "建议",
        "呼吁", "希望", "觉得", "家", "共", "一同", "同志们", "等人", "分别", "高兴", "满意", "开心", "激动", "笑", "自豪", "感激", "动情", "微笑", "兴奋", "听", "今年", "告诉", "打招呼", "回应", "摄", "整理", "供图", "提供", "编辑",
    ]

    /// Words before a place found by pattern (在祁连路西社区, 亲临文亭巷社区).
    static let placeMarkers = ["在", "到", "来到", "走进", "亲临", "位于", "深入", "前往", "赴", "于", "住在", "家住", "驻", "走访", "辖区内", "境内",
                               "落户", "来自", "途经", "沿", "从", "至", "居住在", "生活在"]
    /// `placeMarkers` as scalars, for comparing in place.
    static let placeMarkerScalars = placeMarkers.map { Array($0.unicodeScalars) }
    static let placeMarkerEnds = ScalarSet(placeMarkers.compactMap { $0.unicodeScalars.last })
    /// Bare posts that need the body right before them.
    static let boundTitles: Set<String> = ["代表", "委员", "常委", "理事", "董事", "干事", "专干", "主管", "首席", "负责人", "组长"]
    /// Township-level entries that are zones, not names in text.
    static let zoneSuffixes = ["开发区", "示范区", "保税区", "园区", "基地", "产业园", "工业区", "试验区", "合作区", "管理区", "农场", "林场", "牧场"]
    static let notRoadBefore = set("铁公道马线思出网退套去来走一之带引领让修问开进水陆航门歧半上后前正弯老活死邪岔生字")
    static let numeralChars = set("两几第某些条次这那个")
    /// Words after a bare place name that confirm it (西宁人民, 化隆特色, 海西大地).
    static let placeFollowers: Set<String> = ["人民", "大地", "特色", "地区", "境内", "一带", "全境", "籍", "人", "各地", "当地",
                                              "儿女", "群众", "干部", "百姓", "全县", "全市", "全州", "省情", "市情", "县情",
                                              "、", "与", "及", "等"]
    /// Role nouns that introduce a name but are not titles.
    static let nameIntroducers = ["工作人员", "居民", "村民", "我叫", "据", "名叫", "志愿者", "党员", "老人", "市民", "牧民",
                                  "网格员", "辅警", "律师", "医生", "教师", "老师", "工人", "职工", "村医", "调解员"]
    /// Titles that follow a leader's name (习近平总书记).
    static let titlesAfterName: Set<String> = ["总书记", "总理", "委员长", "国家主席"]

    /// Verbs of speech after a name.
    static let speechVerbs = ["说", "表示", "介绍", "告诉", "坦言", "认为", "指出", "强调", "笑着说"]

    /// Unit names in the gazetteer that are common nouns in text.
    static let genericUnitNames: Set<String> = ["城区", "矿区", "郊区", "新区", "开发区", "高新区", "产业园", "工业园", "市辖区",
        "经济开发区", "工业园区", "大社区", "小城镇", "中心镇", "解放区", "经开区", "示范区", "试验区", "新区", "自贸区", "保税区", "东区", "南区", "北区", "西区", "中区", "产业园区", "林场", "农场", "牧场", "园区", "街道", "城关", "中心", "管委会", "新城", "老城区"]
    /// Venue heads: a place plus one of these is a place (青海会议中心).
    static let venues = ["会议中心", "国际会议中心", "体育馆", "体育中心", "体育场", "广场", "公园", "机场", "火车站", "高铁站",
                         "大剧院", "剧院", "展览馆", "会展中心", "大礼堂", "宾馆", "饭店"]
    /// Rivers, lakes, mountains and regions of national renown.
    static let landmarks = ["黄河", "长江", "珠江", "淮河", "海河", "辽河", "松花江", "雅鲁藏布江", "澜沧江", "怒江", "金沙江",
        "嘉陵江", "汉江", "湘江", "赣江", "闽江", "钱塘江", "湟水", "湟水河", "大渡河", "岷江", "乌江", "渭河", "汾河", "洮河",
        "洞庭湖", "鄱阳湖", "太湖", "洪泽湖", "巢湖", "滇池", "青海湖", "纳木错", "西湖", "泰山", "黄山", "华山", "峨眉山",
        "昆仑山", "祁连山", "天山", "秦岭", "喜马拉雅山", "珠穆朗玛峰", "柴达木盆地", "塔里木盆地", "四川盆地", "青藏高原",
        "黄土高原", "云贵高原", "长白山", "大兴安岭", "太行山", "可可西里", "京津冀", "长三角", "珠三角", "粤港澳大湾区"]

    /// Bodies that extend an organisation written just before (化隆县委 + 宣传部, 政法委 + 办公室).
    static let orgExtensions: Set<String> = ["办公室", "办公厅", "秘书处", "办事处", "宣传部", "组织部", "统战部", "政法委", "纪委",
                                             "政法委员会", "纪律检查委员会", "新闻办", "外宣办", "新闻中心", "指挥中心"]
    /// Heads of a level of government: their `org` is the place itself (乡长 of 石大仓乡).
    static let placeHeads: Set<String> = ["乡长", "副乡长", "镇长", "副镇长", "县长", "副县长", "市长", "副市长", "区长", "副区长",
                                          "州长", "副州长", "省长", "副省长", "村长", "旗长", "常务副县长", "常务副市长", "常务副省长"]

    /// Last characters of place names a tagger may propose (rivers, mountains, countries …).
    static let geoSuffixes = set("省市县区镇乡村州旗盟湖河江山岛港湾峡谷关国洲矿田原峰海岭坡塘沟岗庄屯寨")
    /// Endings of business and media names without a head noun in `orgHeads`.
    static let brandHeads = ["联通", "移动", "电信", "日报", "晚报", "电视台", "广播电台", "网", "银行", "集团", "大学", "航空"]

    static let compoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                                   "司徒", "令狐", "夏侯", "端木", "西门", "南宫", "独孤", "轩辕", "呼延", "万俟"]
    static let surnames = ScalarSet((
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘闻厉伊仝郜阚屠朴廉禹祖漆索云阙浦鹿邸雍辜阿乌裘亓邰赫杭鲜逯隆茹慕危玉银亢嵇茅冶檀昝智奉衡尧习虎妥喇铁"
    ).unicodeScalars)
}
