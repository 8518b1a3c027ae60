// The background table as a memory-mapped image (`background.image` beside `background.tsv`):
// loading maps the trie of 30k n-grams instead of parsing and inserting them, which was a fifth
// of a short run. `BackgroundImageTests` checks that the shipped image is what the shipped TSV
// builds, and rewrites it when asked.
//
// Sections: the TSV's size and the entry count (UInt64 each); the trie (`Trie.image`); the values
// (Int64 each, by the trie's entry values).
import Foundation
import ZhituCore

extension Background {
    static let imageMagic = Array("ZTBKG01\n".utf8)
    static let imageHint = "rebuild it with `ZHITU_WRITE_IMAGES=1 swift test --filter BackgroundImageTests`"

    /// The image of the table that TSV bytes `tsv` build.
    static func image(tsv: Data, file: String) throws -> [UInt8] {
        let table = try Background(tsv: tsv, file: file).table
        var header = ImageFields()
        for v in [tsv.count, table.values.count] { header.append(v) }
        let values = table.values.map { Int64($0).littleEndian }
        return ResourceImage.encode(magic: imageMagic, sections: [header.bytes, table.trie.compacted().image, values.withUnsafeBytes { Array($0) }])
    }

    /// The table in `image` (checked: a damaged image is an error naming `path`).
    init(image: ResourceImage, path: String) throws {
        func bad(_ what: String) -> ResourceImageError { ResourceImageError(file: path, reason: "damaged (\(what)); \(Self.imageHint)") }
        let s = image.sections
        guard s.count == 3, let count = ImageFields.int(s[0], 1) else { throw bad("header") }
        guard let trie = Trie(image: s[1], in: image.file), trie.count <= count else { throw bad("trie") }
        guard let values = ImageFields.array(s[2], of: Int64.self), values.count == count else { throw bad("values") }
        self.init(table: WordTable(trie: trie, values: values.map { Int(Int64(littleEndian: $0)) }))
    }

    /// The shipped table: its image when that matches the TSV, else the TSV parsed.
    static func builtIn(_ tsv: URL) throws -> Background {
        guard let image = try ResourceImage.beside(tsv, magic: imageMagic, hint: imageHint) else { return try Background(contentsOf: tsv) }
        return try Background(image: image, path: tsv.deletingPathExtension().appendingPathExtension("image").path)
    }
}
