// Writes the outputs a config names into the output folder, each atomically.
import Foundation
import ZhituCore

enum OutputWriter {
    static func write(_ docs: [DocumentResult], config: PipelineConfig, to dir: String) throws {
        for format in config.outputs {
            switch format {
            case "annotations":
                try AtomicFile.write(AnnotationsWriter.render(docs), to: (dir as NSString).appendingPathComponent("annotations.jsonl"))
            case "graph":
                let g = GraphBuilder.build(docs, name: config.name)
                try AtomicFile.write(GraphJSONWriter.render(g), to: (dir as NSString).appendingPathComponent("graph.json"))
            default:
                continue   // rejected by config validation
            }
        }
    }
}
