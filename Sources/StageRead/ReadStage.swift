// The `read` stage: decodes a file's bytes as UTF-8 and takes its metadata from front matter
// or, failing that, from the text (a labelled or header date, the headline), the file's path
// (a date in its folders or name) and its name (the title of last resort).
import Foundation
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
        var scalars: [Unicode.Scalar]
        switch UTF8Decoder.decode(bytes) {
        case .success(let s): scalars = s
        case .failure(let invalid):
            let offset = invalid.offset
            let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw StageFailure("not valid UTF-8 (line \(line), byte \(offset)); convert the file to UTF-8")
        }
        if scalars.first == "\u{FEFF}" { scalars[0] = " " }   // BOM: keep offsets, drop the mark
        doc.original = scalars
        // Metadata given with the document (streaming mode) wins over front matter, which wins
        // over what the text says.
        let front = FrontMatter.parse(scalars)
        let bodyStart = front.bodyStart
        if let bad = front.badDate { Self.warnDate(doc.path, bad, "in front matter") }
        // A date given with the document (streaming) is checked the same way.
        if let given = doc.meta.date, Dates.looksLikeDate(given), Dates.iso(given) == nil {
            Self.warnDate(doc.path, given, "given with the document")
            doc.meta.date = nil
        }
        doc.meta.date = doc.meta.date ?? front.meta.date ?? Dates.fromText(scalars, from: bodyStart) ?? Dates.fromPath(doc.path)
        doc.meta.title = doc.meta.title ?? front.meta.title ?? Title.headline(scalars, from: bodyStart) ?? doc.id
        doc.meta.source = doc.meta.source ?? front.meta.source
        doc.resetText(from: bodyStart)
        if !doc.text.contains(where: { !$0.properties.isWhitespace }) { throw StageFailure("no text (only whitespace)") }
    }

    /// One line naming the file; the date is dropped, not passed on to every output.
    static func warnDate(_ path: String, _ value: String, _ place: String) {
        FileHandle.standardError.write(Data("zhitu: \(path): date \"\(value)\" \(place) is no calendar date; ignored\n".utf8))
    }
}
