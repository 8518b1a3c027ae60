// The run's provenance in PROV-O: the run is a prov:Activity (z:Run) started at the run date,
// associated with zhitu and with each stage as a prov:SoftwareAgent (its name, registered stage
// and version), and carrying the config's SHA-256.
import ZhituCore

extension RDFWriter {
    /// The run's IRI: the run date and the config (runs of two configs at one date, as under
    /// SOURCE_DATE_EPOCH, are two activities).
    static func runIRI(_ p: Provenance) -> String { base + "run:" + encode(p.date) + ":" + p.configDigest.prefix(12) }

    /// The run activity, then zhitu and every stage as agents.
    static func runResources(_ p: Provenance) -> [Resource] {
        let run = runIRI(p)
        let zhitu = base + "software:zhitu:" + encode(p.zhitu)
        let stages = p.stages.map { (iri: run + ":stage:" + encode($0.name), stamp: $0) }
        var props: [(String, [Object])] = [
            ("rdf:type", [.iri("prov:Activity"), .iri("z:Run")]),
            ("prov:startedAtTime", [typed(p.date, "xsd:dateTime")]),
            ("prov:wasAssociatedWith", [.iri(zhitu)] + stages.map { .iri($0.iri) }),
            ("z:zhitu", [plain(p.zhitu)]),
            ("z:config_sha256", [plain(p.configDigest)]),
            ("z:stages", [plain(p.stagesJSON)]),
        ]
        if let name = p.name { props.append(("schema:name", [text(name)])) }
        if let icu = p.icu { props.append(("z:icu", [plain(icu)])) }
        var out = [Resource(iri: run, properties: props)]
        out.append(Resource(iri: zhitu, properties: [
            ("rdf:type", [.iri("prov:SoftwareAgent"), .iri("schema:SoftwareApplication")]),
            ("schema:name", [plain("zhitu")]), ("schema:softwareVersion", [plain(p.zhitu)]),
        ]))
        for s in stages {
            out.append(Resource(iri: s.iri, properties: [
                ("rdf:type", [.iri("prov:SoftwareAgent"), .iri("z:Stage")]),
                ("schema:name", [plain(s.stamp.name)]), ("z:use", [plain(s.stamp.use)]),
                ("schema:softwareVersion", [plain(s.stamp.version)]),
            ]))
        }
        return out
    }
}
