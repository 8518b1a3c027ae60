// The titles the entities stage matches (党委副书记, 县人大代表 …): every organ + modifier + post of
// `Words`, and the representatives' roles with their level, in one trie. Composed from the word
// lists, and shipped compiled (`titles.image`), as composing 31k titles was the largest part of
// the stage's start-up. The image records a fingerprint of the lists: after a list changes it is
// not used (the trie is composed again) until `TitleFormsTests` rewrites it.
//
// Image sections: the fingerprint and the form count (UInt64 each); the trie (`Trie.image`); each
// form's prefix and suffix index (Int32 pairs).
import Foundation
import ZhituCore

struct Titles: Sendable {
    let trie: Trie
    let forms: Forms
    /// Per form: length of its organ prefix (0 if none).
    let organLength: [Int]

    init(trie: Trie, forms: Forms, organLength: [Int]) {
        self.trie = trie
        self.forms = forms
        self.organLength = organLength
    }

    /// The forms by trie value, each a prefix (organ + modifier, or a level) and a suffix (a post
    /// or a representative's role), joined when read.
    struct Forms: Sendable {
        let prefixes: [String], suffixes: [String]
        var parts: [(prefix: Int32, suffix: Int32)] = []
        subscript(_ i: Int) -> String { prefixes[Int(parts[i].prefix)] + suffixes[Int(parts[i].suffix)] }
    }

    static let (organs, modifiers, posts) = (Words.organs, Words.modifiers, Words.baseTitles)
    static let (roles, levels) = (Words.representativeRoles, Words.levelPrefixes)
    /// Organ + modifier for each pair, then "" and the level prefixes.
    static let prefixes = organs.flatMap { organ in modifiers.map { organ + $0 } } + [""] + levels
    static let suffixes = posts + roles

    /// Length of the organ in prefix `p` (the level prefixes of roles are no organ).
    static func organLength(ofPrefix p: Int) -> Int {
        p < organs.count * modifiers.count ? organs[p / modifiers.count].unicodeScalars.count : 0
    }

    /// The titles composed from the word lists (first form wins, as the lists order them).
    static func built() -> Titles {
        var forms = Forms(prefixes: prefixes, suffixes: suffixes)
        let prefixScalars = prefixes.map { Array($0.unicodeScalars) }, suffixScalars = suffixes.map { Array($0.unicodeScalars) }
        func scalars(_ l: [String]) -> Int { l.reduce(0) { $0 + $1.unicodeScalars.count } }
        // an upper bound of the edges: each organ's path once, each modifier's once per organ, each post's once per both
        let composed = scalars(organs) + organs.count * scalars(modifiers) + organs.count * modifiers.count * scalars(posts)
        let roleEdges = scalars(roles) * (1 + levels.count) + roles.count * scalars(levels)
        var trie = Trie(reservingEdges: composed + roleEdges, entries: organs.count * modifiers.count * posts.count + roles.count * (1 + levels.count))
        var buffer: [Unicode.Scalar] = []
        func add(_ p: Int, _ s: Int) {
            buffer.removeAll(keepingCapacity: true)
            buffer += prefixScalars[p]
            buffer += suffixScalars[s]
            guard trie.insertIfAbsent(scalars: buffer, value: Int32(forms.parts.count)) else { return }
            forms.parts.append((Int32(p), Int32(s)))
        }
        let deputyPosts = Set(posts.indices.filter { posts[$0].hasPrefix("副") })
        for o in organs.indices {
            for (mi, m) in modifiers.enumerated() {
                for b in posts.indices where !(m == "副" && deputyPosts.contains(b)) { add(o * modifiers.count + mi, b) }
            }
        }
        let none = organs.count * modifiers.count
        for r in roles.indices {
            add(none, posts.count + r)
            for l in levels.indices { add(none + 1 + l, posts.count + r) }
        }
        return Titles(trie: trie, forms: forms, organLength: forms.parts.map { organLength(ofPrefix: Int($0.prefix)) })
    }

    // MARK: - The compiled image

    static let imageMagic = Array("ZTTTL01\n".utf8)
    static let imageHint = "rebuild it with `ZHITU_WRITE_IMAGES=1 swift test --filter TitleFormsTests`"

    /// FNV-1a over the word lists the titles are composed from: an image of other lists is not used.
    static let fingerprint: Int = {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for list in [organs, modifiers, posts, roles, levels] {
            for w in list { for b in w.utf8 + [0] { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 } }
            h = (h ^ 0xFF) &* 0x100_0000_01b3
        }
        return Int(bitPattern: UInt(h))
    }()

    var image: [UInt8] {
        var header = ImageFields()
        for v in [Titles.fingerprint, forms.parts.count] { header.append(v) }
        let parts = forms.parts.flatMap { [$0.prefix.littleEndian, $0.suffix.littleEndian] }
        return ResourceImage.encode(magic: Titles.imageMagic, sections: [header.bytes, trie.compacted().image, parts.withUnsafeBytes { Array($0) }])
    }

    /// The titles in `image`, or nil if it was compiled from other word lists; a damaged image is an error.
    init?(image: ResourceImage, path: String) throws {
        func bad(_ what: String) -> ResourceImageError { ResourceImageError(file: path, reason: "damaged (\(what)); \(Titles.imageHint)") }
        let s = image.sections
        guard s.count == 3, let fingerprint = ImageFields.int(s[0], 0), let count = ImageFields.int(s[0], 1) else { throw bad("header") }
        guard fingerprint == Titles.fingerprint else { return nil }
        guard let trie = Trie(image: s[1], in: image.file), trie.count == count else { throw bad("trie") }
        guard let raw = ImageFields.array(s[2], of: Int32.self), raw.count == 2 * count else { throw bad("forms") }
        let parts = (0..<count).map { (prefix: Int32(littleEndian: raw[2 * $0]), suffix: Int32(littleEndian: raw[2 * $0 + 1])) }
        guard parts.allSatisfy({ $0.prefix >= 0 && Int($0.prefix) < Titles.prefixes.count && $0.suffix >= 0 && Int($0.suffix) < Titles.suffixes.count })
        else { throw bad("forms") }
        self.init(trie: trie, forms: Forms(prefixes: Titles.prefixes, suffixes: Titles.suffixes, parts: parts),
                  organLength: parts.map { Titles.organLength(ofPrefix: Int($0.prefix)) })
    }

    /// The shipped image when it was compiled from the current lists, else the titles composed.
    static func shipped() throws -> Titles {
        guard let url = Bundle.module.url(forResource: "titles", withExtension: "image", subdirectory: "Resources") else { return built() }
        let image = try ResourceImage(path: url.path, magic: imageMagic, hint: imageHint)
        return try Titles(image: image, path: url.path) ?? built()
    }
}
