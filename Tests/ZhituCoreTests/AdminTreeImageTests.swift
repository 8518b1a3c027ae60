// The administrative tree's image: the shipped one is what the shipped TSV builds (a stale image
// fails here), a tree mapped from an image answers every look-up as the parsed text does, and an
// image of another text, or a damaged one, is not used.
import Foundation
import Testing
@testable import ZhituCore

@Suite struct AdminTreeImageTests {
    static let sourceTSV = Repo.root.appendingPathComponent("Sources/StageEntities/Resources/gazetteer.tsv")

    static func imageURL(_ tsv: URL) -> URL { tsv.deletingPathExtension().appendingPathExtension(AdminTree.imageSuffix) }

    /// `tsv` as g.tsv in a new folder, with its image beside it.
    static func writeTreeAndImage() throws -> URL {
        let tsv = Repo.tempDir().appendingPathComponent("g.tsv")
        try Self.tsv.write(to: tsv, atomically: true, encoding: .utf8)
        try ResourceImage.write(AdminTree.image(tsv: Array(Self.tsv.utf8), file: "g.tsv"), to: imageURL(tsv))
        return tsv
    }

    /// `ZHITU_WRITE_IMAGES=1 swift test --filter AdminTreeImageTests` rewrites the image after the TSV changed.
    @Test func theShippedImageIsWhatTheShippedTSVBuilds() throws {
        let built = try AdminTree.image(tsv: [UInt8](Data(contentsOf: Self.sourceTSV)), file: Self.sourceTSV.path)
        if ProcessInfo.processInfo.environment["ZHITU_WRITE_IMAGES"] == "1" { try ResourceImage.write(built, to: Self.imageURL(Self.sourceTSV)) }
        let shipped = try Data(contentsOf: Self.imageURL(Self.sourceTSV))
        #expect(shipped == Data(built), "gazetteer.admin-tree.image is stale; \(AdminTree.imageHint)")
    }

    /// The tree mapped from the image beside `tsv`; fails when there is none of the TSV's size.
    static func mapped(_ tsv: URL) throws -> AdminTree {
        let image = try #require(try ResourceImage.beside(tsv, suffix: AdminTree.imageSuffix, magic: AdminTree.imageMagic, hint: AdminTree.imageHint))
        return try AdminTree(image: image, path: imageURL(tsv).path)
    }

    /// One line of a gazetteer TSV, read here with Strings (not as AdminTree reads it).
    struct Line { var name: String, code: String, aliases: [String] }

    static func lines(_ tsv: URL) throws -> [Line] {
        try String(contentsOf: tsv, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let f = $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Line(name: f[0], code: f[3], aliases: f[4].split(separator: ",").map(String.init))
        }
    }

    /// Every look-up of the units `sample` through `a` and `b` agree, by code, by name and by
    /// each alias, and the units are those the TSV lists.
    static func expectSameLookups(_ a: AdminTree, _ b: AdminTree, lines: [Line], sample: [Int]) {
        #expect(a.count == lines.count && b.count == lines.count)
        for u in sample.map(Int32.init) {
            let line = lines[Int(u)]
            #expect(a[u] == b[u] && a[u].name == line.name && a[u].code == line.code)
            #expect(a.ancestors(of: u) == b.ancestors(of: u))
            for key in [line.name] + line.aliases { #expect(a.unit(code: nil, name: key) == b.unit(code: nil, name: key), "\(key)") }
            if !line.code.isEmpty {
                let byCode = a.unit(code: line.code, name: "")
                #expect(byCode == b.unit(code: line.code, name: "") && byCode.map { a[$0].code } == line.code)
            }
        }
        #expect(a.unit(code: "000000", name: "无此地") == nil && b.unit(code: "000000", name: "无此地") == nil)
    }

    @Test func lookupsThroughTheShippedImageEqualLookupsThroughTheText() throws {
        let text = try AdminTree(contentsOf: Self.sourceTSV), mapped = try Self.mapped(Self.sourceTSV)
        let lines = try Self.lines(Self.sourceTSV)
        // every 61st unit, and the provinces with the units on either side of them
        let provinces = (0..<text.count).filter { text[Int32($0)].level == "province" }
        let sample = Array(stride(from: 0, to: text.count, by: 61)) + provinces.flatMap { [$0 - 1, $0, $0 + 1] }.filter { $0 >= 0 && $0 < text.count }
        Self.expectSameLookups(mapped, text, lines: lines, sample: sample)
        // known answers: 城关区 of 兰州 by its code, under 兰州市 and 甘肃省; two 城关区: no guess by name
        let chengguan = try #require(mapped.unit(code: "620102", name: "城关区"))
        #expect(mapped.ancestors(of: chengguan).map { mapped[$0].name } == ["兰州市", "甘肃省"])
        #expect(mapped.unit(code: nil, name: "城关区") == nil)
        #expect(mapped.unit(code: nil, name: "甘肃").map { mapped[$0] } == AdminTree.Unit(name: "甘肃省", level: "province", parent: -1, code: "620000"))
    }

    /// 石门县 and 双河区 (twice, ambiguous); 海湾市 a municipality, province and its own prefecture.
    static let tsv = """
    # invented
    青禾省\tP\t-1\t990000\t青禾
    云川市\tD\t0\t990100\t云川
    石门县\tC\t1\t990102\t石门,石门城
    柳岸镇\tT\t2\t\t
    双河区\tC\t1\t990103\t
    远山市\tD\t0\t990200\t
    双河区\tC\t5\t990201\t
    海湾市\tP\t-1\t980000\t海湾
    海湾市\tD\t7\t980000\t
    东港区\tC\t8\t980101\t东港

    """

    @Test func anImageOfTheTextIsUsedAndAnyOtherIsNot() throws {
        let tsv = try Self.writeTreeAndImage()
        defer { try? FileManager.default.removeItem(at: tsv.deletingLastPathComponent()) }
        let text = try AdminTree(contentsOf: tsv)
        Self.expectSameLookups(try Self.mapped(tsv), text, lines: try Self.lines(tsv), sample: Array(0..<text.count))
        #expect(try Self.mapped(tsv).ancestors(of: 9) == [8])

        // `load` takes an image of the TSV's size without reading the text: here one of another
        // text of that size (柳岸镇 renamed 柳岸乡)
        let other = Self.tsv.replacingOccurrences(of: "柳岸镇", with: "柳岸乡")
        try ResourceImage.write(AdminTree.image(tsv: Array(other.utf8), file: "other.tsv"), to: Self.imageURL(tsv))
        #expect(AdminTree.load(tsv)?[3].name == "柳岸乡")
        // … and parses the text when the sizes differ
        try (Self.tsv + "北港区\tC\t8\t980102\t\n").write(to: tsv, atomically: true, encoding: .utf8)
        #expect(AdminTree.load(tsv)?[3].name == "柳岸镇" && AdminTree.load(tsv)?.count == 11)
        // … or the image is damaged (cut short)
        try Self.tsv.write(to: tsv, atomically: true, encoding: .utf8)
        let image = try Data(contentsOf: Self.imageURL(tsv))
        try image.prefix(image.count - 8).write(to: Self.imageURL(tsv))
        #expect(throws: ResourceImageError.self) { try Self.mapped(tsv) }
        #expect(AdminTree.load(tsv)?[3].name == "柳岸镇")
    }

    @Test func anImageWhoseArraysDisagreeWithItsHeaderIsAnError() throws {
        let tsv = try Self.writeTreeAndImage()
        defer { try? FileManager.default.removeItem(at: tsv.deletingLastPathComponent()) }
        let good = try ResourceImage(path: Self.imageURL(tsv).path, magic: AdminTree.imageMagic, hint: "")
        var sections = withExtendedLifetime(good) { good.sections.map { Array($0) } }   // copied while mapped
        // the header claims 11 units over the arrays of 10
        var header = ImageFields()
        for i in 0..<4 { header.append(i == 1 ? 11 : sections[0].withUnsafeBytes { ImageFields.int($0, i)! }) }
        sections[0] = header.bytes
        try ResourceImage.write(ResourceImage.encode(magic: AdminTree.imageMagic, sections: sections), to: Self.imageURL(tsv))
        let error = try #require(throws: ResourceImageError.self) { try Self.mapped(tsv) }
        #expect(error.file == Self.imageURL(tsv).path && error.reason.hasPrefix("damaged (section 3)"))
    }
}
