// Articles in traditional characters: normalize maps them to simplified through ICU's
// Traditional-Simplified table, keeps offsets to the original, and leaves simplified text alone.
import CICU
import Foundation
import Testing
import StageNormalize
import ZhituCore
import ZhituStages

/// `s` through an ICU transform (Simplified-Traditional makes the traditional test copies).
func transliterate(_ s: String, _ id: String) -> String {
    var units = Array(s.utf16)
    let length = Int32(units.count)
    units += [UInt16](repeating: 0, count: units.count + 16)
    let n = units.withUnsafeMutableBufferPointer { zt_transliterate(id, $0.baseAddress, length, Int32($0.count)) }
    precondition(n >= 0, "ICU transform \(id) failed: \(n)")
    return String(decoding: units[0..<Int(n)], as: UTF16.self)
}

@Suite struct TraditionalTests {
    @Test func mapsTraditionalKeepingOffsets() throws {
        let original = "本報記者報道：習近平總書記強調，堅持發展「楓橋經驗」，實現矛盾不上交。\n"
        let doc = try process(original)
        let text = doc.string(0..<doc.text.count)
        #expect(text.contains("习近平总书记强调"), "\(text)")
        #expect(text.contains("枫桥经验"))
        // every normalised character points at the character it came from
        for (i, u) in doc.text.enumerated() where u != "\n" {
            let o = doc.original[Int(doc.offsets[i])]
            #expect(o == u || transliterate(String(o), "Traditional-Simplified") == String(u), "\(u) ← \(o)")
        }
    }

    /// The cheap first test of a document (ideographs outside GB 2312) never rejects one the
    /// exact test (traditional-only ideographs) would take: every traditional-only ideograph is
    /// outside GB 2312, and GB 2312's 6,763 hanzi are inside.
    @Test func traditionalOnlyIdeographsAreOutsideGB2312() {
        let only = TraditionalMap.traditionalOnly, gb = TraditionalMap.inGB2312
        #expect(only.indices.allSatisfy { !only[$0] || !gb[$0] })
        #expect(gb.filter { $0 }.count == 6763)
    }

    @Test func simplifiedTextIsLeftAlone() throws {
        // 著 and 乾 are also simplified characters; a stray one does not make a document traditional.
        let original = "显著成效来自乾坤湾景区的建设，全年接待游客十万人次，经验值得推广。\n"
        let doc = try process(original)
        #expect(doc.string(0..<doc.text.count) == original.trimmingCharacters(in: .newlines))
    }

    @Test func optionOffKeepsTraditional() throws {
        let json = #"{"stages": [{"use": "read"}, {"use": "normalize", "options": {"traditional": false}}]}"#
        let cfg = try PipelineConfig.parse(Array(json.utf8), file: "t.json", baseDirectory: Repo.root, registry: .builtIn)
        var doc = Document(id: "t", path: "t.txt", bytes: Array("習近平總書記強調。\n".utf8))
        try Pipeline(config: cfg, registry: .builtIn).process(&doc)
        #expect(doc.string(0..<doc.text.count) == "習近平總書記強調。")
    }

    /// Each seed article copied into traditional characters (ICU Simplified-Traditional) gives at
    /// least 90 % of the records of the original (compared as normalised text).
    @Test func traditionalSeedsGiveTheSameRecords() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let seeds = InputFiles.collect([Repo.corpus.path]).files
        for f in seeds {
            let s = try String(contentsOfFile: f.path, encoding: .utf8)
            try transliterate(s, "Simplified-Traditional").write(to: dir.appendingPathComponent(f.id + ".txt"), atomically: true, encoding: .utf8)
        }
        let cfg = try PipelineConfig.load(path: Repo.root.appendingPathComponent("pipeline.json").path, registry: .builtIn)
        let p = try Pipeline(config: cfg, registry: .builtIn)
        func keys(_ r: RunResult) -> [String: Set<String>] {
            var out: [String: Set<String>] = [:]
            for d in r.documents {
                out[d.id] = Set(d.records.map { "\($0.kind.rawValue)|\($0.type ?? "")|\($0.text)|\($0.head ?? "")|\($0.tail ?? "")" })
            }
            return out
        }
        let simplified = keys(try p.run(seeds)), traditional = keys(try p.run(InputFiles.collect([dir.path]).files))
        #expect(simplified.count == seeds.count)
        for (id, records) in simplified {
            let kept = records.intersection(traditional[id] ?? []).count
            #expect(Double(kept) >= 0.9 * Double(records.count), "\(id): \(kept) of \(records.count) records")
        }
    }
}
