// report.html: one self-contained file (no network) that opens on the most mentioned people,
// places and organisations, with filterable tables (people and posts, organisations, places on
// the administrative tree, slogans and terms over time, measurements) and a network view.
import Foundation
import ZhituCore

public struct ReportWriter: OutputWriter {
    public static let format = "report"
    public static let summary = "report.html: a self-contained, offline report with an interactive network view and tables."
    public init() {}

    /// Rows kept per table.
    public static let tableLimit = 200

    /// Nodes kept in the network view: beyond this, the most mentioned ones and the edges
    /// between them (a browser cannot lay out more anyway).
    public static let networkLimit = 20_000

    public func write(_ output: RunOutput, to directory: URL) throws {
        let g = try output.graphSource()
        let file = try AtomicFile.Output(path: directory.appendingPathComponent("report.html").path)
        try Self.render(g, provenance: output.provenance, file.write)
        try file.commit()
    }

    public static func render<G: GraphSource>(_ g: G, provenance: Provenance? = nil) -> String {
        var html = ""
        try! render(g, provenance: provenance) { html += $0 }
        return html
    }

    /// A slogan or term row, without the node's document list.
    struct DiscourseRow {
        var id: String, name: String, type: String, count: Int, documents: Int, first: String, last: String
        var perYear: [String: Int] = [:]
    }

    /// Renders in pieces over a few passes of the graph, holding only table rows and the
    /// network view's node index. `provenance`, when given, is in the <head> and the footer.
    public static func render<G: GraphSource>(_ g: G, provenance: Provenance? = nil, _ emit: (String) throws -> Void) throws {
        // Pass 1 over the nodes: counts by type, document dates, table candidates, and the
        // nodes of the network view.
        var types: [String: Int] = [:]
        var dates: [String: String] = [:]
        var discourse: [DiscourseRow] = []
        var measurements = TopRows<GraphNode>(limit: tableLimit) { (str($0.properties["date"]), $0.id) < (str($1.properties["date"]), $1.id) }
        var entities = Entities()
        var network = TopRows<(id: String, count: Int)>(limit: networkLimit) { ($0.count, $1.id) > ($1.count, $0.id) }
        for n in g.nodeStream() {
            types[n.type, default: 0] += 1
            if n.type == "Document", case .string(let d)? = n.properties["date"], let doc = n.docs.first { dates[doc] = d }
            if n.type == "Slogan" || n.type == "Term" {
                discourse.append(DiscourseRow(id: n.id, name: n.name, type: n.type, count: n.count, documents: n.docs.count,
                                              first: str(n.properties["first_date"]), last: str(n.properties["last_date"])))
            }
            if n.type == "Measurement" { measurements.add(n) }
            entities.add(n)
            if g.nodeCount > networkLimit { network.add((n.id, n.count)) }
        }
        discourse.sort { ($0.count, $1.name, $1.id) > ($1.count, $0.name, $0.id) }
        // The edges of the people table, and the names of their ends.
        var holds: [GraphEdge] = []
        for e in g.edgeStream() {
            if e.type == "HOLDS" { holds.append(e) } else { entities.add(e) }
        }
        let wanted = entities.wanted
        var names: [String: String] = [:]
        for e in holds { names[e.source] = e.source; names[e.target] = e.target }
        // Pass 2 over the nodes: per-year document counts of the shown rows, HOLDS end names,
        // and the network view's node index.
        let shown = Dictionary(uniqueKeysWithValues: discourse.prefix(tableLimit).enumerated().map { ($1.id, $0) })
        var years: Set<String> = []
        let capped = g.nodeCount > networkLimit
        let selected = capped ? Set(network.rows.map(\.id)) : []
        var index: [String: Int] = [:]
        for n in g.nodeStream() {
            if n.type == "Slogan" || n.type == "Term" {
                let row = shown[n.id]
                for d in n.docs {
                    guard let y = dates[d]?.prefix(4) else { continue }
                    years.insert(String(y))
                    if let row { discourse[row].perYear[String(y), default: 0] += 1 }
                }
            }
            if names[n.id] != nil { names[n.id] = n.name }
            if wanted.contains(n.id) { entities.names[n.id] = n.name }
            if !capped || selected.contains(n.id) { index[n.id] = index.count }
        }

        var html = "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<link rel=\"icon\" href=\"data:,\">\n"
        if let provenance { html += provenanceMeta(provenance) }
        html += "<title>\(esc(g.name)) — 知图 report</title>\n<style>\n\(ReportAssets.css)</style>\n</head>\n<body>\n"
        html += "<header><h1>\(esc(g.name)) <small>知图 Zhitu report</small></h1>\n"
        html += "<p class=\"counts\">\(g.nodeCount) nodes, \(g.edgeCount) edges: "
        html += types.keys.sorted().map { "\(types[$0]!) \(esc($0))" }.joined(separator: ", ") + "</p>\n"
        html += "<nav><a href=\"#glance\">At a glance</a> <a href=\"#people\">People and posts</a> <a href=\"#organisations\">Organisations</a> "
        html += "<a href=\"#places\">Places</a> <a href=\"#slogans\">Slogans and terms</a> <a href=\"#measurements\">Measurements</a> <a href=\"#network\">Network</a></nav></header>\n"
        html += glance(entities)
        html += ReportAssets.networkSection
        if capped {
            html += "<p class=\"note\">The network shows the \(networkLimit) most mentioned of \(g.nodeCount) nodes and the edges between them.</p>\n"
        }
        html += peopleTable(holds, names: names)
        html += organisationsTable(entities)
        html += placesTable(entities)
        html += slogansTable(discourse, years: years.sorted())
        html += measurementsTable(measurements.rows, total: measurements.seen)
        if let provenance { html += provenanceFooter(provenance) }
        html += "<script type=\"application/json\" id=\"graph-data\">"
        try emit(html)
        try ReportData.write(g, index: index, capped: capped) { try emit(String(decoding: $0, as: UTF8.self)) }
        try emit("</script>\n<script>\n\(ReportAssets.script)</script>\n</body>\n</html>\n")
    }

    /// The `limit` first rows by `less` of those added, and how many were added.
    struct TopRows<T> {
        let limit: Int
        let less: (T, T) -> Bool
        private(set) var seen = 0
        private var buffer: [T] = []

        init(limit: Int, by less: @escaping (T, T) -> Bool) { self.limit = limit; self.less = less }

        mutating func add(_ row: T) {
            seen += 1
            buffer.append(row)
            if buffer.count >= 2 * limit + 64 { buffer.sort(by: less); buffer.removeLast(buffer.count - limit) }
        }

        var rows: [T] { Array(buffer.sorted(by: less).prefix(limit)) }
    }

    // MARK: Data for the network view

    // MARK: Tables

    static func slogansTable(_ rows: [DiscourseRow], years: [String]) -> String {
        var h = "<section id=\"slogans\"><h2>Slogans and terms over time</h2>\n"
        h += "<p class=\"note\">Mentions over the corpus and, per year, the number of documents that use each (top \(tableLimit)).</p>\n"
        h += "<input type=\"search\" class=\"table-filter\" data-table=\"slogans-table\" placeholder=\"Filter…\">\n"
        h += "<table id=\"slogans-table\"><thead><tr><th>Name</th><th>Type</th><th>Mentions</th><th>Documents</th><th>First</th><th>Last</th>"
        h += years.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for n in rows.prefix(tableLimit) {
            h += "<tr><td><a href=\"#network\" data-node=\"\(esc(n.id))\">\(esc(n.name))</a></td><td>\(esc(n.type))</td><td>\(n.count)</td><td>\(n.documents)</td>"
            h += "<td>\(esc(n.first))</td><td>\(esc(n.last))</td>"
            h += years.map { y in "<td>\(n.perYear[y].map(String.init) ?? "")</td>" }.joined() + "</tr>\n"
        }
        if rows.isEmpty { h += "<tr><td colspan=\"\(6 + years.count)\">No slogans or terms.</td></tr>\n" }
        return h + "</tbody></table></section>\n"
    }

    static func peopleTable(_ edges: [GraphEdge], names: [String: String]) -> String {
        let holds = edges
            .sorted { (names[$0.source] ?? $0.source, names[$0.target] ?? $0.target) < (names[$1.source] ?? $1.source, names[$1.target] ?? $1.target) }
        var h = "<section id=\"people\"><h2>People and their posts</h2>\n"
        h += "<input type=\"search\" class=\"table-filter\" data-table=\"people-table\" placeholder=\"Filter…\">\n"
        h += "<table id=\"people-table\"><thead><tr><th>Person</th><th>Post</th><th>Organisation</th><th>Mentions</th><th>Evidence</th></tr></thead><tbody>\n"
        for e in holds.prefix(tableLimit) {
            h += "<tr><td><a href=\"#network\" data-node=\"\(esc(e.source))\">\(esc(names[e.source] ?? e.source))</a></td>"
            h += "<td><a href=\"#network\" data-node=\"\(esc(e.target))\">\(esc(names[e.target] ?? e.target))</a></td>"
            h += "<td>\(esc(str(e.properties["org"])))</td><td>\(e.count)</td>"
            h += "<td>\(e.evidence.first.map { "<span class=\"doc\">\(esc($0.doc))</span> \(esc($0.sentence))" } ?? "")</td></tr>\n"
        }
        if holds.isEmpty { h += "<tr><td colspan=\"5\">No people with posts.</td></tr>\n" }
        return h + "</tbody></table></section>\n"
    }

    static func measurementsTable(_ rows: [GraphNode], total: Int) -> String {
        var h = "<section id=\"measurements\"><h2>Measurements</h2>\n"
        if total > tableLimit { h += "<p class=\"note\">The first \(tableLimit) of \(total), by date.</p>\n" }
        h += "<input type=\"search\" class=\"table-filter\" data-table=\"measurements-table\" placeholder=\"Filter…\">\n"
        h += "<table id=\"measurements-table\"><thead><tr><th>Text</th><th>Value</th><th>Date measured</th><th>Unit</th><th>Type</th><th>Qualifier</th><th>Subject</th><th>Document date</th><th>Document</th></tr></thead><tbody>\n"
        for n in rows.prefix(tableLimit) {
            let p = n.properties
            h += "<tr><td><a href=\"#network\" data-node=\"\(esc(n.id))\">\(esc(n.name))</a></td><td>\(esc(str(p["value"])))\(p["value_to"] == nil ? "" : "–" + esc(str(p["value_to"])))</td><td>\(esc(str(p["value_date"])))</td><td>\(esc(str(p["unit"])))</td>"
            h += "<td>\(esc(str(p["numtype"])))</td><td>\(esc(str(p["qualifier"])))</td><td>\(esc(str(p["subject"])))</td>"
            h += "<td>\(esc(str(p["date"])))</td><td>\(esc(n.docs.joined(separator: " ")))</td></tr>\n"
        }
        if rows.isEmpty { h += "<tr><td colspan=\"9\">No measurements.</td></tr>\n" }
        return h + "</tbody></table></section>\n"
    }

    static func str(_ v: GraphValue?) -> String {
        switch v {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .double(let d)?: return JSONWriter.number(d)
        case .bool(let b)?: return b ? "true" : "false"
        case .strings(let l)?: return l.joined(separator: ", ")
        case nil: return ""
        }
    }

    /// Escapes text for HTML content and attribute values.
    public static func esc(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
