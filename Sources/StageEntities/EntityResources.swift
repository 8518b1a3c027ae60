// The gazetteer and word lists of the entities stage, built once at start and shared read-only
// by every document: a class, so a document's builder holds one reference instead of copying
// a kilobyte of tries (and retaining every array in them) each time it reaches for one.
import ZhituCore

final class EntityResources: Sendable {
    let gazetteer: Gazetteer
    let titles: Trie
    /// Per title form: length of its organ prefix (0 if none).
    let titleOrganLength: [Int]
    let titleForms: TitleForms
    let orgHeads: Trie
    let orgHeadForms: [String]
    let uniqueOrgs: Trie
    let afterName: Trie
    let venues: Trie
    let speech: Trie
    /// Gazetteer forms of `Words.genericUnitNames` (城区 …), never matched; see `isBlocked`.
    let genericForms: Set<Int>
    let introducers: Trie
    /// `Words.addressAfterSurname` (女士, 师傅 …).
    let addressForms: Trie
    /// `Words.bodyBylineRoles`, the value the index.
    let bylineRoles: Trie
    let landmarks: Trie
    /// People named often in the news (known-people.txt).
    let knownPeople: Trie
    let types: Set<String>
    let useNER: Bool

    init(gazetteer: Gazetteer, nationalBodies: [String], landmarks: [String], knownPeople: [String], types: Set<String>, useNER: Bool) {
        self.gazetteer = gazetteer
        self.types = types
        self.useNER = useNER
        (titles, titleForms, titleOrganLength) = EntityResources.buildTitles()
        orgHeads = Trie(Words.orgHeads)
        orgHeadForms = Words.orgHeads
        uniqueOrgs = Trie(nationalBodies)
        afterName = Trie(Words.afterName)
        venues = Trie(Words.venues)
        speech = Trie(Words.speechVerbs + ["同志"])
        genericForms = Set(Words.genericUnitNames.compactMap { gazetteer.formIndex[$0] })
        introducers = Trie(Words.nameIntroducers)
        addressForms = Trie(Words.addressAfterSurname)
        bylineRoles = Trie(Words.bodyBylineRoles.map(\.word))
        self.landmarks = Trie(Words.landmarks + landmarks)
        self.knownPeople = Trie(knownPeople)
    }

    func blockedLOC(_ t: String) -> Bool {
        if let f = gazetteer.formIndex[t] { return isBlocked(f) }
        return Words.genericUnitNames.contains(t)
    }

    /// Whether gazetteer form `f` is a common noun or a zone (城区, 经济技术开发区), never matched:
    /// a generic name, or the full name of a township named like a zone. Decided per form
    /// when matched (testing all 46k units at start was a tenth of the stage's start-up).
    func isBlocked(_ f: Int) -> Bool {
        if genericForms.contains(f) { return true }
        let g = gazetteer
        guard g.forms.kind(f) == .full else { return false }
        // the townships whose full name is this form are among its units
        return g.forms.units(f).contains { u in
            guard g.units.level(Int(u)) == .township else { return false }
            let name = g.units.name(Int(u))
            return EntityResources.isZone(name) && g.formIndex[name] == f
        }
    }

    /// Zone suffixes tested on scalars for Han names (String.hasSuffix was slow); other names as Strings.
    static let zoneSuffixes = Words.zoneSuffixes.map { Array($0.unicodeScalars) }
    static func isZone(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard scalars.allSatisfy(\.isPlain) else { return Words.zoneSuffixes.contains(where: { name.hasSuffix($0) }) }
        return zoneSuffixes.contains { scalars.count >= $0.count && scalars[(scalars.count - $0.count)...].elementsEqual($0) }
    }

    /// The title forms by trie value, each a prefix (organ + modifier, or a level) and a suffix
    /// (a base title or a representative's role), joined when read: the 19k composed forms
    /// built as Strings at start were a tenth of a short run.
    struct TitleForms: Sendable {
        let prefixes: [String], suffixes: [String]
        var parts: [(prefix: Int32, suffix: Int32)] = []
        subscript(_ i: Int) -> String { prefixes[Int(parts[i].prefix)] + suffixes[Int(parts[i].suffix)] }
    }

    static func buildTitles() -> (Trie, TitleForms, [Int]) {
        let (o, m, b) = (Words.organs, Words.modifiers, Words.baseTitles)
        let roles = Words.representativeRoles, levels = Words.levelPrefixes
        // prefixes: organ + modifier for each pair, then "" and the level prefixes; suffixes: base titles, then roles
        let prefixes = o.flatMap { organ in m.map { organ + $0 } } + [""] + levels
        var forms = TitleForms(prefixes: prefixes, suffixes: b + roles)
        let prefixScalars = prefixes.map { Array($0.unicodeScalars) }, suffixScalars = forms.suffixes.map { Array($0.unicodeScalars) }
        func scalars(_ l: [String]) -> Int { l.reduce(0) { $0 + $1.unicodeScalars.count } }
        // an upper bound of the edges: each organ's path once, each modifier's once per organ, each base title's once per both
        let composed = scalars(o) + o.count * scalars(m) + o.count * m.count * scalars(b)
        let roleEdges = scalars(roles) * (1 + levels.count) + roles.count * scalars(levels)
        var trie = Trie(reservingEdges: composed + roleEdges, entries: o.count * m.count * b.count + roles.count * (1 + levels.count))
        var organLength: [Int] = []
        var buffer: [Unicode.Scalar] = []
        // first form wins: the trie tells a repeat
        func add(_ p: Int, _ s: Int, _ organ: Int) {
            buffer.removeAll(keepingCapacity: true)
            buffer += prefixScalars[p]
            buffer += suffixScalars[s]
            guard trie.insertIfAbsent(scalars: buffer, value: Int32(forms.parts.count)) else { return }
            forms.parts.append((Int32(p), Int32(s)))
            organLength.append(organ)
        }
        for (oi, organ) in o.enumerated() {
            let organScalars = organ.unicodeScalars.count
            for (mi, mod) in m.enumerated() {
                for (bi, base) in b.enumerated() where !(mod == "副" && base.hasPrefix("副")) {
                    add(oi * m.count + mi, bi, organScalars)
                }
            }
        }
        let none = o.count * m.count
        for (ri, _) in roles.enumerated() {
            add(none, b.count + ri, 0)
            for li in levels.indices { add(none + 1 + li, b.count + ri, 0) }
        }
        return (trie, forms, organLength)
    }
}
