// An example stage, registered exactly like the built-in ones (see README "Adding a stage"):
// it records each quoted span (“…”) of a sentence as a `quote` record, which the scorer
// ignores and analysts can filter on.
import ZhituCore

public struct QuoteCountStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "quotes", version: "1.0",
        summary: "Example stage: every “quoted” span up to max_length characters becomes a `quote` record.",
        requires: [.sentences], produces: ["quotes"],
        options: [OptionSpec("max_length", .int, default: .int(12), help: "Longest quoted span to record, in characters.", range: 1...200)],
        // a tutorial: it runs where a config names it, not in the default pipeline
        inDefaultPipeline: false)

    let maxLength: Int

    public init(options: StageOptions, context: StageContext) throws {
        maxLength = options.int("max_length")
    }

    public func process(_ doc: inout Document) throws {
        for sentence in doc.sentences {
            var open: Int?
            for i in sentence.start..<sentence.end {
                switch doc.text[i] {
                case "“": open = i
                case "”":
                    if let o = open, i - o - 1 >= 1, i - o - 1 <= maxLength { doc.annotate("quote", o..<(i + 1)) }
                    open = nil
                default: break
                }
            }
        }
    }
}
