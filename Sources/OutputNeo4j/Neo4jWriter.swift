// Neo4j: neo4j/nodes_<Type>.csv and neo4j/rels_<TYPE>.csv for `neo4j-admin database import`
// (and neo4j/run.csv, the run's provenance), and graph.cypher with MERGE statements for loading
// into a running database.
import Foundation
import ZhituCore

public struct Neo4jWriter: OutputWriter {
    public static let format = "neo4j"
    public static let summary = "neo4j/nodes_*.csv, neo4j/rels_*.csv (neo4j-admin database import) and graph.cypher (MERGE statements)."
    public init() {}
    public static let files = "neo4j/*.csv and graph.cypher"

    /// The ID space of every node, and the label every node carries besides its type.
    public static let idSpace = "Node"

    public func write(_ output: RunOutput, to directory: URL) throws {
        let g = try output.graphSource().withEdgeEnds()
        let dir = directory.appendingPathComponent("neo4j")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var files: [AtomicFile.Output] = []
        // graph.cypher is written in the CSV files' row pass, in the same graph order
        let cypher = try AtomicFile.Output(path: directory.appendingPathComponent("graph.cypher").path)
        try cypher.write(Self.cypherHeader(g, provenance: output.provenance))
        var line: [UInt8] = []
        try Self.csv(g, file: { name in
            let f = try AtomicFile.Output(path: dir.appendingPathComponent(name).path)
            files.append(f)
            return f.write(bytes:)
        }, node: {
            line.removeAll(keepingCapacity: true)
            Self.appendCypher($0, to: &line)
            try cypher.write(bytes: line)
        }, edge: {
            line.removeAll(keepingCapacity: true)
            Self.appendCypher($0, to: &line)
            try cypher.write(bytes: line)
        })
        if let p = output.provenance {
            let run = try AtomicFile.Output(path: dir.appendingPathComponent("run.csv").path)
            try run.write(Self.runCSV(p))
            files.append(run)
        }
        for f in files { try f.commit() }
        try cypher.commit()
    }
}
