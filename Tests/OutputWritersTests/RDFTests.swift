// graph.ttl and graph.jsonld: rdflib parses both to the same graph, with names as @zh
// literals, schema.org types and a Web Annotation TextPositionSelector per evidence.
import Foundation
import Testing
@testable import OutputRDF
import ZhituCore

@Suite struct RDFTests {
    static let reader = #"""
    import json, sys
    from rdflib import Graph, Namespace, RDF, URIRef
    from rdflib.compare import isomorphic
    ttl = Graph().parse(sys.argv[1], format="turtle")
    jsonld = Graph().parse(sys.argv[2], format="json-ld")
    SDO = Namespace("http://schema.org/"); OA = Namespace("http://www.w3.org/ns/oa#")
    nodes = {}
    for s, ident in ttl.subject_objects(SDO.identifier):
        name = ttl.value(s, SDO.name)
        nodes[str(ident)] = {"iri": str(s), "name": str(name), "lang": name.language,
                             "types": sorted(str(t) for t in ttl.objects(s, RDF.type))}
    selectors = [(int(ttl.value(x, OA.start)), int(ttl.value(x, OA.end))) for x in ttl.subjects(RDF.type, OA.TextPositionSelector)]
    holds = [(str(a), str(b)) for a, b in ttl.subject_objects(URIRef("urn:zhitu:vocab:HOLDS"))]
    print(json.dumps({"triples": len(ttl), "jsonld_triples": len(jsonld), "isomorphic": isomorphic(ttl, jsonld),
                      "nodes": nodes, "selectors": sorted(selectors), "holds": holds}))
    """#

    @Test(.enabled(if: Tools.pythonHas("rdflib"), "python3 with rdflib not found (pip install rdflib)"))
    func rdflibParsesTurtleAndJSONLDAlike() throws {
        let g = Fixture.graph
        let dir = try write("rdf")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try Tools.python(Self.reader, [dir.appendingPathComponent("graph.ttl").path, dir.appendingPathComponent("graph.jsonld").path]) as! [String: Any]
        #expect((out["triples"] as! Int) > 50)
        #expect(out["triples"] as? Int == out["jsonld_triples"] as? Int)
        #expect(out["isomorphic"] as? Bool == true)
        let nodes = out["nodes"] as! [String: [String: Any]]
        #expect(nodes.count == g.nodes.count)
        for n in g.nodes {
            #expect(nodes[n.id]?["name"] as? String == n.name, "\(n.id)")
            #expect(nodes[n.id]?["lang"] as? String == "zh")
            #expect(nodes[n.id]?["iri"] as? String == RDFWriter.nodeIRI(n.id))
        }
        #expect((nodes["person:\(Fixture.person)"]?["types"] as? [String])?.contains("http://schema.org/Person") == true)
        #expect((nodes["doc:d1"]?["types"] as? [String])?.contains("http://schema.org/CreativeWork") == true)
        let selectors = out["selectors"] as! [[Int]]
        #expect(selectors.count == g.edges.reduce(0) { $0 + $1.evidence.count })
        #expect(selectors.contains([20, 40]))
        let holds = out["holds"] as! [[String]]
        #expect(holds == [[RDFWriter.nodeIRI("person:\(Fixture.person)"), RDFWriter.nodeIRI("title:\(Fixture.title)")]])
    }

    @Test(.enabled(if: Tools.find("rapper") != nil, "rapper not found (apt-get install raptor2-utils)"))
    func rapperParsesTurtle() throws {
        let dir = try write("rdf")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Tools.run(Tools.find("rapper")!, ["-i", "turtle", "-c", dir.appendingPathComponent("graph.ttl").path])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test func irisAreMintedFromIDs() {
        #expect(RDFWriter.nodeIRI("person:张三") == "urn:zhitu:person:张三")
        #expect(RDFWriter.nodeIRI("place:北京 上海") == "urn:zhitu:place:北京%20上海")
        #expect(RDFWriter.nodeIRI("a<b>\"c\"{d}|e^f`g\\h") == "urn:zhitu:a%3Cb%3E%22c%22%7Bd%7D%7Ce%5Ef%60g%5Ch")
        #expect(RDFWriter.nodeIRI("x\u{3000}y%") == "urn:zhitu:x%E3%80%80y%25")
    }
}
