// The built-in gazetteer as a memory-mapped image (`gazetteer.image` beside `gazetteer.tsv`):
// loading maps the trie and copies a few flat arrays instead of parsing a megabyte of text and
// inserting 51k names, which was a fifth of a short run. `GazetteerImageTests` checks that the
// shipped image is what the shipped TSV builds, and rewrites it when asked.
//
// Sections: the TSV's size, unit and form counts (UInt64 each); the trie (`Trie.image`); unit
// levels (UInt8), parents (Int32), string bounds (UInt32) and UTF-8 text; form kinds (UInt8),
// unit bounds (UInt32) and units (Int32): the arrays of `Gazetteer.Units` and `Gazetteer.Forms`.
import Foundation
import ZhituCore

extension Gazetteer {
    static let imageMagic = Array("ZTGAZ01\n".utf8)
    static let imageHint = "rebuild it with `ZHITU_WRITE_IMAGES=1 swift test --filter GazetteerImageTests`"

    /// The image of the gazetteer that TSV bytes `tsv` build.
    static func image(tsv: Data, file: String) throws -> [UInt8] {
        let g = try Gazetteer(tsv: tsv, file: file)
        var header = ImageFields()
        for v in [tsv.count, g.units.count, g.forms.count] { header.append(v) }
        func bytes<T>(_ a: [T]) -> [UInt8] { a.withUnsafeBytes { Array($0) } }
        return ResourceImage.encode(magic: imageMagic, sections: [
            header.bytes, g.trie.compacted().image,
            g.units.levels, bytes(g.units.parents), bytes(g.units.bounds), g.units.text,
            g.forms.kinds, bytes(g.forms.bounds), bytes(g.forms.unitList),
        ])
    }

    /// The gazetteer in `image` (checked: a damaged image is an error naming `path`).
    init(image: ResourceImage, path: String) throws {
        func bad(_ what: String) -> ResourceImageError { ResourceImageError(file: path, reason: "damaged (\(what)); \(Self.imageHint)") }
        let s = image.sections
        guard s.count == 9, let nUnits = ImageFields.int(s[0], 1), let nForms = ImageFields.int(s[0], 2) else { throw bad("header") }
        guard let trie = Trie(image: s[1], in: image.file) else { throw bad("trie") }
        guard let levels = ImageFields.array(s[2], of: UInt8.self), levels.count == nUnits, levels.allSatisfy({ $0 < 4 }),
              let parents = ImageFields.array(s[3], of: Int32.self), parents.count == nUnits,
              parents.allSatisfy({ $0 >= -1 && Int($0) < nUnits }),
              let bounds = ImageFields.array(s[4], of: UInt32.self), bounds.count == 2 * nUnits + 1,
              let text = ImageFields.array(s[5], of: UInt8.self), Self.ascending(bounds, end: text.count)
        else { throw bad("units") }
        guard let kinds = ImageFields.array(s[6], of: UInt8.self), kinds.count == nForms, kinds.allSatisfy({ $0 < 3 }),
              let formBounds = ImageFields.array(s[7], of: UInt32.self), formBounds.count == nForms + 1,
              let unitList = ImageFields.array(s[8], of: Int32.self), Self.ascending(formBounds, end: unitList.count),
              unitList.allSatisfy({ $0 >= 0 && Int($0) < nUnits }), trie.count == nForms
        else { throw bad("forms") }
        self.init(units: Units(levels: levels, parents: parents, bounds: bounds, text: text),
                  forms: Forms(kinds: kinds, bounds: formBounds, unitList: unitList), trie: trie)
    }

    /// Whether `bounds` start at 0, never fall and end at `end`.
    private static func ascending(_ bounds: [UInt32], end: Int) -> Bool {
        guard bounds.first == 0, bounds.last.map(Int.init) == end else { return false }
        return zip(bounds, bounds.dropFirst()).allSatisfy { $0 <= $1 }
    }

    /// The built-in gazetteer: its image when that matches the TSV, else the TSV parsed.
    static func builtIn(_ tsv: URL) throws -> Gazetteer {
        guard let image = try ResourceImage.beside(tsv, magic: imageMagic, hint: imageHint) else { return try Gazetteer(contentsOf: tsv) }
        return try Gazetteer(image: image, path: tsv.deletingPathExtension().appendingPathExtension("image").path)
    }
}
