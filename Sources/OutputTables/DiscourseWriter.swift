// discourse.csv: one row per slogan or term per document, with the document's date and the
// count, so an analyst can plot a formulation's rise over time.
import Foundation
import ZhituCore

public struct DiscourseWriter: OutputWriter {
    public static let format = "discourse"
    public static let summary = "discourse.csv: kind, text, document, date, count — one row per slogan/term per document."
    public init() {}

    public func write(_ output: RunOutput, to directory: URL) throws {
        try AtomicFile.write(to: directory.appendingPathComponent("discourse.csv").path) { file in
            try file.write(contentsOf: Data(("\u{FEFF}" + CSV.row(["kind", "text", "document", "date", "count"])).utf8))
            if output.documents.isEmpty {
                // exported from a graph file: each document's MENTIONS edges carry its counts
                try file.write(contentsOf: Data(GraphRows.discourse(try output.graphSource()).map(CSV.row).joined().utf8))
                return
            }
            // A long document comes in parts (`continued`): its counts add up over them.
            var doc: DocumentResult?
            var counts: [String: (kind: String, text: String, n: Int)] = [:]
            func flush() throws {
                guard let d = doc else { return }
                let rows = counts.keys.sorted().map { k in
                    let c = counts[k]!
                    return CSV.row([c.kind, c.text, d.id, d.meta.date ?? "", String(c.n)])
                }.joined()
                try file.write(contentsOf: Data(rows.utf8))
            }
            for d in output.documents {
                if !d.continued || d.id != doc?.id {
                    try flush()
                    counts = [:]
                    doc = d
                    doc!.records = []
                }
                for a in d.records where a.kind == .slogan || a.kind == .term {
                    let key = a.kind.rawValue + "\u{1}" + a.text
                    counts[key, default: (a.kind.rawValue, a.text, 0)].n += 1
                }
            }
            try flush()
        }
        try TableProvenance.write(output.provenance, beside: "discourse.csv", into: directory)
    }
}
