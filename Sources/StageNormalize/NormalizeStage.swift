// The `normalize` stage: repairs PDF line breaks, folds full-width letters and digits, removes
// spaces inside names and bylines, and marks headings, bylines and page furniture — keeping
// an offset map from every normalised scalar back to the original file.
import ZhituCore

public struct NormalizeStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "normalize", version: "1.0",
        summary: "Repair PDF line breaks, fold full-width ASCII, join spaced names, mark headings/bylines/page furniture; keeps an offset map.",
        requires: [.text], produces: [.normalized],
        options: [
            OptionSpec("join_ratio", .double, default: .double(0.7),
                       help: "A line without clause punctuation joins the next only if it is at least this share of the document's median line length.",
                       range: 0...1),
            OptionSpec("furniture_prefixes", .strings, default: .strings(LineKinds.furniturePrefixes),
                       help: "Lines starting with one of these are page furniture: kept as their own block, never joined."),
        ])

    let joinRatio: Double
    let kinds: LineKinds

    public init(options: StageOptions, context: StageContext) throws {
        joinRatio = options.double("join_ratio")
        kinds = LineKinds(furniturePrefixes: options.strings("furniture_prefixes"))
    }

    public func process(_ doc: inout Document) throws {
        var n = Normalizer(source: doc.text, sourceOffsets: doc.offsets, kinds: kinds, joinRatio: joinRatio)
        n.run()
        doc.text = n.text
        doc.offsets = n.offsets
        doc.blocks = n.blocks
    }
}
