// provenance.json beside the CSV tables: a CSV has no place for metadata that every reader
// skips (a comment line breaks pandas.read_csv and spreadsheets), so the run's provenance is
// one JSON object in its own file, the same as graph.json's "provenance".
import Foundation
import ZhituCore

enum TableProvenance {
    static let file = "provenance.json"

    /// Writes provenance.json into `directory` when the run's provenance is known. Each table
    /// writer calls this and writes the same bytes; `writer` names its temporary file, so two
    /// writers running at once each rename a whole file into place.
    static func write(_ p: Provenance?, into directory: URL, writer: String) throws {
        guard let p else { return }
        let path = directory.appendingPathComponent(file).path
        let tmp = directory.appendingPathComponent(".\(file).tmp-\(getpid())-\(writer)").path
        guard FileManager.default.createFile(atPath: tmp, contents: Data((p.json() + "\n").utf8)) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: tmp])
        }
        if rename(tmp, path) != 0 {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: message])
        }
    }
}
