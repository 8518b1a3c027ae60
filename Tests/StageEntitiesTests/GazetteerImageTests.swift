// The gazetteer image: the shipped one is what the shipped TSV builds (a stale image fails here),
// an image loads back to the gazetteer the text builds, and one built from another TSV is not used.
import Foundation
import Testing
import ZhituCore
@testable import StageEntities

@Suite struct GazetteerImageTests {
    static let sourceTSV = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/StageEntities/Resources/gazetteer.tsv")

    /// `ZHITU_WRITE_IMAGES=1 swift test --filter GazetteerImageTests` rewrites the image after the TSV changed.
    @Test func theShippedImageIsWhatTheShippedTSVBuilds() throws {
        let image = Self.sourceTSV.deletingPathExtension().appendingPathExtension("image")
        let built = try Gazetteer.image(tsv: Data(contentsOf: Self.sourceTSV), file: Self.sourceTSV.path)
        if ProcessInfo.processInfo.environment["ZHITU_WRITE_IMAGES"] == "1" { try ResourceImage.write(built, to: image) }
        let shipped = try Data(contentsOf: image)
        #expect(shipped == Data(built), "gazetteer.image is stale; \(Gazetteer.imageHint)")
    }

    static let tsv = """
        # name\tlevel\tparent\tcode\taliases
        青山省\tP\t-1\t990000000000\t青山
        白河市\tD\t0\t990100000000\t白河
        白河区\tC\t1\t990102000000\t
        东坡乡\tT\t2\t990102201000\t东坡
        白河经济开发区\tT\t2\t990102400000\t
        东坡乡\tT\t2\t990102202000\t
        """

    /// A scratch folder holding `t.tsv` and its image.
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gazetteer-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func anImageLoadsBackToTheGazetteerTheTextBuilds() throws {
        let data = Data(Self.tsv.utf8)
        let text = try Gazetteer(tsv: data, file: "t.tsv")
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tsv = dir.appendingPathComponent("t.tsv")
        try data.write(to: tsv)
        try ResourceImage.write(Gazetteer.image(tsv: data, file: "t.tsv"), to: dir.appendingPathComponent("t.image"))
        let image = try #require(try ResourceImage.beside(tsv, magic: Gazetteer.imageMagic, hint: Gazetteer.imageHint))
        let mapped = try Gazetteer(image: image, path: "t.image")
        #expect(mapped.units.count == 6 && mapped.forms.count == text.forms.count)
        for (a, b) in zip(text.units, mapped.units) {
            #expect(a.name == b.name && a.level == b.level && a.parent == b.parent && a.code == b.code)
        }
        #expect(mapped.units[3].name == "东坡乡" && mapped.units[3].code == "990102201000" && mapped.units.level(3) == .township)
        for (a, b) in zip(text.forms, mapped.forms) { #expect(a.units == b.units && a.kind == b.kind) }
        // two townships of one name: one form with both units, full
        let f = try #require(mapped.formIndex["东坡乡"])
        #expect(mapped.forms[f].units == [3, 5] && mapped.forms[f].kind == .full)
        let short = try #require(mapped.formIndex["青山"])
        #expect(mapped.forms[short].kind == .short)
        let sentence = Array("青山省白河市东坡乡".unicodeScalars)
        #expect(mapped.matches(in: sentence, from: 0, limit: sentence.count).map(\.end) == [2, 3])
        #expect(mapped.isWithin(5, 0) && !mapped.isWithin(0, 5))
        // an image of another TSV (another size) is not used
        try (data + Data("\n东山乡\tT\t2\t990102203000\t".utf8)).write(to: tsv)
        #expect(try ResourceImage.beside(tsv, magic: Gazetteer.imageMagic, hint: Gazetteer.imageHint) == nil)
        #expect(try Gazetteer.builtIn(tsv).units.count == 7)
    }

    /// A form is blocked when it is a generic unit name or the full name of a township named like a zone.
    @Test func blockedFormsAreGenericNamesAndZoneTownships() throws {
        let g = try Gazetteer(tsv: Data(Self.tsv.utf8), file: "t.tsv")
        let res = EntityResources(gazetteer: g, nationalBodies: [], landmarks: [], knownPeople: [], types: [], useNER: false)
        let zone = try #require(g.formIndex["白河经济开发区"]), township = try #require(g.formIndex["东坡乡"])
        let short = try #require(g.formIndex["白河"])
        #expect(res.isBlocked(zone) && !res.isBlocked(township) && !res.isBlocked(short))
        #expect(res.blockedLOC("开发区") && !res.blockedLOC("青山省"))
    }

    /// Per form, `isBlocked` decides as the list computed over every unit at start did.
    @Test func blockedPerFormAgreesWithTheWholeListOnTheShippedGazetteer() throws {
        let g = try Gazetteer(contentsOf: Self.sourceTSV)
        let res = EntityResources(gazetteer: g, nationalBodies: [], landmarks: [], knownPeople: [], types: [], useNER: false)
        var whole = [Bool](repeating: false, count: g.forms.count)
        for name in Words.genericUnitNames { if let f = g.formIndex[name] { whole[f] = true } }
        for u in g.units where u.level == .township && Words.zoneSuffixes.contains(where: { u.name.hasSuffix($0) }) {
            if let f = g.formIndex[u.name], g.forms[f].kind == .full { whole[f] = true }
        }
        #expect(whole.contains(true))
        #expect((0..<g.forms.count).filter { res.isBlocked($0) != whole[$0] }.isEmpty)
    }
}
