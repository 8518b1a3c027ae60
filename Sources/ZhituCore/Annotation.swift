// An extracted record (entity, relation, number, slogan, term …) as stand-off over the text.

/// A JSON scalar value: numbers parse to doubles, dates and ranges to strings.
public enum AnnotationValue: Sendable, Equatable, Codable {
    case number(Double)
    case string(String)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let d):
            if d == d.rounded(), abs(d) < 9e15 { try c.encode(Int64(d)) } else { try c.encode(d) }
        case .string(let s): try c.encode(s)
        }
    }
}

/// One record. `start`/`end` are normalised offsets while stages run; the writer converts them
/// to offsets into the original file.
public struct Annotation: Sendable, Equatable {
    /// The record kind. The gold kinds are constants; a stage may add its own.
    public struct Kind: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }
        public static let entity: Kind = "entity"
        public static let relation: Kind = "relation"
        public static let number: Kind = "number"
        public static let slogan: Kind = "slogan"
        public static let term: Kind = "term"
        /// A link between two forms of one slogan (type VARIANT_OF, head → tail); a graph edge,
        /// kept apart from `relation` records, which are entity relations.
        public static let variant: Kind = "variant"
        /// Kinds of the records file's own lines (RecordCodec): a stage's record of one of
        /// these would read back as a document's metadata or a sentence.
        public static let reserved: Set<String> = ["document", "sentence"]
    }

    public var kind: Kind
    public var type: String?
    public var text: String
    public var start: Int
    public var end: Int
    /// Index of the sentence it sits in.
    public var sentence: Int?
    // Numbers
    public var numtype: String?
    public var value: AnnotationValue?
    public var unit: String?
    public var qualifier: String?
    public var subject: String?
    // Relations
    public var head: String?
    public var tail: String?
    public var org: String?
    /// Canonical form (an entity's full name, a slogan's base form) when it differs from `text`.
    public var canonical: String?
    /// An identifier in an external scheme: a place's administrative division code.
    public var code: String?

    public init(kind: Kind, type: String? = nil, text: String, start: Int, end: Int) {
        self.kind = kind
        self.type = type
        self.text = text
        self.start = start
        self.end = end
    }
}
