// The `normalize` stage: repairs PDF line breaks, folds full-width letters and digits, removes
// spaces inside names and bylines, and marks headings, bylines and page furniture — keeping
// an offset map from every normalised scalar back to the original file.
import ZhituCore

public struct NormalizeStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "normalize", version: "1.0",
        summary: "Repair PDF line breaks, fold full-width ASCII, map traditional characters to simplified, join spaced names, mark headings/bylines/page furniture; keeps an offset map.",
        requires: [.text], produces: [.normalized],
        options: [
            OptionSpec("join_ratio", .double, default: .double(0.7),
                       help: "A line without clause punctuation joins the next only if it is at least this share of the document's median line length.",
                       range: 0...1),
            OptionSpec("traditional", .bool, default: .bool(true),
                       help: "Map traditional characters to simplified (ICU's Traditional-Simplified) in documents written in them, before segmentation; offsets still point into the original file."),
            OptionSpec("traditional_share", .double, default: .double(0.03),
                       help: "A document is written in traditional characters when at least this share of its ideographs are traditional only (not in GB 2312).",
                       range: 0...1),
            OptionSpec("furniture_prefixes", .strings, default: .strings(LineKinds.furniturePrefixes),
                       help: "Lines starting with one of these are page furniture: kept as their own block, never joined."),
        ])

    let joinRatio: Double
    let kinds: LineKinds
    let traditional: Bool
    let traditionalShare: Double

    public init(options: StageOptions, context: StageContext) throws {
        joinRatio = options.double("join_ratio")
        kinds = LineKinds(furniturePrefixes: options.strings("furniture_prefixes"))
        traditional = options.bool("traditional")
        // The GB 2312 set is cheap and decides most documents; the transform's table is built
        // by the first document that may be traditional (ICU's transform costs ~20 ms to run).
        if traditional { _ = TraditionalMap.inGB2312 }
        traditionalShare = options.double("traditional_share")
    }

    public func process(_ doc: inout Document) throws {
        // One look-up per character decides; a simplified document is never mapped.
        let map = traditional && TraditionalMap.isTraditional(doc.text[...], share: traditionalShare) ? TraditionalMap.table : nil
        var n = Normalizer(source: doc.text, sourceOffsets: doc.offsets, kinds: kinds, joinRatio: joinRatio, simplify: map)
        n.run()
        doc.text = n.text
        doc.offsets = n.offsets
        doc.blocks = n.blocks
    }
}
