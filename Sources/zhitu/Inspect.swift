// `zhitu inspect`: shows what the pipeline's text stages make of one article — for checking
// line-break repair, sentence splitting and the lexicon overlay.
import ArgumentParser
import Foundation
import ZhituCore

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one article's metadata, sentences and tokens as the pipeline sees them.",
        discussion: """
        Runs the config's stages on one file and prints each sentence (with its block kind) and, \
        with --tokens, its tokens separated by |, and with --records, the records found.

        Example:
          zhitu inspect corpus/000_cdaab708ada4a398.txt --tokens
        """)

    @Argument(help: "The article.") var file: String
    @Option(name: .long, help: "The pipeline config (default: ./pipeline.json, else the built-in defaults).") var config: String?
    @Flag(name: .long, help: "Show tokens.") var tokens = false
    @Flag(name: .long, help: "Show records.") var records = false

    func run() throws {
        // the article first: a missing article is the problem to report, whatever the config
        let data: [UInt8]
        do { data = try ReadableFile.bytes(file) } catch { fail("\(error)", code: 1) }
        let pipeline = makePipeline(loadConfig(config))
        var doc = Document(id: ((file as NSString).lastPathComponent as NSString).deletingPathExtension, path: file, bytes: data)
        do { try pipeline.process(&doc) } catch { fail("\(error)", code: 1) }
        print("id: \(doc.id)  date: \(doc.meta.date ?? "-")  title: \(doc.meta.title ?? "-")  source: \(doc.meta.source ?? "-")")
        for (i, s) in doc.sentences.enumerated() {
            print("[\(i)] \(s.kind.rawValue): \(doc.string(s.start..<s.end))")
            if tokens {
                print("    " + doc.tokens(inSentence: i).map { doc.string($0.range) }.joined(separator: "|"))
            }
        }
        if records {
            for a in doc.annotations {
                print("\(a.kind.rawValue)\t\(a.type ?? "")\t\(a.text)\t\(a.head ?? "")\t\(a.tail ?? "")")
            }
        }
    }
}
