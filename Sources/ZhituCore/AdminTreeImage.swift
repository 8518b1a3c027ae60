// The administrative tree as a memory-mapped image (`gazetteer.admin-tree.image` beside
// `gazetteer.tsv`): loading maps a dozen flat arrays instead of parsing a megabyte of text and
// hashing 50k names and aliases into two tables, which was a ninth of a short run with graph
// outputs. `AdminTreeImageTests` checks that the shipped image is what the shipped TSV builds,
// and rewrites it when asked.
//
// Sections: the TSV's size, the unit count and the slot counts of the code and name indexes
// (UInt64 each); the text (UInt8); names and codes (Int32 bounds, two per unit); parents (Int32);
// levels (UInt8); then per index its hashes (UInt64), units (Int32) and slices (Int32, two per
// slot). The arrays of `AdminTree` and `SliceIndex` byte for byte, so none is read at load.
import Foundation

extension AdminTree {
    static let imageSuffix = "admin-tree.image"
    static let imageMagic = Array("ZTADM01\n".utf8)
    static let imageHint = "rebuild it with `ZHITU_WRITE_IMAGES=1 swift test --filter AdminTreeImageTests`"

    /// The image of the tree that TSV bytes `tsv` build.
    static func image(tsv: [UInt8], file: String) throws -> [UInt8] {
        let t = try AdminTree(tsv: tsv, file: file)
        var header = ImageFields()
        for v in [tsv.count, t.count, t.byCode.hashes.count, t.byName.hashes.count] { header.append(v) }
        return ResourceImage.encode(magic: imageMagic, sections: [
            header.bytes, t.text.bytes, t.names.bytes, t.codes.bytes, t.parents.bytes, t.levels.bytes,
            t.byCode.hashes.bytes, t.byCode.units.bytes, t.byCode.slices.bytes,
            t.byName.hashes.bytes, t.byName.units.bytes, t.byName.slices.bytes,
        ])
    }

    /// The tree in `image`, its arrays read in place. Only the sizes are checked here (checking
    /// values would be the pass over every unit the image saves): a value out of range, which only
    /// damage within the right sizes could leave, stops the process at the read, never reads past.
    init(image: ResourceImage, path: String) throws {
        func bad(_ what: String) -> ResourceImageError { ResourceImageError(file: path, reason: "damaged (\(what)); \(Self.imageHint)") }
        let s = image.sections
        guard s.count == 12, let n = ImageFields.int(s[0], 1), n > 0,
              let codeSlots = ImageFields.int(s[0], 2), let nameSlots = ImageFields.int(s[0], 3) else { throw bad("header") }
        func array<T: FixedWidthInteger>(_ i: Int, count: Int?) throws -> FlatArray<T> {
            guard let a = FlatArray<T>(mapped: s[i], in: image.file), count == nil || a.count == count else { throw bad("section \(i + 1)") }
            return a
        }
        func index(_ i: Int, slots: Int) throws -> SliceIndex {
            guard slots >= 16, slots.nonzeroBitCount == 1 else { throw bad("section \(i + 1)") }
            return SliceIndex(hashes: try array(i, count: slots), units: try array(i + 1, count: slots), slices: try array(i + 2, count: 2 * slots))
        }
        self.init(text: try array(1, count: nil), names: try array(2, count: 2 * n), codes: try array(3, count: 2 * n),
                  parents: try array(4, count: n), levels: try array(5, count: n),
                  byCode: try index(6, slots: codeSlots), byName: try index(9, slots: nameSlots))
    }

    /// The tree of the gazetteer at `url`: mapped from the image beside it when that was compiled
    /// from a text of its size, else parsed; nil when the text cannot be read either.
    static func load(_ url: URL) -> AdminTree? {
        // A damaged image is no reason to lose the divisions: the text gives the same tree, slowly.
        if let image = try? ResourceImage.beside(url, suffix: imageSuffix, magic: imageMagic, hint: imageHint),
           let tree = try? AdminTree(image: image, path: url.deletingPathExtension().appendingPathExtension(imageSuffix).path) {
            return tree
        }
        return try? AdminTree(contentsOf: url)
    }
}
