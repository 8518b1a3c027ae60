// The run's provenance beside each CSV table (measurements.provenance.json beside
// measurements.csv): a CSV has no place for metadata that every reader skips (a comment line
// breaks pandas.read_csv and spreadsheets), so the provenance is one JSON object in a file of
// its own, the same as graph.json's "provenance". One file per table: a table kept from an
// earlier run (not asked for this time) keeps its own.
import Foundation
import ZhituCore

enum TableProvenance {
    /// The provenance file of `table` (a file name ending in .csv).
    static func file(for table: String) -> String {
        (table.hasSuffix(".csv") ? String(table.dropLast(4)) : table) + ".provenance.json"
    }

    /// Writes the provenance file of `table` into `directory`: the run's provenance, or `null`
    /// when it is unknown (records or a graph from before zhitu 0.19), so that an older file
    /// never stands beside a new table.
    static func write(_ p: Provenance?, beside table: String, into directory: URL) throws {
        try AtomicFile.write((p?.json() ?? "null") + "\n", to: directory.appendingPathComponent(file(for: table)).path)
    }
}
