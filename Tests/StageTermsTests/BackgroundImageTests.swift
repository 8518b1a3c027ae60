// The background image: the shipped one is what the shipped TSV builds (a stale image fails here),
// and an image loads back to the counts the text gives.
import Foundation
import Testing
import ZhituCore
@testable import StageTerms

@Suite struct BackgroundImageTests {
    static let sourceTSV = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/StageTerms/Resources/background.tsv")

    /// `ZHITU_WRITE_IMAGES=1 swift test --filter BackgroundImageTests` rewrites the image after the TSV changed.
    @Test func theShippedImageIsWhatTheShippedTSVBuilds() throws {
        let image = Self.sourceTSV.deletingPathExtension().appendingPathExtension("image")
        let built = try Background.image(tsv: Data(contentsOf: Self.sourceTSV), file: Self.sourceTSV.path)
        if ProcessInfo.processInfo.environment["ZHITU_WRITE_IMAGES"] == "1" { try ResourceImage.write(built, to: image) }
        let shipped = try Data(contentsOf: image)
        #expect(shipped == Data(built), "background.image is stale; \(Background.imageHint)")
    }

    @Test func anImageLoadsBackToTheCountsOfTheText() throws {
        let data = Data("社会治理\t12\t3\n治理\t40\t9\n网格化\t7\t2\n社会治理\t15\t4\n".utf8)
        let text = try Background(tsv: data, file: "t.tsv")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("background-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tsv = dir.appendingPathComponent("t.tsv")
        try data.write(to: tsv)
        try ResourceImage.write(Background.image(tsv: data, file: "t.tsv"), to: dir.appendingPathComponent("t.image"))
        let image = try #require(try ResourceImage.beside(tsv, magic: Background.imageMagic, hint: Background.imageHint))
        let mapped = try Background(image: image, path: "t.image")
        let t = Array("推进社会治理网格化".unicodeScalars)
        for r in [2..<6, 4..<6, 6..<9, 2..<4, 0..<2] { #expect(mapped[t, r] == text[t, r]) }
        #expect(mapped[t, 2..<6] == 15 && mapped[t, 4..<6] == 40 && mapped[t, 2..<4] == 0)
        try data.dropLast().write(to: tsv)   // another TSV: the image is not used
        #expect(try ResourceImage.beside(tsv, magic: Background.imageMagic, hint: Background.imageHint) == nil)
    }
}
