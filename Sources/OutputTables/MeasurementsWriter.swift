// measurements.csv: one row per number record, for analysts who work in a spreadsheet.
import Foundation
import ZhituCore

public struct MeasurementsWriter: OutputWriter {
    public static let format = "measurements"
    public static let summary = "measurements.csv: document, date, subject, value (a number), value_to, value_date, unit, qualifier, numtype, text, sentence — one row per number."
    public init() {}

    static let header = ["document", "date", "subject", "value", "value_to", "value_date", "unit", "qualifier", "numtype", "text", "sentence"]

    public func write(_ output: RunOutput, to directory: URL) throws {
        try AtomicFile.write(to: directory.appendingPathComponent("measurements.csv").path) { file in
            try file.write(contentsOf: Data(("\u{FEFF}" + CSV.row(Self.header)).utf8))   // BOM: spreadsheets then read UTF-8
            if output.documents.isEmpty {
                // exported from a graph file: the numbers are its Measurement nodes
                try file.write(contentsOf: Data(GraphRows.measurements(try output.graphSource()).map(CSV.row).joined().utf8))
                return
            }
            for d in output.documents {
                var rows = ""
                for a in d.records where a.kind == .number {
                    let v = MeasuredValue(a)
                    let sentence = a.sentence.flatMap { d.sentences[$0]?.text } ?? ""
                    rows += CSV.row([d.id, d.meta.date ?? "", a.subject ?? "", v.value.map(JSONWriter.number) ?? "", v.valueTo.map(JSONWriter.number) ?? "",
                                     v.date ?? "", a.unit ?? "", a.qualifier ?? "", a.numtype ?? "", a.text, sentence])
                }
                try file.write(contentsOf: Data(rows.utf8))
            }
        }
        try TableProvenance.write(output.provenance, beside: "measurements.csv", into: directory)
    }
}
