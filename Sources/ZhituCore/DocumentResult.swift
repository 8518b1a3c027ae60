// What is kept of a document after its stages ran: metadata, records and the sentences they
// cite. Text and tokens are dropped so memory stays bounded on large corpora.

/// A sentence cited as evidence, with offsets into the original file.
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
    /// Sentences cited by records, keyed by sentence index.
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

    /// Keeps the records of a processed document, moving offsets to the original file.
    public init(_ doc: Document) {
        var records: [Annotation] = []
        records.reserveCapacity(doc.annotations.count)
        var cited: [Int: EvidenceSentence] = [:]
        for var a in doc.annotations {
            let r = doc.originalRange(a.start..<a.end)
            a.start = r.lowerBound
            a.end = r.upperBound
            if let s = a.sentence, s < doc.sentences.count, cited[s] == nil {
                let sent = doc.sentences[s]
                let o = doc.originalRange(sent.start..<sent.end)
                cited[s] = EvidenceSentence(text: doc.string(sent.start..<sent.end), start: o.lowerBound, end: o.upperBound)
            }
            records.append(a)
        }
        self.init(id: doc.id, path: doc.path, meta: doc.meta, characters: doc.original.count, records: records, sentences: cited)
    }
}
