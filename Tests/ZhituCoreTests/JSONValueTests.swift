// The project's JSON reader on hostile text: it reads config files, graph.json, annotation
// files and external stages' answers, so it must fail with a message, never crash.
import Foundation
import Testing
import ZhituCore

@Suite struct JSONValueTests {
    func message(_ text: [UInt8]) -> String? {
        do { _ = try JSONValue.parse(text); return nil } catch { return "\(error)" }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let deep = Array(String(repeating: "[", count: 100_000).utf8) + Array(String(repeating: "]", count: 100_000).utf8)
        #expect(message(deep)?.contains("nested deeper than 512") == true)
        let objects = Array(String(repeating: "{\"a\":", count: 10_000).utf8)
        #expect(message(objects)?.contains("nested deeper than 512") == true)
        // the limit itself still parses
        let ok = Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8)
        #expect(message(ok) == nil)
    }

    @Test func invalidUTF8InAStringIsReported() throws {
        let bytes: [UInt8] = Array("{\"id\": \"a".utf8) + [0xFF, 0xFE] + Array("\"}".utf8)
        #expect(message(bytes)?.contains("invalid UTF-8") == true)
        #expect(try JSONValue.parse(Array("\"知图\"".utf8)) == .string("知图"))
    }

    @Test func numbersBeyondDoubleAreRejected() throws {
        #expect(message(Array("[1e999]".utf8))?.contains("number out of range '1e999'") == true)
        #expect(try JSONValue.parse(Array("1e308".utf8)) == .number(1e308, literal: "1e308"))
    }

    @Test func recordLinesWithHugeOffsetsAreRejectedNotTrapped() {
        let line = #"{"doc": "a", "kind": "entity", "type": "PER", "text": "王", "start": 1e300, "end": 2e300}"#
        #expect { try RecordCodec.read(Data(line.utf8), file: "x.jsonl") } throws: { "\($0)".contains("x.jsonl:1: not a record line") }
    }

    @Test func clampedConversionNeverTraps() {
        #expect(Int(clamping: 1e308) == Int.max)
        #expect(Int(clamping: -1e308) == Int.min)
        #expect(Int(clamping: Double.nan) == 0)
        #expect(Int(clamping: 42.9) == 42)
    }
}
