// report.html in headless Chromium: loads offline without console errors, draws every node (#all),
// shows a node's evidence with the names highlighted, and stays responsive on large graphs.
import Foundation
import Testing
@testable import OutputReport
import ZhituCore

/// Loads a page in headless Chromium and returns the DOM after scripts ran, and the console.
func chromium(_ page: URL, fragment: String = "", budgetMS: Int = 3000) throws -> (dom: String, console: [String], seconds: Double) {
    let profile = Tools.tempDir()
    var url = page.absoluteString
    if !fragment.isEmpty { url += "#" + fragment.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed.subtracting(CharacterSet(charactersIn: "#%")))! }
    let t0 = Date()
    let r = try Tools.run(Tools.chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                                            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
                                            "--virtual-time-budget=\(budgetMS)", "--dump-dom", url])
    let seconds = Date().timeIntervalSince(t0)
    try? FileManager.default.removeItem(at: profile)
    guard r.status == 0 else { throw Tools.Failure(message: "chromium exited \(r.status): \(r.stderr.suffix(2000))") }
    let console = r.stderr.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }.map(String.init)
    return (r.stdout, console, seconds)
}

/// The value of `attr` on <body> in a dumped DOM.
func bodyAttribute(_ dom: String, _ attr: String) -> String? {
    guard let body = dom.range(of: "<body") else { return nil }
    let tag = dom[body.lowerBound...].prefix { $0 != ">" }
    guard let r = tag.range(of: "\(attr)=\"") else { return nil }
    return String(tag[r.upperBound...].prefix { $0 != "\"" })
}

let chromiumMissing = "chromium not found (apt-get install chromium; see scripts/install-output-checkers.sh)"

@Suite(.serialized) struct ReportTests {
    @Test func selfContainedAndEscaped() throws {
        let html = ReportWriter.render(Fixture.graph)
        for banned in ["http://", "https://", "src=\"", "<link rel=\"stylesheet\"", "@import"] {
            #expect(!html.contains(banned), "report.html refers to \(banned)")
        }
        // the names appear escaped in the tables, and nothing in the data ends the <script>
        #expect(html.contains(ReportWriter.esc(Fixture.person)))
        #expect(!html.contains(Fixture.person))
        let data = html.components(separatedBy: "id=\"graph-data\">")[1].components(separatedBy: "</script>")[0]
        #expect(!data.contains("<"))
    }

    @Test func networkViewOfAHugeGraphKeepsTheMostMentionedNodes() throws {
        let g = Fixture.large(ReportWriter.networkLimit + 600)
        let html = ReportWriter.render(g)
        #expect(html.contains("The network shows the \(ReportWriter.networkLimit) most mentioned of \(g.nodes.count) nodes"))
        #expect(html.contains("\(g.nodes.count) nodes, \(g.edges.count) edges"))
        let text = html.components(separatedBy: "id=\"graph-data\">")[1].components(separatedBy: "</script>")[0]
        let data = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let nodes = try #require(data["nodes"] as? [[String: Any]])
        let edges = try #require(data["edges"] as? [[String: Any]])
        #expect(nodes.count == ReportWriter.networkLimit)
        let least = g.nodes.map(\.count).sorted(by: >)[ReportWriter.networkLimit - 1]
        #expect(nodes.allSatisfy { ($0["c"] as? Int ?? 0) >= least })
        #expect(!edges.isEmpty)
        #expect(edges.allSatisfy { ($0["s"] as! Int) < nodes.count && ($0["t"] as! Int) < nodes.count })
    }

    @Test(.enabled(if: Tools.chromium != nil, Comment(rawValue: chromiumMissing)))
    func rendersInChromiumWithoutErrors() throws {
        let g = Fixture.graph
        let folder = try write("report")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let (dom, console, _) = try chromium(page, fragment: "node=person:\(Fixture.person)")
        #expect(console.isEmpty, "\(console)")
        #expect(bodyAttribute(dom, "data-errors") == nil)
        // the view starts from the named entities and brings in the selected person's neighbours
        let named: Set<String> = ["Person", "Place", "Organization", "Slogan", "Term", "Title"]
        let start = "person:\(Fixture.person)"
        var inView = Set(g.nodes.filter { named.contains($0.type) }.map(\.id))
        for e in g.edges where e.source == start || e.target == start { inView.insert(e.source); inView.insert(e.target) }
        #expect(bodyAttribute(dom, "data-rendered") == String(inView.count))
        // the side panel shows the selected person's evidence with the names highlighted
        let side = try #require(dom.components(separatedBy: "<div id=\"side\">").last)
        #expect(side.contains("<h3>\(ReportWriter.esc(Fixture.person).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'"))</h3>"))
        #expect(side.contains("<mark>"))
        #expect(side.contains("HOLDS"))
        // type filters were built for every node type
        for t in Set(g.nodes.map(\.type)) { #expect(dom.contains("\(t) ("), "no filter for \(t)") }
    }

    @Test(.enabled(if: Tools.chromium != nil, Comment(rawValue: chromiumMissing)))
    func screenshotShowsTheNetwork() throws {
        let dir = try write("report")
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = Tools.tempDir(), shot = dir.appendingPathComponent("shot.png")
        defer { try? FileManager.default.removeItem(at: profile) }
        let blank = dir.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body></body></html>".utf8).write(to: blank)
        func screenshot(_ page: URL, _ to: URL) throws -> Int {
            let r = try Tools.run(Tools.chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                                                    "--window-size=1200,900", "--virtual-time-budget=3000", "--screenshot=\(to.path)", page.absoluteString])
            #expect(r.status == 0, "\(r.stderr.suffix(1000))")
            return (try? FileManager.default.attributesOfItem(atPath: to.path)[.size] as? Int) ?? 0
        }
        let empty = try screenshot(blank, dir.appendingPathComponent("blank.png"))
        let size = try screenshot(dir.appendingPathComponent("report.html"), shot)
        // a drawn network, controls and tables compress far worse than a blank page
        #expect(size > max(20_000, empty * 5), "screenshot \(size) bytes, blank page \(empty)")
    }

    @Test(.enabled(if: Tools.chromium != nil, Comment(rawValue: chromiumMissing)))
    func largeGraphRendersWithoutFreezing() throws {
        let g = Fixture.large(1500)
        let dir = Tools.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ReportWriter().write(RunOutput(name: "large", documents: [], graph: g), to: dir)
        let (dom, console, seconds) = try chromium(dir.appendingPathComponent("report.html"), fragment: "all", budgetMS: 5000)
        #expect(console.isEmpty, "\(console)")
        #expect(bodyAttribute(dom, "data-rendered") == "1500")
        #expect(seconds < 30, "took \(seconds)s")
    }

    @Test(.enabled(if: Tools.chromium != nil, Comment(rawValue: chromiumMissing)))
    func seedCorpusReportRenders() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let out = Tools.tempDir()
        defer { try? FileManager.default.removeItem(at: out) }
        let config = out.appendingPathComponent("pipeline.json")
        let original = try String(contentsOf: corpus.appendingPathComponent("pipeline.json"), encoding: .utf8)
        // the repository's pipeline with the report as its only output
        let json = try JSONSerialization.jsonObject(with: Data(original.utf8)) as! [String: Any]
        var cfg = json
        cfg["input"] = corpus.appendingPathComponent("corpus").path
        cfg["output"] = out.path
        cfg["outputs"] = ["report"]
        try JSONSerialization.data(withJSONObject: cfg).write(to: config)
        let zhitu = try #require(zhituExecutable())
        let r = try Tools.run(zhitu, ["run", config.path, "--quiet"], cwd: corpus)
        #expect(r.status == 0, "\(r.stderr)")
        let (dom, console, _) = try chromium(out.appendingPathComponent("report.html"))
        #expect(console.isEmpty, "\(console)")
        let drawn = Int(bodyAttribute(dom, "data-rendered") ?? "") ?? 0
        #expect(drawn >= 5)
    }
}

/// The built `zhitu`, next to the test bundle.
func zhituExecutable() -> URL? {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while dir.path != "/" {
        let u = dir.appendingPathComponent("zhitu")
        if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        dir.deleteLastPathComponent()
    }
    return nil
}
