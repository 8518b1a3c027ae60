// The neo4j-admin import CSVs: one nodes file per node type, one relationships file per edge type.
import ZhituCore

extension Neo4jWriter {
    /// A typed property column: `name:type` in the header.
    struct Column: Equatable {
        var name: String
        var type: String   // int, double, boolean, string, string[]
        var header: String { type == "string" ? name : "\(name):\(type)" }
    }

    /// The column types of the properties seen so far, widened as values come.
    struct ColumnTypes {
        var excluding: Set<String>
        var types: [String: String] = [:]

        mutating func add(_ props: [String: GraphValue]) {
            for (k, v) in props where !excluding.contains(k) {
                let t: String
                switch v {
                case .bool: t = "boolean"
                case .int: t = "long"
                case .double: t = "double"
                case .string: t = "string"
                // a list whose items hold the array delimiter is written as JSON text instead
                case .strings(let l): t = l.contains { $0.utf8.contains(0x3B) } ? "string" : "string[]"
                }
                if let old = types[k], old != t {
                    types[k] = (["long", "double"].contains(old) && ["long", "double"].contains(t)) ? "double" : "string"
                } else {
                    types[k] = t
                }
            }
        }

        var columns: [Column] { types.keys.sorted().map { Column(name: $0, type: types[$0]!) } }
    }

    static func columnTypes(_ all: [[String: GraphValue]], excluding: Set<String>) -> [Column] {
        var c = ColumnTypes(excluding: excluding)
        all.forEach { c.add($0) }
        return c.columns
    }

    static let fixedNode: Set<String> = ["id", "name", "count", "docs"]
    static let fixedEdge: Set<String> = ["count", "evidence_doc", "evidence_sentence", "evidence_start", "evidence_end", "evidence"]

    /// File name → contents, sorted by name: one nodes file per node type, one rels file per edge type.
    public static func csvFiles<G: GraphSource>(_ graph: G) -> [(String, String)] {
        var files: [String: [UInt8]] = [:]
        try! csv(graph) { name in { files[name, default: []] += $0 } }
        return files.keys.sorted().map { ($0, String(decoding: files[$0]!, as: UTF8.self)) }
    }

    /// Writes the CSV files in two passes over the graph (column types, then rows): `file`
    /// gives the writer of the named file, asked for once per file, rows in graph order, each
    /// as UTF-8 bytes. `node` and `edge` see every node and edge of the second pass, in graph
    /// order (for graph.cypher, which then needs no pass of its own).
    static func csv<G: GraphSource>(_ graph: G, file: (String) throws -> (([UInt8]) throws -> Void),
                                    node: (GraphNode) throws -> Void = { _ in }, edge: (GraphEdge) throws -> Void = { _ in }) throws {
        let g = graph.withEdgeEnds()
        // Pass 1: per node type, its property columns and whether docs must be JSON text.
        var nodeColumns: [String: ColumnTypes] = [:]
        var docsAsJSON: [String: Bool] = [:]
        for n in g.nodeStream() {
            nodeColumns[n.type, default: ColumnTypes(excluding: fixedNode)].add(n.properties)
            if docsAsJSON[n.type] != true { docsAsJSON[n.type] = n.docs.contains { $0.utf8.contains(0x3B) } }
        }
        var edgeColumns: [String: ColumnTypes] = [:]
        for e in g.edgeStream() { edgeColumns[e.type, default: ColumnTypes(excluding: fixedEdge)].add(e.properties) }

        // Pass 2: rows, each to its type's file.
        var row = CSVRecord()
        var nodeFiles: [String: (write: ([UInt8]) throws -> Void, columns: [Column], docsAsJSON: Bool)] = [:]
        for n in g.nodeStream() {
            if nodeFiles[n.type] == nil {
                let cols = nodeColumns[n.type]!.columns, json = docsAsJSON[n.type]!
                let w = try file("nodes_\(fileSafe(n.type)).csv")
                try w(Array(csvLine(["id:ID(\(idSpace))", ":LABEL", "name", "count:int", json ? "docs" : "docs:string[]"] + cols.map(\.header)).utf8))
                nodeFiles[n.type] = (w, cols, json)
            }
            let f = nodeFiles[n.type]!
            row.start()
            row.field(n.id)
            row.open(); row.escape(idSpace); row.bytes.append(0x3B); row.escape(n.type); row.close()   // Node;<type>
            row.field(n.name)
            row.field(n.count)
            if f.docsAsJSON { row.jsonField { JSONBytes.appendJSON(.strings(n.docs), to: &$0) } } else { row.array(n.docs) }
            for c in f.columns { row.field(n.properties[c.name], as: c.type) }
            row.end()
            try f.write(row.bytes)
            try node(n)
        }
        var edgeFiles: [String: (write: ([UInt8]) throws -> Void, columns: [Column])] = [:]
        for e in g.edgeStream() {
            if edgeFiles[e.type] == nil {
                let cols = edgeColumns[e.type]!.columns
                let w = try file("rels_\(fileSafe(e.type)).csv")
                try w(Array(csvLine([":START_ID(\(idSpace))", ":END_ID(\(idSpace))", ":TYPE", "count:int", "evidence_doc", "evidence_sentence",
                                     "evidence_start:int", "evidence_end:int", "evidence"] + cols.map(\.header)).utf8))
                edgeFiles[e.type] = (w, cols)
            }
            let f = edgeFiles[e.type]!
            row.start()
            row.field(e.source)
            row.field(e.target)
            row.field(e.type)
            row.field(e.count)
            if let ev = e.evidence.first {
                row.field(ev.doc)
                row.field(ev.sentence)
                row.field(ev.start)
                row.field(ev.end)
                row.jsonField { JSONBytes.appendEvidence(e.evidence, to: &$0) }
            } else {
                for _ in 0..<5 { row.field("") }
            }
            for c in f.columns { row.field(e.properties[c.name], as: c.type) }
            row.end()
            try f.write(row.bytes)
            try edge(e)
        }
    }

    /// One CSV record (a header, the run): every field quoted, quotes doubled.
    static func csvLine(_ fields: [String]) -> String {
        var row = CSVRecord()
        for f in fields { row.field(f) }
        row.end()
        return String(decoding: row.bytes, as: UTF8.self)
    }

    static func fileSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            u.isASCII && (u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "_" || u == "-") ? u : "_"
        }))
    }
}

extension Neo4jWriter.CSVRecord {
    /// A property value in a column of type `type`; an empty field when the value is missing.
    mutating func field(_ v: GraphValue?, as type: String) {
        switch v {
        case nil: field("")
        case .string(let s)?: field(s)
        case .strings(let l)?: if type == "string[]" { array(l) } else { jsonField { JSONBytes.appendJSON(.strings(l), to: &$0) } }
        case .int(let i)?: if type == "double" { field(String(Double(i))) } else { field(i) }
        case .double(let d)?: field(String(d))
        case .bool(let b)?: field(b ? "true" : "false")
        }
    }
}
