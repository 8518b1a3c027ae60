// Document details: front matter in LF, CRLF and CR files, dates checked against the calendar,
// dates from the text or the path, headlines rather than page furniture, and which files of a
// folder are articles.
import Foundation
import Testing
import ZhituCore
import ZhituStages

/// A document read from `text` as if it were the file at `path`.
func read(_ text: String, path: String = "t.txt") throws -> Document {
    let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    var doc = Document(id: id, path: path, bytes: Array(text.utf8))
    try pipeline(["read", "normalize", "sentences"]).process(&doc)
    return doc
}

@Suite struct ReadMetadataTests {
    @Test func frontMatterInEveryLineEnding() throws {
        for nl in ["\n", "\r\n", "\r"] {
            let doc = try read(["---", "date: 2024-01-29", "title: 标题", "source: 某报", "---", "第一段。", "第二段。", ""].joined(separator: nl))
            #expect(doc.meta == DocumentMeta(date: "2024-01-29", title: "标题", source: "某报"), "\(nl.debugDescription)")
            #expect(doc.string(0..<doc.text.count) == "第一段。\n第二段。", "\(nl.debugDescription)")
            #expect(doc.sentences.count == 2)
        }
    }

    @Test func quotesOfATitle() throws {
        #expect(try read("---\ntitle: 他说\"好\"\n---\n正文。").meta.title == "他说\"好\"")
        #expect(try read("---\ntitle: \"引号里的标题\"\n---\n正文。").meta.title == "引号里的标题")
    }

    @Test func impossibleDateIsDropped() throws {
        #expect(try read("---\ndate: 2024-13-45\n---\n正文。").meta.date == nil)
        #expect(try read("---\ndate: 2023-02-29\n---\n正文。").meta.date == nil)
        #expect(try read("---\ndate: 2024-02-29\n---\n正文。").meta.date == "2024-02-29")
        #expect(try read("---\ndate: 2024-13-45\n---\n2021年3月5日，会议召开。").meta.date == "2021-03-05")
    }

    @Test func impossibleDateGivenWithTheDocumentIsDropped() throws {
        var doc = Document(id: "s", path: "stdin:1", bytes: Array("某县召开会议。".utf8))
        doc.meta.date = "2024-02-30"
        try pipeline(["read"]).process(&doc)
        #expect(doc.meta.date == nil)
    }

    /// The run warns once, naming the file, and the date is in no output.
    @Test func impossibleDateIsWarnedByName() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "---\ndate: 2024-13-45\n---\n某县召开会议。\n".write(to: dir.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try zhitu(["run", "--input", dir.appendingPathComponent("bad.txt").path, "--output", out.path, "--format", "annotations", "--quiet"])
        let lines = r.stderr.split(separator: "\n").filter { $0.contains("2024-13-45") }
        #expect(lines.count == 1 && lines[0].contains("bad.txt"), "\(r.stderr)")
        let annotations = try String(contentsOf: out.appendingPathComponent("annotations.jsonl"), encoding: .utf8)
        #expect(!annotations.contains("2024-13-45"))
    }

    @Test func dateFromTheText() throws {
        let filler = String(repeating: "这是正文的一段话，没有日期。\n", count: 20)
        #expect(try read("新闻标题\n" + filler + "发布时间：2023-05-06 10:00\n").meta.date == "2023-05-06")
        #expect(try read("新闻标题\n新华社北京电\n" + filler).meta.date == nil)
        #expect(try read("新闻标题\n本报记者 某某\n2022/7/8 09:30\n" + filler).meta.date == "2022-07-08")
    }

    @Test func dateFromThePath() throws {
        let body = "某县召开会议，部署工作。\n"
        #expect(try read(body, path: "news/2024/01/29/article.txt").meta.date == "2024-01-29")
        #expect(try read(body, path: "news/report-20230105.txt").meta.date == "2023-01-05")
        #expect(try read(body, path: "reports/annual-report-2015.txt").meta.date == "2015")
        #expect(try read(body, path: "news/2024-01/a.txt").meta.date == "2024-01")
        #expect(try read(body, path: "news/item-20231345.txt").meta.date == nil)
    }

    @Test func headlineNotFurniture() throws {
        let body = "今年以来，某县持续推进基层治理，取得明显成效，群众满意度不断提升。\n"
        #expect(try read("# 周末特刊·城乡新貌\n\n## 小村庄的大变化\n\n本报记者 某某\n\n" + body).meta.title == "小村庄的大变化")
        #expect(try read("首页 > 新闻 > 正文\n2023-05-06 10:00 来源：某网\n小村庄的大变化\n" + body).meta.title == "小村庄的大变化")
        #expect(try read("各位代表：\n\n" + body + "\n一、过去一年的工作\n\n" + body, path: "x/speech-2019.txt").meta.title == "speech-2019")
        #expect(try read("工作报告\n\n——2019年3月5日在某次会议上\n\n" + body).meta.title == "工作报告——2019年3月5日在某次会议上")
        #expect(try read("工作报告\n\n——2019年3月5日在某次会议上\n\n" + body).meta.date == "2019-03-05")
    }

    @Test func projectFilesOfAFolderAreNotArticles() throws {
        let dir = Repo.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["a.txt", "README.md", "readme-cn.txt", "LICENSE.txt", "b.md"] {
            try "某县召开会议。\n".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(InputFiles.collect([dir.path]).files.map(\.id) == ["a", "b"])
        #expect(InputFiles.collect([dir.appendingPathComponent("README.md").path]).files.map(\.id) == ["README"])
    }
}
