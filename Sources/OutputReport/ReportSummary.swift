// The analyst's first screen of report.html: the most mentioned people, places, organisations
// and slogans as text, then organisations and places on the administrative tree as tables.
import ZhituCore

extension ReportWriter {
    /// Named entities gathered in one pass over the nodes and the few edges the tables need.
    struct Entities {
        /// The most mentioned nodes of each type shown (Person, Place, Organization, Slogan, Term).
        var top: [String: TopRows<GraphNode>] = [:]
        /// Place id → enclosing units by level (province, prefecture, county), from IN_DIVISION.
        var divisions: [String: [String: String]] = [:]
        /// Organisation id → the places it is located in (LOCATED_IN).
        var locatedIn: [String: [String]] = [:]
        /// Names of the places divisions and organisations point at.
        var names: [String: String] = [:]

        static let types = ["Person", "Place", "Organization", "Slogan", "Term"]

        mutating func add(_ n: GraphNode) {
            // Enclosing places the gazetteer added (no mention in the text) are not listed.
            guard Self.types.contains(n.type), n.count > 0 else { return }
            top[n.type, default: TopRows(limit: ReportWriter.tableLimit) { ($0.count, $1.id) > ($1.count, $0.id) }].add(n)
        }

        mutating func add(_ e: GraphEdge) {
            switch e.type {
            case "IN_DIVISION":
                if case .string(let level)? = e.properties["level"] { divisions[e.source, default: [:]][level] = e.target }
            case "LOCATED_IN":
                locatedIn[e.source, default: []].append(e.target)
            default: break
            }
        }

        /// The ids edges point at, whose names the tables show (filled in a later pass over the nodes).
        var wanted: Set<String> { Set(divisions.values.flatMap(\.values)).union(locatedIn.values.joined()) }

        func rows(_ type: String) -> [GraphNode] { top[type]?.rows ?? [] }
    }

    /// Up to ten names of each kind with their mentions: what the corpus is about, readable
    /// before anything is drawn.
    static func glance(_ e: Entities) -> String {
        var h = "<section id=\"glance\"><h2>At a glance</h2>\n<div class=\"glance\">\n"
        for (type, title) in [("Person", "Most mentioned people"), ("Place", "Most mentioned places"),
                              ("Organization", "Most mentioned organisations"), ("Slogan", "Most used slogans")] {
            let rows = e.rows(type).prefix(10)
            h += "<div class=\"glance-list\" id=\"glance-\(type.lowercased())\"><h3>\(title)</h3><ol>\n"
            for n in rows {
                h += "<li><a href=\"#network\" data-node=\"\(esc(n.id))\">\(esc(n.name))</a> <span class=\"doc\">\(n.count) mention\(n.count == 1 ? "" : "s"), \(n.docs.count) doc\(n.docs.count == 1 ? "" : "s")</span></li>\n"
            }
            if rows.isEmpty { h += "<li class=\"note\">None found.</li>\n" }
            h += "</ol></div>\n"
        }
        return h + "</div></section>\n"
    }

    static func organisationsTable(_ e: Entities) -> String {
        var h = "<section id=\"organisations\"><h2>Organisations</h2>\n"
        h += "<input type=\"search\" class=\"table-filter\" data-table=\"organisations-table\" placeholder=\"Filter…\">\n"
        h += "<table id=\"organisations-table\"><thead><tr><th>Organisation</th><th>Mentions</th><th>Documents</th><th>Located in</th><th>Also written</th></tr></thead><tbody>\n"
        let rows = e.rows("Organization")
        for n in rows {
            let places = (e.locatedIn[n.id] ?? []).map { "<a href=\"#network\" data-node=\"\(esc($0))\">\(esc(e.names[$0] ?? $0))</a>" }
            h += "<tr><td><a href=\"#network\" data-node=\"\(esc(n.id))\">\(esc(n.name))</a></td><td>\(n.count)</td><td>\(n.docs.count)</td>"
            h += "<td>\(places.joined(separator: ", "))</td><td>\(esc(str(n.properties["aliases"])))</td></tr>\n"
        }
        if rows.isEmpty { h += "<tr><td colspan=\"5\">No organisations.</td></tr>\n" }
        return h + "</tbody></table></section>\n"
    }

    /// Places with their province, prefecture and county from the gazetteer, so typing a
    /// province's name in the filter lists every place in it.
    static func placesTable(_ e: Entities) -> String {
        var h = "<section id=\"places\"><h2>Places on the administrative tree</h2>\n"
        h += "<p class=\"note\">Province, prefecture and county come from the gazetteer, not the text. Filter by a province's name to list its places.</p>\n"
        h += "<input type=\"search\" class=\"table-filter\" data-table=\"places-table\" placeholder=\"Filter…\">\n"
        h += "<table id=\"places-table\"><thead><tr><th>Place</th><th>Level</th><th>Code</th><th>Province</th><th>Prefecture</th><th>County</th><th>Mentions</th><th>Documents</th></tr></thead><tbody>\n"
        let rows = e.rows("Place")
        for n in rows {
            let up = e.divisions[n.id] ?? [:]
            func cell(_ level: String) -> String {
                guard let id = up[level] else { return "<td></td>" }
                return "<td><a href=\"#network\" data-node=\"\(esc(id))\">\(esc(e.names[id] ?? id))</a></td>"
            }
            h += "<tr><td><a href=\"#network\" data-node=\"\(esc(n.id))\">\(esc(n.name))</a></td><td>\(esc(str(n.properties["level"])))</td>"
            h += "<td>\(esc(str(n.properties["code"])))</td>" + cell("province") + cell("prefecture") + cell("county")
            h += "<td>\(n.count)</td><td>\(n.docs.count)</td></tr>\n"
        }
        if rows.isEmpty { h += "<tr><td colspan=\"8\">No places.</td></tr>\n" }
        return h + "</tbody></table></section>\n"
    }
}
