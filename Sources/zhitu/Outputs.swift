// Writes the outputs a config names into the output folder.
import Foundation
import ZhituCore
import ZhituStages

enum Outputs {
    static func write(_ docs: [DocumentResult], config: PipelineConfig, to dir: String) throws {
        let url = URL(fileURLWithPath: dir)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let output = RunOutput(name: config.name, documents: docs)
        for format in config.outputs {
            guard let writer = StageRegistry.builtIn.writer(named: format) else { continue }   // rejected by validation
            try writer.init().write(output, to: url)
        }
    }
}
