// Classifying the lines of an article: body text, headings, bylines, page furniture.
import ZhituCore

struct LineKinds: Sendable {
    static let furniturePrefixes = ["组版编辑", "美术编辑", "责任编辑", "本版编辑", "版式设计", "版面设计", "责编", "校对", "编审", "审核", "终审", "值班编辑"]
    // `本报讯（记者 …）` opens a news paragraph, so it is body text, not a byline line.
    static let bylinePrefixes = ["本报记者", "本报通讯员", "记者", "通讯员", "文/", "图/", "文／", "图／", "特约记者", "新华社记者"]
    static let bullets = Set("■●◆▲□○◇★☆·".unicodeScalars)
    static let creditSuffixes = ["供图", "摄", "图"]

    let furniture: [[Unicode.Scalar]]
    let bylines: [[Unicode.Scalar]] = LineKinds.bylinePrefixes.map { Array($0.unicodeScalars) }

    init(furniturePrefixes: [String]) {
        furniture = furniturePrefixes.map { Array($0.unicodeScalars) }
    }

    /// The kind of a trimmed, non-empty line.
    func kind(_ line: ArraySlice<Unicode.Scalar>) -> Block.Kind {
        if line.first == "#" { return .heading }
        if furniture.contains(where: { line.starts(with: $0) }) { return .furniture }
        let unbulleted = line.drop(while: { LineKinds.bullets.contains($0) })
        if line.count <= 40, bylines.contains(where: { unbulleted.starts(with: $0) }) { return .byline }
        // photo credits: `平安区人大供图`, `王晶 摄`
        if line.count <= 20, !line.contains(where: { "。，！？".unicodeScalars.contains($0) }),
           LineKinds.creditSuffixes.contains(where: { line.reversed().starts(with: $0.unicodeScalars.reversed()) }) {
            return .furniture
        }
        return .body
    }

    static let sentenceEnds = Set("。！？!?…；;".unicodeScalars)
    static let closers = Set("”’」』）)》】".unicodeScalars)

    /// Whether a line ends a sentence (closing quotes after the end mark count).
    static func endsSentence(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        var i = line.endIndex - 1
        while i >= line.startIndex, closers.contains(line[i]) { i -= 1 }
        guard i >= line.startIndex else { return false }
        return sentenceEnds.contains(line[i])
    }
}
