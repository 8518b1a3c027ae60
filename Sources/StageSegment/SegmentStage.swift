// The `segment` stage: ICU word break iterator, then a lexicon overlay that merges runs of ICU
// tokens into one token where they spell a lexicon entry (longest match), so that coinages
// and names ICU's dictionary splits (枫|桥|经验) stay whole.
import CICU
import Foundation
import ZhituCore

public struct SegmentStage: Stage {
    public static let descriptor = StageDescriptor(
        use: "segment", version: "1.0",
        summary: "ICU word segmentation with a lexicon overlay (longest match over ICU tokens).",
        requires: [.sentences], produces: [.tokens],
        options: [
            OptionSpec("builtin_lexicon", .bool, default: .bool(true), help: "Use the lexicon shipped with zhitu (policy vocabulary and formulations)."),
            OptionSpec("lexicons", .strings, default: .strings([]),
                       help: "User lexicon files (one word per line, optional <TAB>tag), relative to pipeline.json."),
        ])

    public let overlay: Trie

    public init(options: StageOptions, context: StageContext) throws {
        var words: [String] = []
        if options.bool("builtin_lexicon") {
            guard let url = Bundle.module.url(forResource: "words", withExtension: "txt", subdirectory: "Resources") else {
                throw LexiconError(file: "StageSegment/Resources/words.txt", line: nil, message: "missing from the build; reinstall zhitu")
            }
            words += try Lexicon(contentsOf: url).words
        }
        for path in options.strings("lexicons") {
            words += try Lexicon(contentsOf: context.resolve(path)).words
        }
        self.init(words: words)
    }

    public init(words: [String]) {
        overlay = Trie(words)
    }

    public func process(_ doc: inout Document) throws {
        doc.tokens = try tokenize(doc.text, sentences: doc.sentences)
    }

    /// Tokens of `text` within `sentences`, in order.
    public func tokenize(_ text: [Unicode.Scalar], sentences: [Sentence]) throws -> [Token] {
        var units: [UInt16] = []
        units.reserveCapacity(text.count + 16)
        var unitToScalar: [Int32] = []
        unitToScalar.reserveCapacity(text.count + 17)
        for (i, u) in text.enumerated() {
            let v = u.value
            if v < 0x10000 {
                units.append(UInt16(v))
                unitToScalar.append(Int32(i))
            } else {
                units.append(UInt16(0xD800 + ((v - 0x10000) >> 10)))
                units.append(UInt16(0xDC00 + ((v - 0x10000) & 0x3FF)))
                unitToScalar.append(Int32(i))
                unitToScalar.append(Int32(i))
            }
        }
        unitToScalar.append(Int32(text.count))
        let capacity = units.count + 1
        var bounds = [Int32](repeating: 0, count: capacity)
        var statuses = [Int32](repeating: 0, count: capacity)
        let n = units.withUnsafeBufferPointer { u in
            zt_word_breaks(u.baseAddress, Int32(u.count), &bounds, &statuses, Int32(capacity))
        }
        if n < 0 { throw StageFailure("ICU word break failed (error \(-n - 1))") }

        var tokens: [Token] = []
        tokens.reserveCapacity(Int(n))
        var s = 0
        for k in 1..<max(1, Int(n)) {
            var a = Int(unitToScalar[Int(bounds[k - 1])])
            let b = Int(unitToScalar[Int(bounds[k])])
            while a < b {
                // move to the sentence holding `a`; cut tokens at sentence ends
                while s < sentences.count, sentences[s].end <= a { s += 1 }
                guard s < sentences.count else { break }
                if sentences[s].start >= b { break }
                a = max(a, sentences[s].start)
                let end = min(b, sentences[s].end)
                let kind = SegmentStage.kind(statuses[k], text[a])
                if kind != .space { tokens.append(Token(start: a, end: end, sentence: s, kind: kind)) }
                a = end
            }
        }
        return overlay.count == 0 ? tokens : merge(tokens, text)
    }

    static func kind(_ status: Int32, _ first: Unicode.Scalar) -> Token.Kind {
        switch status {
        case 100..<200: return .number
        case 200..<300: return .letter
        case 300..<500: return .ideo
        default: return first.isWhiteSpace ? .space : (first.isIdeograph ? .ideo : .punct)
        }
    }

    /// Longest lexicon match over ICU tokens: a match must start and end on token boundaries
    /// within one sentence.
    func merge(_ tokens: [Token], _ text: [Unicode.Scalar]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        var ends: [Int] = []
        while i < tokens.count {
            let t = tokens[i]
            guard overlay.mayStart(with: text[Int(t.start)]) else {
                out.append(t)
                i += 1
                continue
            }
            ends.removeAll(keepingCapacity: true)
            var limit = Int(t.end)
            var j = i + 1
            while j < tokens.count, tokens[j].sentence == t.sentence, tokens[j].start == tokens[j - 1].end, limit - Int(t.start) < overlay.maxLength {
                limit = Int(tokens[j].end)
                j += 1
            }
            overlay.forEachMatch(in: text, from: Int(t.start), limit: limit) { end, _ in ends.append(end) }
            var best = i
            var k = i + 1
            for e in ends {
                while k < j, Int(tokens[k].end) < e { k += 1 }
                if k < j, Int(tokens[k].end) == e { best = k }
            }
            if best > i {
                out.append(Token(start: Int(t.start), end: Int(tokens[best].end), sentence: Int(t.sentence), kind: .lexicon))
                i = best + 1
            } else {
                out.append(t)
                i += 1
            }
        }
        return out
    }
}
