// report.html: one self-contained file (no network) with a searchable, zoomable network view
// and tables of slogans and terms over time, people and their posts, and measurements.
import Foundation
import ZhituCore

public struct ReportWriter: OutputWriter {
    public static let format = "report"
    public static let summary = "report.html: a self-contained, offline report with an interactive network view and tables."
    public init() {}

    /// Rows kept per table.
    public static let tableLimit = 200

    public func write(_ output: RunOutput, to directory: URL) throws {
        try AtomicFile.write(Self.render(output.graph), to: directory.appendingPathComponent("report.html").path)
    }

    public static func render(_ g: KnowledgeGraph) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<link rel=\"icon\" href=\"data:,\">\n"
        html += "<title>\(esc(g.name)) — 知图 report</title>\n<style>\n\(ReportAssets.css)</style>\n</head>\n<body>\n"
        let types = Dictionary(grouping: g.nodes, by: \.type).mapValues(\.count)
        html += "<header><h1>\(esc(g.name)) <small>知图 Zhitu report</small></h1>\n"
        html += "<p class=\"counts\">\(g.nodes.count) nodes, \(g.edges.count) edges: "
        html += types.keys.sorted().map { "\(types[$0]!) \(esc($0))" }.joined(separator: ", ") + "</p>\n"
        html += "<nav><a href=\"#network\">Network</a> <a href=\"#slogans\">Slogans and terms</a> <a href=\"#people\">People and posts</a> <a href=\"#measurements\">Measurements</a></nav></header>\n"
        html += ReportAssets.networkSection
        html += slogansTable(g)
        html += peopleTable(g)
        html += measurementsTable(g)
        html += "<script type=\"application/json\" id=\"graph-data\">\(data(g))</script>\n"
        html += "<script>\n\(ReportAssets.script)</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: Data for the network view

    /// The graph as compact JSON, safe inside a <script> element.
    static func data(_ g: KnowledgeGraph) -> String {
        var index: [String: Int] = [:]
        for (i, n) in g.nodes.enumerated() { index[n.id] = i }
        var extra: [String] = []   // edge ends missing from the node list
        var w = JSONWriter()
        w.beginObject()
        w.field("name", g.name)
        w.beginArray("edges")
        for e in g.edges {
            func idx(_ id: String) -> Int {
                if let i = index[id] { return i }
                index[id] = g.nodes.count + extra.count
                extra.append(id)
                return index[id]!
            }
            let s = idx(e.source), t = idx(e.target)
            w.beginObject()
            w.field("s", s); w.field("t", t); w.field("y", e.type); w.field("c", e.count)
            if !e.properties.isEmpty {
                w.beginObject("p")
                for k in e.properties.keys.sorted() { w.field(k, e.properties[k]!) }
                w.endObject()
            }
            if !e.evidence.isEmpty {
                w.beginArray("e")
                for ev in e.evidence {
                    w.beginArray(); w.element(ev.doc); w.element(ev.sentence); w.raw(",\(ev.start),\(ev.end)"); w.endArray()
                }
                w.endArray()
            }
            w.endObject()
            w.raw("\n")
        }
        w.endArray()
        w.beginArray("nodes")
        for n in g.nodes {
            w.beginObject()
            w.field("i", n.id); w.field("t", n.type); w.field("n", n.name); w.field("c", n.count)
            w.field("d", .strings(n.docs))
            if !n.properties.isEmpty {
                w.beginObject("p")
                for k in n.properties.keys.sorted() { w.field(k, n.properties[k]!) }
                w.endObject()
            }
            w.endObject()
            w.raw("\n")
        }
        for id in extra {
            w.beginObject(); w.field("i", id); w.field("t", "Thing"); w.field("n", id); w.field("c", 0); w.field("d", .strings([])); w.endObject()
        }
        w.endArray()
        w.endObject()
        // "<" only occurs inside JSON strings, where \u003c means the same; this keeps
        // "</script>" and "<!--" in names from ending the element.
        return w.text.replacingOccurrences(of: "<", with: "\\u003c")
    }

    // MARK: Tables

    static func docDates(_ g: KnowledgeGraph) -> [String: String] {
        var dates: [String: String] = [:]
        for n in g.nodes where n.type == "Document" {
            if case .string(let d)? = n.properties["date"], let doc = n.docs.first { dates[doc] = d }
        }
        return dates
    }

    static func slogansTable(_ g: KnowledgeGraph) -> String {
        let dates = docDates(g)
        let rows = g.nodes.filter { $0.type == "Slogan" || $0.type == "Term" }
            .sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        let years = Set(rows.flatMap { $0.docs.compactMap { dates[$0].map { String($0.prefix(4)) } } }).sorted()
        var h = "<section id=\"slogans\"><h2>Slogans and terms over time</h2>\n"
        h += "<p class=\"note\">Mentions over the corpus and, per year, the number of documents that use each (top \(tableLimit)).</p>\n"
        h += "<input type=\"search\" class=\"table-filter\" data-table=\"slogans-table\" placeholder=\"Filter…\">\n"
        h += "<table id=\"slogans-table\"><thead><tr><th>Name</th><th>Type</th><th>Mentions</th><th>Documents</th><th>First</th><th>Last</th>"
        h += years.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for n in rows.prefix(tableLimit) {
            var perYear: [String: Int] = [:]
            for d in n.docs { if let y = dates[d]?.prefix(4) { perYear[String(y), default: 0] += 1 } }
            h += "<tr><td><a href=\"#network\" data-node=\"\(esc(n.id))\">\(esc(n.name))</a></td><td>\(esc(n.type))</td><td>\(n.count)</td><td>\(n.docs.count)</td>"
            h += "<td>\(esc(str(n.properties["first_date"])))</td><td>\(esc(str(n.properties["last_date"])))</td>"
            h += years.map { y in "<td>\(perYear[y].map(String.init) ?? "")</td>" }.joined() + "</tr>\n"
        }
        if rows.isEmpty { h += "<tr><td colspan=\"\(6 + years.count)\">No slogans or terms.</td></tr>\n" }
        return h + "</tbody></table></section>\n"
    }

    static func peopleTable(_ g: KnowledgeGraph) -> String {
        var names: [String: String] = [:]
        for n in g.nodes { names[n.id] = n.name }
        let holds = g.edges.filter { $0.type == "HOLDS" }
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

    static func measurementsTable(_ g: KnowledgeGraph) -> String {
        let rows = g.nodes.filter { $0.type == "Measurement" }
            .sorted { (str($0.properties["date"]), $0.id) < (str($1.properties["date"]), $1.id) }
        var h = "<section id=\"measurements\"><h2>Measurements</h2>\n"
        if rows.count > tableLimit { h += "<p class=\"note\">The first \(tableLimit) of \(rows.count), by date.</p>\n" }
        h += "<input type=\"search\" class=\"table-filter\" data-table=\"measurements-table\" placeholder=\"Filter…\">\n"
        h += "<table id=\"measurements-table\"><thead><tr><th>Text</th><th>Value</th><th>Unit</th><th>Type</th><th>Qualifier</th><th>Subject</th><th>Date</th><th>Document</th></tr></thead><tbody>\n"
        for n in rows.prefix(tableLimit) {
            let p = n.properties
            h += "<tr><td><a href=\"#network\" data-node=\"\(esc(n.id))\">\(esc(n.name))</a></td><td>\(esc(str(p["value"])))</td><td>\(esc(str(p["unit"])))</td>"
            h += "<td>\(esc(str(p["numtype"])))</td><td>\(esc(str(p["qualifier"])))</td><td>\(esc(str(p["subject"])))</td>"
            h += "<td>\(esc(str(p["date"])))</td><td>\(esc(n.docs.joined(separator: " ")))</td></tr>\n"
        }
        if rows.isEmpty { h += "<tr><td colspan=\"8\">No measurements.</td></tr>\n" }
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
