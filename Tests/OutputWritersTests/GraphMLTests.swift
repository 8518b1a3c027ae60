// graph.graphml: well-formed XML that networkx reads back with every name, type and count intact.
import Foundation
import Testing
@testable import OutputGraphML
import ZhituCore

@Suite struct GraphMLTests {
    @Test(.enabled(if: Tools.xmllint != nil, "xmllint not found (apt-get install libxml2-utils; see scripts/install-output-checkers.sh)"))
    func wellFormedXML() throws {
        let dir = try write("graphml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Tools.run(Tools.xmllint!, ["--noout", dir.appendingPathComponent("graph.graphml").path])
        #expect(r.status == 0, "\(r.stderr)")
    }

    static let schemaURL = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

    /// Whether the GraphML schema can be fetched (it includes further schemas by URL).
    static let schemaReachable: Bool = {
        guard let curl = Tools.find("curl") else { return false }
        return (try? Tools.run(curl, ["-sfm", "5", "-o", "/dev/null", schemaURL]))?.status == 0
    }()

    @Test(.enabled(if: Tools.xmllint != nil && schemaReachable, "GraphML schema at \(schemaURL) not reachable (or no xmllint); well-formedness and networkx checks still run"))
    func validAgainstTheGraphMLSchema() throws {
        let dir = try write("graphml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Tools.run(Tools.xmllint!, ["--noout", "--schema", Self.schemaURL, dir.appendingPathComponent("graph.graphml").path])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test(.enabled(if: Tools.pythonHas("networkx"), "python3 with networkx not found (pip install networkx)"))
    func networkxReadsItBack() throws {
        let g = Fixture.graph
        let dir = try write("graphml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
        import json, sys, networkx as nx
        g = nx.read_graphml(sys.argv[1])
        nodes = {d["zhitu_id"]: {"name": d["name"], "type": d["type"], "count": d["count"], "count_type": type(d["count"]).__name__} for _, d in g.nodes(data=True)}
        edges = sorted([g.nodes[u]["zhitu_id"], d["type"], g.nodes[v]["zhitu_id"], d.get("org")] for u, v, d in g.edges(data=True))
        values = sorted(d["value"] for _, d in g.nodes(data=True) if "value" in d)
        # ids, sources and targets are XML names (the schema's xs:NMTOKEN and more)
        import re, xml.etree.ElementTree as ET
        start = "A-Z_a-z:\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\U00010000-\\U000EFFFF"
        name = re.compile("[" + start + "][" + start + "\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*")
        ns = "{http://graphml.graphdrawing.org/xmlns}"
        root = ET.parse(sys.argv[1]).getroot()
        refs = [e.get(a) for e in root.iter() for a in ("id", "source", "target", "key") if e.get(a) is not None]
        bad = [r for r in refs if not name.fullmatch(r)]
        keys = {k.get("id"): k for k in root.iter(ns + "key")}
        untyped = [k for k, e in keys.items() if e.get("attr.type") not in ("boolean", "int", "long", "float", "double", "string")]
        undeclared = sorted({d.get("key") for d in root.iter(ns + "data")} - set(keys))
        print(json.dumps({"nodes": nodes, "edges": edges, "directed": g.is_directed(), "name": g.graph.get("name"), "values": values,
                          "bad_names": bad, "untyped": untyped, "undeclared": undeclared, "refs": len(refs)}))
        """
        let out = try Tools.python(script, [dir.appendingPathComponent("graph.graphml").path]) as! [String: Any]
        let nodes = out["nodes"] as! [String: [String: Any]]
        #expect(nodes.count == g.nodes.count)
        for n in g.nodes {
            #expect(nodes[n.id]?["name"] as? String == n.name, "node \(n.id)")
            #expect(nodes[n.id]?["type"] as? String == n.type)
            #expect(nodes[n.id]?["count"] as? Int == n.count)
            #expect(nodes[n.id]?["count_type"] as? String == "int")
        }
        #expect(nodes["person:\(Fixture.person2)"]?["name"] as? String == Fixture.person2)   // newline kept
        let edges = out["edges"] as! [[Any]]
        #expect(edges.count == g.edges.count)
        #expect(edges.contains { $0[0] as? String == "person:\(Fixture.person)" && $0[1] as? String == "HOLDS"
            && $0[2] as? String == "title:\(Fixture.title)" && $0[3] as? String == Fixture.org })
        #expect(out["directed"] as? Bool == true)
        #expect(out["name"] as? String == "测试 \"fixture\" <&>")
        #expect(out["values"] as? [Double] == [3.5, 12])
        #expect(out["bad_names"] as? [String] == [])
        #expect(out["untyped"] as? [String] == [])
        #expect(out["undeclared"] as? [String] == [])
        #expect((out["refs"] as? Int ?? 0) > 2 * g.nodes.count)
    }

    @Test(.enabled(if: Tools.pythonHas("igraph"), "python3 with igraph not found (pip install igraph)"))
    func igraphReadsItBack() throws {
        let g = Fixture.graph
        let dir = try write("graphml")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
        import json, sys, igraph
        g = igraph.Graph.Read_GraphML(sys.argv[1])
        names = {v["zhitu_id"]: v["name"] for v in g.vs}
        holds = [(g.vs[e.source]["name"], g.vs[e.target]["name"], e["org"]) for e in g.es if e["type"] == "HOLDS"]
        print(json.dumps({"names": names, "edges": g.ecount(), "directed": g.is_directed(), "holds": holds}))
        """
        let out = try Tools.python(script, [dir.appendingPathComponent("graph.graphml").path]) as! [String: Any]
        #expect(out["names"] as? [String: String] == Dictionary(uniqueKeysWithValues: g.nodes.map { ($0.id, $0.name) }))
        #expect(out["edges"] as? Int == g.edges.count)
        #expect(out["directed"] as? Bool == true)
        #expect(out["holds"] as? [[String]] == [[Fixture.person, Fixture.title, Fixture.org]])
    }

    @Test func idsAreXMLNamesAndDistinct() {
        let ids = ["person:张三", "person:张_三", "person:张__三", "person:张 三", "person:张_x20_三", "9lives", "", "_", "a\"b<c>&d,e\nf", "person:张三;李四"]
        let mapped = ids.map(GraphMLWriter.xmlID)
        #expect(Set(mapped).count == ids.count)
        for m in mapped {
            let scalars = Array(m.unicodeScalars)
            #expect(GraphMLWriter.isNameStart(scalars[0]), "\(m)")
            #expect(scalars.allSatisfy(GraphMLWriter.isNameChar), "\(m)")
        }
        #expect(GraphMLWriter.xmlID("person:张三") == "person:张三")
    }

    @Test func everyAttributeHasATypedKey() {
        let text = GraphMLWriter.render(Fixture.graph)
        for line in text.split(separator: "\n") where line.contains("<key ") {
            #expect(line.contains("attr.type=\""), "\(line)")
        }
        #expect(text.contains("attr.name=\"count\" attr.type=\"int\""))
        #expect(text.contains("attr.name=\"value\" attr.type=\"double\""))
        // every <data key> refers to a declared key
        func values(after marker: String) -> Set<String> {
            Set(text.components(separatedBy: marker).dropFirst().map { String($0.prefix { $0 != "\"" }) })
        }
        let declared = values(after: "<key id=\""), used = values(after: "<data key=\"")
        #expect(!used.isEmpty)
        #expect(used.isSubset(of: declared))
    }
}
