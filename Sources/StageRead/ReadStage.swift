// The `read` stage: decodes a file's bytes as UTF-8 and takes its metadata from front matter
// or, failing that, from the text (first full date, first heading).
import ZhituCore

public struct ReadStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "read", version: "1.0",
        summary: "Decode UTF-8 text; metadata from front matter (date:, title:, source:) or from the text.",
        requires: [], produces: [.text])

    public init(options: StageOptions, context: StageContext) throws {}

    public func process(_ doc: inout Document) throws {
        let bytes = doc.bytes
        doc.bytes = []
        if bytes.isEmpty { throw StageFailure("empty file") }
        if let nul = bytes.firstIndex(of: 0) { throw StageFailure("binary file (NUL byte at offset \(nul)); expected UTF-8 text") }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count / 2)
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let u):
                if u == "\n" { line += 1 }
                scalars.append(u)
            case .emptyInput: break loop
            case .error: throw StageFailure("not valid UTF-8 (line \(line)); convert the file to UTF-8")
            }
        }
        if scalars.first == "\u{FEFF}" { scalars[0] = " " }   // BOM: keep offsets, drop the mark
        doc.original = scalars
        let (meta, bodyStart) = FrontMatter.parse(scalars)
        doc.meta = meta
        if doc.meta.date == nil { doc.meta.date = FrontMatter.firstDate(in: scalars, from: bodyStart) }
        if doc.meta.title == nil { doc.meta.title = FrontMatter.firstHeading(in: scalars, from: bodyStart) }
        doc.resetText(from: bodyStart)
        if !doc.text.contains(where: { !$0.properties.isWhitespace }) { throw StageFailure("no text (only whitespace)") }
    }
}
