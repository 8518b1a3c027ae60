// The run's provenance for Neo4j: neo4j/run.csv, one (:Run) node in its own ID space (the
// nodes_*.csv and rels_*.csv globs of the import commands do not pick it up, so graphs and
// queries over (:Node) are unchanged), and the same node as a MERGE in graph.cypher.
import ZhituCore

extension Neo4jWriter {
    /// The run node's id: the run date and the config (runs of two configs at one date, as
    /// under SOURCE_DATE_EPOCH, are two nodes).
    static func runID(_ p: Provenance) -> String { "run:" + p.date + ":" + p.configDigest.prefix(12) }

    /// The run's properties in column order; stages are JSON text ({name, use, version}
    /// objects, as in graph.sqlite's `run.stages`).
    static func runProperties(_ p: Provenance) -> [(String, String?)] {
        [("zhitu", p.zhitu), ("name", p.name), ("icu", p.icu), ("config_sha256", p.configDigest), ("stages", p.stagesJSON), ("date", p.date)]
    }

    /// neo4j/run.csv: `--nodes=out/neo4j/run.csv` for neo4j-admin.
    static func runCSV(_ p: Provenance) -> String {
        let props = runProperties(p)
        return csvLine(["id:ID(Run)", ":LABEL"] + props.map(\.0)) + csvLine([runID(p), "Run"] + props.map { $0.1 ?? "" })
    }

    /// One MERGE line creating the (:Run) node, so that rerunning the file keeps one.
    static func runCypher(_ p: Provenance) -> String {
        let sets = runProperties(p).compactMap { k, v in v.map { "r.\(k) = \(literal(.string($0)))" } }
        return "MERGE (r:Run {id: \(literal(.string(runID(p))))}) SET \(sets.joined(separator: ", "));\n"
    }
}
