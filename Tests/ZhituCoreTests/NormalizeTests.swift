// The normalize stage: line-break repair, name spaces, full-width folding, and the offset map.
import Foundation
import Testing
import ZhituCore

@Suite struct NormalizeTests {
    /// The original between the offsets of a normalised stretch, without whitespace and with
    /// full-width letters/digits folded, equals the normalised stretch without whitespace.
    func assertOffsetsFaithful(_ doc: Document, _ range: Range<Int>) {
        let o = doc.originalRange(range)
        var orig = String.UnicodeScalarView()
        for u in doc.original[o] where !u.properties.isWhitespace && u != "#" {
            let v = u.value
            let folded = (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF3A).contains(v) || (0xFF41...0xFF5A).contains(v) ? Unicode.Scalar(v - 0xFEE0)! : u
            orig.append(folded)
        }
        var norm = String.UnicodeScalarView()
        for u in doc.text[range] where !u.properties.isWhitespace { norm.append(u) }
        #expect(String(orig) == String(norm), "offsets of \(String(norm)) point at \(String(orig))")
    }

    @Test func repairsMidWordLineBreak() throws {
        let line = String(repeating: "确保国家安全和社会稳定，", count: 4)
        let doc = try process(line + "确保国家安全和社\n\n会稳定。\n\n" + line + "完。\n")
        let text = doc.string(0..<doc.text.count)
        #expect(text.contains("确保国家安全和社会稳定。"))
        #expect(!text.contains("社\n"))
        for s in doc.sentences { assertOffsetsFaithful(doc, s.start..<s.end) }
    }

    @Test func headingsAndShortLinesAreNotJoined() throws {
        let body = String(repeating: "坚持底线思维，全面落实总体国家安全观，", count: 3)
        let doc = try process("# 一域稳则全局安\n\n本报记者 罗 璐\n\n\(body)持续\n\n加快建设。\n\n打造治理样板\n\n\(body)完。")
        let kinds = doc.sentences.map(\.kind)
        #expect(kinds.first == .heading)
        #expect(doc.sentences.contains { $0.kind == .byline && doc.string($0.start..<$0.end) == "本报记者 罗璐" })
        #expect(doc.sentences.contains { doc.string($0.start..<$0.end) == "打造治理样板" })
        #expect(doc.sentences.contains { doc.string($0.start..<$0.end).hasSuffix("持续加快建设。") })
    }

    @Test func foldsFullWidthAndJoinsSpacedNames() throws {
        let doc = try process("本报记者 王 晶\n２０２４年ＰＭ２．５下降。")
        let text = doc.string(0..<doc.text.count)
        #expect(text.contains("王晶"))
        #expect(text.contains("2024年PM2．5"))
        assertOffsetsFaithful(doc, 0..<doc.text.count)
    }

    @Test func pageFurnitureIsItsOwnBlock() throws {
        let body = String(repeating: "全面落实总体国家安全观，", count: 5)
        let doc = try process("\(body)\n组版编辑 吴雅洁 美术编辑 李玉成\n\(body)完。")
        #expect(doc.sentences.contains { $0.kind == .furniture && doc.string($0.start..<$0.end).hasPrefix("组版编辑") })
    }

    @Test func seedsKeepFaithfulOffsets() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Repo.corpus.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count == 5)
        for f in files {
            let data = try Data(contentsOf: Repo.corpus.appendingPathComponent(f))
            let doc = try process(String(decoding: data, as: UTF8.self))
            #expect(!doc.sentences.isEmpty)
            for s in doc.sentences { assertOffsetsFaithful(doc, s.start..<s.end) }
        }
    }

    @Test func metadataFromFrontMatterAndText() throws {
        let doc = try process("---\ndate: 2025-01-12\ntitle: 标题\nsource: 青海日报\n---\n正文。")
        #expect(doc.meta == DocumentMeta(date: "2025-01-12", title: "标题", source: "青海日报"))
        #expect(doc.string(0..<doc.text.count) == "正文。")
        #expect(doc.originalRange(0..<1).lowerBound == 48)   // first scalar after the closing ---
        let dated = try process("## 会议召开\n\n发布时间:2025-01-12 10:00\n\n去年1月29日开会。")
        #expect(dated.meta.date == "2025-01-12")
        #expect(dated.meta.title == "会议召开")
        #expect(try process("2024年1月29日 星期一\n内容。").meta.date == "2024-01-29")
    }
}

@Suite struct ReadTests {
    @Test func decodesEveryUTF8LengthAndRejectsBadSequences() throws {
        let text = "a é 中 😀 ｚ"
        #expect(try process(text, ["read"]).original == Array(text.unicodeScalars))
        for bad: [UInt8] in [[0x61, 0xC3], [0xE4, 0xB8, 0x41], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x0A, 0xFF]] {
            var doc = Document(id: "b", path: "b.txt", bytes: bad)
            #expect(throws: DocumentFailure.self) { try pipeline(["read"]).process(&doc) }
        }
        var doc = Document(id: "b", path: "b.txt", bytes: Array("第一行\n第二行".utf8) + [0xFF])
        do { try pipeline(["read"]).process(&doc) } catch {
            #expect("\(error)".contains("line 2"))
        }
    }
}

@Suite struct TextNormalTests {
    @Test func whiteSpaceIsUnicodeWhiteSpace() {
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            if u.isWhiteSpace != u.properties.isWhitespace { Issue.record("U+\(String(v, radix: 16)): \(u.isWhiteSpace)"); return }
        }
    }

    @Test func stringFromScalarsEncodesEveryPlane() {
        let text = "a 知图\u{3000}𠀋é\u{0}" + String(repeating: "长", count: 40)
        let scalars = Array(text.unicodeScalars)
        #expect(String(scalars: scalars) == text)
        #expect(String(scalars: scalars[2..<5]) == "知图\u{3000}")
        #expect(String(scalars: [Unicode.Scalar]()) == "")
    }

    @Test func recordTextDropsSpacesAndOuterQuotes() {
        #expect(TextNormal.recordText(" “五治 融合” ") == "五治融合")
        #expect(TextNormal.recordText("枫桥经验") == "枫桥经验")
    }
}
