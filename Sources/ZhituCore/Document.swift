// The document model: original text, its normalised view with an offset map, and the layers
// (blocks, sentences, tokens, annotations) that stages add in place.

/// Document metadata from front matter or from the text itself.
public struct DocumentMeta: Sendable, Codable, Equatable {
    /// ISO date `yyyy-mm-dd` (or `yyyy-mm`, `yyyy`) when known.
    public var date: String?
    public var title: String?
    public var source: String?
    public init(date: String? = nil, title: String? = nil, source: String? = nil) {
        self.date = date
        self.title = title
        self.source = source
    }
}

/// A stretch of the normalised text with its layout role.
public struct Block: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case body, heading, byline, furniture }
    public var start: Int
    public var end: Int
    public var kind: Kind
    public init(start: Int, end: Int, kind: Kind) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}

/// A sentence of the normalised text, `start..<end` in Unicode scalars.
public struct Sentence: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var kind: Block.Kind
    public init(start: Int, end: Int, kind: Block.Kind = .body) {
        self.start = start
        self.end = end
        self.kind = kind
    }
}

/// A word token of the normalised text.
public struct Token: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case space, punct, number, letter, ideo, lexicon }
    public var start: Int32
    public var end: Int32
    public var sentence: Int32
    public var kind: Kind
    public init(start: Int, end: Int, sentence: Int, kind: Kind) {
        self.start = Int32(start)
        self.end = Int32(end)
        self.sentence = Int32(sentence)
        self.kind = kind
    }
    public var range: Range<Int> { Int(start)..<Int(end) }
    /// Punctuation and whitespace tokens are not words.
    public var isWord: Bool { kind != .space && kind != .punct }
}

/// One article flowing through the pipeline. Stages read and add layers in place; the original
/// text is never changed, and `offsets` maps every scalar of `text` back to `original`.
public struct Document: Sendable {
    /// The file stem.
    public let id: String
    /// The file it came from, as given.
    public let path: String
    /// The file's bytes; the `read` stage decodes them and empties this.
    public var bytes: [UInt8]
    /// The decoded file, unchanged.
    public var original: [Unicode.Scalar] = []
    public var meta = DocumentMeta()
    /// The normalised text every later stage works on.
    public var text: [Unicode.Scalar] = []
    /// `offsets[i]` is the index in `original` of `text[i]`.
    public var offsets: [Int32] = []
    public var blocks: [Block] = []
    public var sentences: [Sentence] = []
    public var tokens: [Token] = []
    public var annotations: [Annotation] = []
    /// The layers present so far (see `Layer`).
    public var layers: Set<Layer> = []

    public init(id: String, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
    }

    /// Sets `text` to `original[from...]` with the identity offset map.
    public mutating func resetText(from start: Int = 0) {
        text = Array(original[start...])
        offsets = (start..<original.count).map { Int32($0) }
    }

    /// The normalised text of `range` as a String.
    public func string(_ range: Range<Int>) -> String { String(scalars: text[range]) }

    /// Offsets into `original` (end exclusive) of the normalised range.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty, range.upperBound <= offsets.count else {
            let p = range.lowerBound < offsets.count ? Int(offsets[range.lowerBound]) : original.count
            return p..<p
        }
        return Int(offsets[range.lowerBound])..<(Int(offsets[range.upperBound - 1]) + 1)
    }

    /// Index of the sentence holding normalised offset `position`, by binary search.
    public func sentenceIndex(at position: Int) -> Int? {
        var lo = 0, hi = sentences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentences[mid].end <= position { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentences.count && sentences[lo].start <= position ? lo : nil
    }

    /// Tokens of sentence `index` (tokens are ordered, so this is a binary-searched slice).
    public func tokens(inSentence index: Int) -> ArraySlice<Token> {
        let s = Int32(index)
        var lo = 0, hi = tokens.count
        while lo < hi { let m = (lo + hi) / 2; if tokens[m].sentence < s { lo = m + 1 } else { hi = m } }
        var end = lo
        while end < tokens.count && tokens[end].sentence == s { end += 1 }
        return tokens[lo..<end]
    }

    /// Adds an annotation over normalised `range`, filling its text and sentence.
    public mutating func annotate(_ kind: Annotation.Kind, _ range: Range<Int>, type: String? = nil,
                                  configure: (inout Annotation) -> Void = { _ in }) {
        var a = Annotation(kind: kind, type: type, text: TextNormal.recordText(string(range)),
                           start: range.lowerBound, end: range.upperBound)
        a.sentence = sentenceIndex(at: range.lowerBound)
        configure(&a)
        annotations.append(a)
    }
}
