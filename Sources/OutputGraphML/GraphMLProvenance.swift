// The run's provenance in graph.graphml: graph-level <data> (networkx puts it in G.graph,
// Gephi and yEd show it with the graph's properties).
import ZhituCore

extension GraphMLWriter {
    /// The graph keys, by (id, attr.name): stages are JSON text, as lists are elsewhere in the file.
    static let provenanceFields = [("g_zhitu", "zhitu"), ("g_icu", "icu"), ("g_config_sha256", "config_sha256"),
                                   ("g_stages", "stages"), ("g_date", "date")]

    static var provenanceKeys: String {
        provenanceFields.map { "  <key id=\"\($0.0)\" for=\"graph\" attr.name=\"\($0.1)\" attr.type=\"string\"/>\n" }.joined()
    }

    static func provenanceData(_ p: Provenance) -> String {
        let values = ["zhitu": p.zhitu, "icu": p.icu, "config_sha256": p.configDigest, "stages": p.stagesJSON, "date": p.date]
        var out = ""
        for (id, name) in provenanceFields {
            guard let v = values[name] ?? nil else { continue }
            out += "    <data key=\"\(id)\">\(escape(v))</data>\n"
        }
        return out
    }
}
