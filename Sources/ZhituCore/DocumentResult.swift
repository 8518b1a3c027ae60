// What is kept of a document after its stages ran: metadata, records and its sentences (every
// one, for full-text search; records cite them by index). Tokens are dropped.

/// A sentence of a document (cited as evidence or not), with offsets into the original file.
public struct EvidenceSentence: Sendable, Equatable, Codable {
    public var text: String
    public var start: Int
    public var end: Int
    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}

public struct DocumentResult: Sendable {
    public var id: String
    public var path: String
    public var meta: DocumentMeta
    /// Unicode scalars in the original file.
    public var characters: Int
    /// Records, with `start`/`end` as offsets into the original file.
    public var records: [Annotation]
    /// Sentences keyed by sentence index: every sentence holding more than white space.
    public var sentences: [Int: EvidenceSentence]
    /// A later part of a long document (see Windows.swift) whose first part came just before:
    /// its records and cited sentences only; metadata and `characters` repeat the first part's.
    public var continued = false

    public init(id: String, path: String, meta: DocumentMeta, characters: Int, records: [Annotation], sentences: [Int: EvidenceSentence]) {
        self.id = id
        self.path = path
        self.meta = meta
        self.characters = characters
        self.records = records
        self.sentences = sentences
    }

    /// Keeps the records and sentences of a processed document, moving offsets to the original file.
    public init(_ doc: Document) {
        var records: [Annotation] = []
        records.reserveCapacity(doc.annotations.count)
        for var a in doc.annotations {
            let r = doc.originalRange(a.start..<a.end)
            a.start = r.lowerBound
            a.end = r.upperBound
            records.append(a)
        }
        // Every sentence, not only those records cite: full-text search must find a word in any
        // sentence of the corpus (graph.sqlite). Blank ones hold nothing to find.
        var sentences: [Int: EvidenceSentence] = [:]
        sentences.reserveCapacity(doc.sentences.count)
        for (i, sent) in doc.sentences.enumerated() {
            guard doc.text[sent.start..<sent.end].contains(where: { !$0.properties.isWhitespace }) else { continue }
            let o = doc.originalRange(sent.start..<sent.end)
            sentences[i] = EvidenceSentence(text: doc.string(sent.start..<sent.end), start: o.lowerBound, end: o.upperBound)
        }
        self.init(id: doc.id, path: doc.path, meta: doc.meta, characters: doc.original.count, records: records, sentences: sentences)
    }
}
