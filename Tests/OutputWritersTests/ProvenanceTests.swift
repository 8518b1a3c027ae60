// Every output says which zhitu, config and run made it (version, config digest, stages, date),
// and still reads in its reader: networkx, kuzu through scripts/kuzu-load.py, rdflib, sqlite3,
// Chromium, pandas; and `zhitu export` from a graph.json carries the provenance into each format.
import Foundation
import Testing
import OutputGraphJSON
import ZhituCore
import ZhituStages

extension Fixture {
    /// A run's provenance with a stage whose name holds quotes and <&>.
    static let provenance = Provenance(name: "测试 \"fixture\" <&>", icu: "72.1", configDigest: String(repeating: "ab12", count: 16),
                                       stages: [.init(name: "read", use: "read", version: "1.0"), .init(name: "seg \"x\" <&>", use: "segment", version: "2.5")],
                                       date: "2023-11-14T22:13:20Z")

    static func stamped() -> RunOutput {
        RunOutput(name: "测试 \"fixture\" <&>", documents: documents, provenance: provenance)
    }
}

@Suite struct ProvenanceTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let p = Fixture.provenance

    /// The run's date as ISO 8601 in UTC, as Foundation's formatter writes it (seconds dropped
    /// below one, leap day, the epoch, SOURCE_DATE_EPOCH's range).
    @Test func datesAreISO8601InUTC() {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        for t in [0, 1_700_000_000.75, 951_782_400, 4_102_444_799, 1_577_836_800 - 0.5] {
            let d = Date(timeIntervalSince1970: t)
            #expect(Provenance.format(d) == f.string(from: d), "\(t)")
        }
        #expect(Provenance.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    /// Writes `format` of the stamped fixture, runs `body` on the folder, then removes it.
    func written(_ format: String, _ body: (URL) throws -> Void) throws {
        let dir = try write(format, Fixture.stamped())
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func annotationsAndGraphJSONKeepIt() throws {
        try written("annotations") { dir in
            #expect(Provenance.firstLine(of: dir.appendingPathComponent("annotations.jsonl").path) == p)
        }
        try written("graph") { dir in
            #expect(GraphJSONReader.provenance(contentsOf: dir.appendingPathComponent("graph.json").path) == p)
        }
    }

    @Test(.enabled(if: Tools.pythonHas("networkx"), "python3 with networkx not found (pip install networkx)"))
    func graphMLHasItOnTheGraphForNetworkx() throws {
        try written("graphml") { dir in
            let file = dir.appendingPathComponent("graph.graphml")
            let script = """
            import json, sys, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            print(json.dumps({k: v for k, v in g.graph.items() if isinstance(v, str)} | {"nodes": g.number_of_nodes()}))
            """
            let out = try Tools.python(script, [file.path]) as! [String: Any]
            #expect(out["zhitu"] as? String == ZhituVersion.current)
            #expect(out["config_sha256"] as? String == p.configDigest)
            #expect(out["date"] as? String == p.date)
            #expect(out["icu"] as? String == "72.1")
            #expect(out["name"] as? String == "测试 \"fixture\" <&>")
            #expect(out["stages"] as? String == p.stagesJSON)
            #expect(out["nodes"] as? Int == Fixture.graph.nodes.count)
            if let xmllint = Tools.xmllint {
                #expect(try Tools.run(xmllint, ["--noout", file.path]).status == 0)
                if GraphMLTests.schemaReachable {
                    let r = try Tools.run(xmllint, ["--noout", "--schema", GraphMLTests.schemaURL, file.path])
                    #expect(r.status == 0, "\(r.stderr)")
                }
            }
        }
    }

    @Test func neo4jHasARunNodeBesideTheGraph() throws {
        try written("neo4j") { dir in
            let run = try text(dir.appendingPathComponent("neo4j/run.csv"))
            let lines = run.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines[0] == #""id:ID(Run)",":LABEL","zhitu","name","icu","config_sha256","stages","date""#)
            #expect(lines[1].hasPrefix(#""run:2023-11-14T22:13:20Z:\#(p.configDigest.prefix(12))","Run","\#(ZhituVersion.current)","#))
            #expect(lines[1].contains(p.configDigest))
            let cypher = try text(dir.appendingPathComponent("graph.cypher"))
            let merge = try #require(cypher.split(separator: "\n").first { $0.hasPrefix("MERGE (r:Run ") })
            #expect(merge.contains("r.zhitu = '\(ZhituVersion.current)'") && merge.contains("r.config_sha256 = '\(p.configDigest)'")
                    && merge.contains("r.date = '\(p.date)'") && merge.hasSuffix(";"))
            // the import commands' globs (nodes_*.csv, rels_*.csv) leave run.csv out
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("neo4j").path)
            #expect(names.filter { !$0.hasPrefix("nodes_") && !$0.hasPrefix("rels_") } == ["run.csv"])
        }
    }

    @Test(.enabled(if: Tools.pythonHas("kuzu"), "python3 with kuzu not found (pip install kuzu)"))
    func kuzuLoadScriptReadsTheRun() throws {
        try written("neo4j") { dir in
            let script = """
            import json, subprocess, sys, kuzu
            subprocess.run([sys.executable, sys.argv[1], sys.argv[2], sys.argv[3]], check=True)
            con = kuzu.Connection(kuzu.Database(sys.argv[3]))
            def one(q):
                r = con.execute(q)
                return r.get_next() if r.has_next() else None
            print(json.dumps({"run": one("MATCH (r:Run) RETURN r.zhitu, r.config_sha256, r.date, r.stages"),
                              "holds": one("MATCH (p:Person)-[r:HOLDS]->(t:Title) RETURN count(*)")[0]}))
            """
            let out = try Tools.python(script, [Self.repo.appendingPathComponent("scripts/kuzu-load.py").path,
                                                dir.appendingPathComponent("neo4j").path, dir.appendingPathComponent("kuzu").path]) as! [String: Any]
            #expect(out["run"] as? [String] == [ZhituVersion.current, p.configDigest, p.date, p.stagesJSON])
            #expect(out["holds"] as? Int == 1)
        }
    }

    @Test(.enabled(if: Tools.pythonHas("rdflib"), "python3 with rdflib not found (pip install rdflib)"))
    func rdfHasAProvActivity() throws {
        try written("rdf") { dir in
            let script = #"""
            import json, sys
            from rdflib import Graph
            from rdflib.compare import isomorphic
            ttl = Graph().parse(sys.argv[1], format="turtle")
            jsonld = Graph().parse(sys.argv[2], format="json-ld")
            q = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX z: <urn:zhitu:vocab:> PREFIX schema: <http://schema.org/>
            SELECT ?date ?version ?digest (GROUP_CONCAT(?stage; separator="|") AS ?stages) WHERE {
              ?run a prov:Activity, z:Run ; prov:startedAtTime ?date ; z:zhitu ?version ; z:config_sha256 ?digest ;
                   prov:wasAssociatedWith ?agent . ?agent a prov:SoftwareAgent ; schema:name ?n ; schema:softwareVersion ?v .
              BIND(CONCAT(?n, " ", ?v) AS ?stage) } GROUP BY ?date ?version ?digest"""
            rows = [[r.date.toPython().isoformat(), str(r.version), str(r.digest), "|".join(sorted(str(r.stages).split("|")))] for r in ttl.query(q)]
            rows2 = [[str(r.version), str(r.digest)] for r in jsonld.query(q)]
            print(json.dumps({"ttl": rows, "jsonld": rows2, "isomorphic": isomorphic(ttl, jsonld)}))
            """#
            let out = try Tools.python(script, [dir.appendingPathComponent("graph.ttl").path, dir.appendingPathComponent("graph.jsonld").path]) as! [String: Any]
            let stages = "read 1.0|seg \"x\" <&> 2.5|zhitu \(ZhituVersion.current)"
            #expect(out["ttl"] as? [[String]] == [["2023-11-14T22:13:20+00:00", ZhituVersion.current, p.configDigest, stages]])
            #expect(out["jsonld"] as? [[String]] == [[ZhituVersion.current, p.configDigest]])
            #expect(out["isomorphic"] as? Bool == true)
        }
    }

    @Test(.enabled(if: Tools.sqlite3 != nil, "sqlite3 not found (apt-get install sqlite3)"))
    func sqliteHasARunRow() throws {
        try written("sqlite") { dir in
            let r = try Tools.run(Tools.sqlite3!, [dir.appendingPathComponent("graph.sqlite").path,
                                                   "SELECT zhitu, config_sha256, date, json_extract(stages, '$[1].name') FROM run"])
            #expect(r.stdout == "\(ZhituVersion.current)|\(p.configDigest)|\(p.date)|seg \"x\" <&>\n", "\(r.stderr)")
        }
    }

    @Test func reportHasMetaAndFooter() throws {
        try written("report") { dir in
            let html = try text(dir.appendingPathComponent("report.html"))
            #expect(html.contains("<meta name=\"generator\" content=\"zhitu \(ZhituVersion.current)\">"))
            #expect(html.contains("<meta name=\"zhitu-provenance\" content=\""))
            #expect(html.contains("<footer id=\"provenance\""))
            #expect(html.contains("seg &quot;x&quot; &lt;&amp;&gt; (segment 2.5)"))
            #expect(!html.contains("seg \"x\""))
        }
    }

    @Test(.enabled(if: Tools.chromium != nil, Comment(rawValue: chromiumMissing)))
    func reportShowsItInChromium() throws {
        try written("report") { dir in
            let page = dir.appendingPathComponent("probe.html")
            var html = try text(dir.appendingPathComponent("report.html"))
            html = html.replacingOccurrences(of: "</body>", with: """
                <script>window.addEventListener("load", function () {
                  var f = document.getElementById("provenance"), m = document.querySelector('meta[name="zhitu-provenance"]');
                  document.body.setAttribute("data-footer", f && f.getBoundingClientRect().height > 0 ? f.innerText : "");
                  document.body.setAttribute("data-meta", m ? JSON.parse(m.content).config_sha256 : "");
                });</script>
                </body>
                """)
            try html.write(to: page, atomically: true, encoding: .utf8)
            let (dom, console, _) = try chromium(page)
            #expect(console.isEmpty, "\(console)")
            let footer = try #require(bodyAttribute(dom, "data-footer"))
            #expect(footer.contains("zhitu \(ZhituVersion.current)") && footer.contains(p.configDigest) && footer.contains(p.date), "\(footer)")
            #expect(bodyAttribute(dom, "data-meta") == p.configDigest)
        }
    }

    @Test(.enabled(if: Tools.pythonHas("pandas"), "python3 with pandas not found (pip install pandas)"))
    func tablesHaveProvenanceJSONAndStillReadInPandas() throws {
        let dir = try write("measurements", Fixture.stamped())
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let w = StageRegistry.builtIn.writer(named: "discourse") else { throw Tools.Failure(message: "no discourse writer") }
        try w.init().write(Fixture.stamped(), to: dir)
        for table in ["measurements", "discourse"] {
            let json = try JSONValue.parse(Array(try Data(contentsOf: dir.appendingPathComponent("\(table).provenance.json"))))
            #expect(Provenance.parse(json) == p)
        }
        let script = """
        import json, sys, pandas as pd
        m = pd.read_csv(sys.argv[1] + "/measurements.csv", encoding="utf-8-sig")
        d = pd.read_csv(sys.argv[1] + "/discourse.csv", encoding="utf-8-sig")
        run = json.load(open(sys.argv[1] + "/measurements.provenance.json", encoding="utf-8"))
        print(json.dumps({"m": [list(m.columns), len(m), str(m.dtypes["value"])], "d": [list(d.columns), len(d)], "run": [run["zhitu"], run["config_sha256"], run["date"]]}))
        """
        let out = try Tools.python(script, [dir.path]) as! [String: Any]
        #expect((out["m"] as? [Any])?[1] as? Int == 2)
        #expect((out["m"] as? [Any])?[2] as? String == "float64")
        #expect(((out["m"] as? [Any])?[0] as? [String])?.first == "document")
        #expect((out["d"] as? [Any])?[1] as? Int == 4)
        #expect(out["run"] as? [String] == [ZhituVersion.current, p.configDigest, p.date])
        // Without a known provenance the file says null: a table written again (records from
        // before 0.19) never stands beside the provenance of the run that wrote it before.
        try StageRegistry.builtIn.writer(named: "measurements")!.init().write(Fixture.output(), to: dir)
        #expect(try text(dir.appendingPathComponent("measurements.provenance.json")) == "null\n")
        #expect(Provenance.parse(try JSONValue.parse(Array(try Data(contentsOf: dir.appendingPathComponent("discourse.provenance.json"))))) == p)
    }

    /// The table writers run at once (as `zhitu run` runs writers side by side): both succeed.
    @Test func tableWritersCanRunAtOnce() throws {
        let dir = Tools.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = Fixture.stamped()
        let writers = ["measurements", "discourse"].compactMap { StageRegistry.builtIn.writer(named: $0) }
        #expect(writers.count == 2)
        nonisolated(unsafe) var failures: [String] = []
        let lock = NSLock()
        for _ in 0..<20 {
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do { try writers[i].init().write(output, to: dir) } catch { lock.lock(); failures.append("\(error)"); lock.unlock() }
            }
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
                == ["discourse.csv", "discourse.provenance.json", "measurements.csv", "measurements.provenance.json"])
    }

    @Test(arguments: ["graphml", "neo4j", "rdf", "report", "measurements"])
    func stampedFilesAreDeterministic(format: String) throws {
        let a = try write(format, Fixture.stamped()), b = try write(format, Fixture.stamped())
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        #expect(files(a) == files(b))
    }

    /// `zhitu export --from graph.json` reads the provenance of the graph and writes it into
    /// every format it exports.
    @Test func exportCarriesTheGraphsProvenance() throws {
        let zhitu = try #require(zhituExecutable())
        let dir = Tools.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var json = ""
        GraphJSONWriter.render(Fixture.graph, provenance: p) { json += $0 }
        try AtomicFile.write(json, to: dir.appendingPathComponent("graph.json").path)
        let out = dir.appendingPathComponent("exported")
        let r = try Tools.run(zhitu, ["export", "--from", dir.appendingPathComponent("graph.json").path,
                                      "--format", "graphml,neo4j,rdf,sqlite,report,measurements,discourse", "--output", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        for f in ["graph.graphml", "neo4j/run.csv", "graph.cypher", "graph.ttl", "graph.jsonld", "report.html",
                  "measurements.provenance.json", "discourse.provenance.json"] {
            let t = (try? text(out.appendingPathComponent(f))) ?? ""
            #expect(t.contains(p.configDigest) && t.contains(p.date) && t.contains(ZhituVersion.current), "\(f) lacks the provenance")
        }
        let db = try Data(contentsOf: out.appendingPathComponent("graph.sqlite"))
        #expect(db.range(of: Data(p.configDigest.utf8)) != nil)
    }
}
