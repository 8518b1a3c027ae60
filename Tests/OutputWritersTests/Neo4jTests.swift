// neo4j/*.csv in the neo4j-admin import header format, loaded into kuzu (an embedded graph
// database that reads CSV) and queried back; graph.cypher holds a MERGE per node and edge.
import Foundation
import Testing
@testable import OutputNeo4j
import ZhituCore

@Suite struct Neo4jTests {
    /// Builds kuzu tables from the neo4j-admin headers, copies every file in, and prints the
    /// HOLDS edges and every node's name.
    static let loader = #"""
    import csv, io, json, os, sys, tempfile, kuzu
    src = sys.argv[1]
    kt = {"long": "INT64", "int": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN", "string": "STRING", "string[]": "STRING"}
    def header(path):
        with open(path, newline="", encoding="utf-8") as f:
            return next(csv.reader(f))
    def column(h):
        name, _, t = h.partition(":")
        if t.startswith("ID(") or t == "LABEL" or t.startswith("START_ID") or t.startswith("END_ID") or t == "TYPE":
            return None, "STRING"
        return name, kt[t or "string"]
    db = kuzu.Database(os.path.join(tempfile.mkdtemp(), "db"))
    con = kuzu.Connection(db)
    node_type = {}
    files = sorted(os.listdir(src))
    for f in files:
        if not f.startswith("nodes_"): continue
        table = f[len("nodes_"):-len(".csv")]
        cols = header(os.path.join(src, f))
        defs = []
        for i, h in enumerate(cols):
            name, t = column(h)
            defs.append(("id" if h.startswith("id:ID") else "labels" if h == ":LABEL" else name) + " " + t)
        con.execute("CREATE NODE TABLE %s(%s, PRIMARY KEY(id))" % (table, ", ".join(defs)))
        con.execute("COPY %s FROM '%s' (HEADER=true, PARALLEL=false)" % (table, os.path.join(src, f)))
        with open(os.path.join(src, f), newline="", encoding="utf-8") as fh:
            for row in list(csv.reader(fh))[1:]: node_type[row[0]] = table
    for f in files:
        if not f.startswith("rels_"): continue
        rel = f[len("rels_"):-len(".csv")]
        path = os.path.join(src, f)
        cols = header(path)
        props = []
        for h in cols[2:]:
            name, t = column(h)
            props.append(("type" if h == ":TYPE" else name) + " " + t)
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))[1:]
        pairs = sorted({(node_type[r[0]], node_type[r[1]]) for r in rows})
        con.execute("CREATE REL TABLE %s(%s, %s)" % (rel, ", ".join("FROM %s TO %s" % p for p in pairs), ", ".join(props)))
        for a, b in pairs:
            part = path
            if len(pairs) > 1:   # kuzu copies one (from, to) pair per file
                part = os.path.join(tempfile.mkdtemp(), f)
                with open(part, "w", newline="", encoding="utf-8") as out:
                    w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
                    w.writerow(cols)
                    w.writerows(r for r in rows if node_type[r[0]] == a and node_type[r[1]] == b)
            con.execute("COPY %s FROM '%s' (from='%s', to='%s', HEADER=true, PARALLEL=false)" % (rel, part, a, b))
    res = con.execute("MATCH (p:Person)-[r:HOLDS]->(t:Title) RETURN p.id, p.name, t.name, r.org, r.count, r.evidence_sentence ORDER BY p.id")
    holds = []
    while res.has_next(): holds.append(res.get_next())
    names = {}
    for table in sorted(set(node_type.values())):
        res = con.execute("MATCH (n:%s) RETURN n.id, n.name, n.count, n.labels" % table)
        while res.has_next():
            i, n, c, l = res.get_next()
            names[i] = [n, c, l]
    res = con.execute("MATCH ()-[r]->() RETURN count(r)")
    print(json.dumps({"holds": holds, "nodes": names, "edges": res.get_next()[0]}))
    """#

    @Test(.enabled(if: Tools.pythonHas("kuzu"), "python3 with kuzu not found (pip install kuzu; see scripts/install-output-checkers.sh)"))
    func kuzuLoadsTheCSVsAndFindsHolds() throws {
        let g = Fixture.graph
        let dir = try write("neo4j")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Tools.python(Self.loader, [dir.appendingPathComponent("neo4j").path]) as! [String: Any]
        let holds = out["holds"] as! [[Any]]
        #expect(holds.count == 1)
        #expect(holds.first?[1] as? String == Fixture.person)
        #expect(holds.first?[2] as? String == Fixture.title)
        #expect(holds.first?[3] as? String == Fixture.org)
        #expect(holds.first?[5] as? String == Fixture.sentence)
        let nodes = out["nodes"] as! [String: [Any]]
        #expect(nodes.count == g.nodes.count)
        for n in g.nodes {
            #expect(nodes[n.id]?[0] as? String == n.name, "\(n.id)")
            #expect(nodes[n.id]?[1] as? Int == n.count)
            #expect(nodes[n.id]?[2] as? String == "Node;\(n.type)")
        }
        #expect(out["edges"] as? Int == g.edges.count)
    }

    @Test func headersUseTheImportFormat() throws {
        let files = Dictionary(uniqueKeysWithValues: Neo4jWriter.csvFiles(Fixture.graph))
        let person = try #require(files["nodes_Person.csv"])
        #expect(person.hasPrefix("\"id:ID(Node)\",\":LABEL\",\"name\",\"count:int\",\"docs:string[]\""))
        let holds = try #require(files["rels_HOLDS.csv"])
        #expect(holds.hasPrefix("\":START_ID(Node)\",\":END_ID(Node)\",\":TYPE\",\"count:int\""))
        let measurement = try #require(files["nodes_Measurement.csv"])
        #expect(measurement.contains("\"value:double\""))
        #expect(files.keys.contains("rels_MENTIONS.csv"))
        // aliases hold the array delimiter ";", so they are written as JSON text, not string[]
        #expect(person.contains(",\"aliases\""))
        #expect(person.contains("\"[\"\"老张\"\",\"\"老张;三哥\"\"]\""))
        #expect(files["nodes_Title.csv"]!.hasPrefix("\"id:ID(Node)\",\":LABEL\",\"name\",\"count:int\",\"docs:string[]\""))
    }

    @Test func cypherMergesEveryNodeAndEdge() throws {
        let g = Fixture.graph
        var text = ""
        try Neo4jWriter.cypher(g) { text += $0 }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.filter { $0.hasPrefix("MERGE (n:Node {id: ") }.count == g.nodes.count)
        #expect(lines.filter { $0.hasPrefix("MATCH (a:Node") && $0.contains("MERGE (a)-[r:") }.count == g.edges.count)
        // one statement per line: newlines in names are escaped, quotes too
        #expect(lines.allSatisfy { $0.hasPrefix("//") || $0.hasSuffix(";") })
        #expect(text.contains("'李\\n四'"))
        #expect(text.contains("'中共\\'某\\'省委 <委员会> & 办公厅'"))
    }
}
