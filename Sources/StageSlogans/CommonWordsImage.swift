// The shipped common words as a memory-mapped image (`common-words.image` beside
// `common-words.txt`): loading maps the trie instead of parsing 46k lines. `CommonWordsImageTests`
// checks that the shipped image is what the shipped list builds, and rewrites it when asked.
//
// Sections: the list's size and entry count (UInt64 each); the trie (`Trie.image`, value 1 for a
// frequent word).
import Foundation
import ZhituCore

extension CommonWords {
    static let imageMagic = Array("ZTCMW01\n".utf8)
    static let imageHint = "rebuild it with `ZHITU_WRITE_IMAGES=1 swift test --filter CommonWordsImageTests`"

    /// The image of the words of the list at `url`.
    static func image(list url: URL) throws -> [UInt8] {
        let words = try CommonWords(Lexicon(contentsOf: url))
        var header = ImageFields()
        for v in [try Data(contentsOf: url).count, words.trie.count] { header.append(v) }
        return ResourceImage.encode(magic: imageMagic, sections: [header.bytes, words.trie.compacted().image])
    }

    /// The words in `image` (checked: a damaged image is an error naming `path`).
    init(image: ResourceImage, path: String) throws {
        let s = image.sections
        guard s.count == 2, let count = ImageFields.int(s[0], 1), let trie = Trie(image: s[1], in: image.file), trie.count == count else {
            throw ResourceImageError(file: path, reason: "damaged; \(Self.imageHint)")
        }
        self.init(trie: trie)
    }

    /// The shipped list: its image when that matches the list, else the list parsed.
    static func builtIn(_ list: URL) throws -> CommonWords {
        guard let image = try ResourceImage.beside(list, magic: imageMagic, hint: imageHint) else { return try CommonWords(Lexicon(contentsOf: list)) }
        return try CommonWords(image: image, path: list.deletingPathExtension().appendingPathExtension("image").path)
    }
}
