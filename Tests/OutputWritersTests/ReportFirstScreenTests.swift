// What an analyst sees on opening report.html: the most mentioned people and places as text
// on the first screen, labelled tables (organisations, places on the administrative tree), and a
// network that starts from the most connected named entities rather than every node.
import Foundation
import Testing
import ZhituCore
import OutputGraphJSON

@Suite(.serialized) struct ReportFirstScreenTests {
    /// The report with a script appended that records, on <body>, the text of the elements
    /// inside the first 1200×900 screen, then loaded in headless Chromium at that size.
    static func firstScreen(_ report: URL) throws -> (text: String, dom: String) {
        let probe = report.deletingLastPathComponent().appendingPathComponent("probe.html")
        var html = try String(contentsOf: report, encoding: .utf8)
        html = html.replacingOccurrences(of: "</body>", with: """
            <script>setTimeout(function () {
              var out = [];
              document.querySelectorAll("h2, h3, li, td").forEach(function (e) {
                var r = e.getBoundingClientRect();
                if (r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight) out.push(e.textContent.replace(/"/g, ""));
              });
              document.body.setAttribute("data-first-screen", out.join("|"));
            }, 200);</script>
            </body>
            """)
        try html.write(to: probe, atomically: true, encoding: .utf8)
        let profile = Tools.tempDir()
        defer { try? FileManager.default.removeItem(at: profile) }
        let r = try Tools.run(Tools.chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                                                "--window-size=1200,900", "--virtual-time-budget=3000", "--dump-dom", probe.absoluteString])
        guard r.status == 0 else { throw Tools.Failure(message: "chromium exited \(r.status): \(r.stderr.suffix(1000))") }
        return (bodyAttribute(r.stdout, "data-first-screen") ?? "", r.stdout)
    }

    @Test(.enabled(if: Tools.chromium != nil, Comment(rawValue: chromiumMissing)))
    func firstScreenNamesTheMostMentionedPeopleAndPlaces() throws {
        let dir = try OutputRecipesTests.project()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try GraphJSONReader.read(contentsOf: dir.appendingPathComponent("out/graph.json").path)
        func top(_ type: String, _ k: Int) -> [String] {
            g.nodes.filter { $0.type == type && $0.count > 0 }.sorted { ($0.count, $1.id) > ($1.count, $0.id) }.prefix(k).map(\.name)
        }
        let people = top("Person", 2), places = top("Place", 3)
        #expect(people.contains("王明远") && places.contains("天水市"))
        let (screen, dom) = try Self.firstScreen(dir.appendingPathComponent("out/report.html"))
        for name in people + places { #expect(screen.contains(name), "\(name) not on the first screen: \(screen)") }
        #expect(screen.contains("Most mentioned people") && screen.contains("Most mentioned places"))
        // the places table puts 麦积区 in 天水市 and 甘肃省, from the gazetteer
        let row = try #require(dom.components(separatedBy: "<tr>").first { $0.contains(">麦积区</a></td><td>county") })
        #expect(row.contains(">甘肃省</a>") && row.contains(">天水市</a>"))
        // the network starts from named entities only: no document or measurement drawn
        let named: Set<String> = ["Person", "Place", "Organization", "Slogan", "Term", "Title"]
        #expect(bodyAttribute(dom, "data-rendered") == String(min(60, g.nodes.filter { named.contains($0.type) }.count)))
        #expect(bodyAttribute(dom, "data-errors") == nil)
    }
}
