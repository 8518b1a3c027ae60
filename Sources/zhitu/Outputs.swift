// Writes the named outputs into the output folder.
import Foundation
import ZhituCore
import ZhituStages

enum Outputs {
    static func write(_ docs: [DocumentResult], name: String, formats: [String], to dir: String) throws {
        let url = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let output = RunOutput(name: name, documents: docs)
        for format in formats {
            guard let writer = StageRegistry.builtIn.writer(named: format) else { continue }   // rejected by validation
            try writer.init().write(output, to: url)
        }
    }
}
