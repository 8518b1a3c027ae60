// The `sentences` stage: splits the normalised text into sentences at end marks (with the
// closing quotes that follow them) and at block breaks.
import ZhituCore

public struct SentencesStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "sentences", version: "1.0",
        summary: "Split sentences at 。！？；… (with trailing closing quotes) and at line breaks; each sentence keeps its block kind.",
        requires: [.normalized], produces: [.sentences],
        options: [
            OptionSpec("split_on_semicolon", .bool, default: .bool(true), help: "Treat ； as a sentence end."),
            OptionSpec("max_length", .int, default: .int(400), help: "Split longer sentences at the next comma after this many characters.", range: 20...100_000),
        ])

    @inline(__always) static func isEnd(_ u: Unicode.Scalar) -> Bool {
        switch u.value { case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0x2026: return true; default: return false }   // 。！？!?…
    }
    @inline(__always) static func isCloser(_ u: Unicode.Scalar) -> Bool {
        switch u.value { case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x300B, 0x3011, 0x22: return true; default: return false }   // ”’」』）)》】"
    }
    let semicolon: Bool
    let maxLength: Int

    public init(options: StageOptions, context: StageContext) throws {
        semicolon = options.bool("split_on_semicolon")
        maxLength = options.int("max_length")
    }

    public func process(_ doc: inout Document) throws {
        let text = doc.text
        var out: [Sentence] = []
        let blocks = doc.blocks.isEmpty ? [Block(start: 0, end: text.count, kind: .body)] : doc.blocks
        for block in blocks {
            var s = block.start
            var i = block.start
            func close(_ end: Int) {
                var a = s, b = end
                while a < b, text[a] == " " || text[a] == "\n" { a += 1 }
                while b > a, text[b - 1] == " " || text[b - 1] == "\n" { b -= 1 }
                if a < b { out.append(Sentence(start: a, end: b, kind: block.kind)) }
                s = end
            }
            while i < block.end {
                let u = text[i]
                if u == "\n" { close(i); i += 1; s = i; continue }
                if SentencesStage.isEnd(u) || (semicolon && (u == "；" || u == ";")) {
                    var j = i + 1
                    while j < block.end, SentencesStage.isEnd(text[j]) || SentencesStage.isCloser(text[j]) { j += 1 }
                    close(j)
                    i = j
                    continue
                }
                if i - s >= maxLength, u == "，" || u == "," { close(i + 1) }
                i += 1
            }
            close(block.end)
        }
        doc.sentences = out
    }
}
