// The gazetteer and word lists of the entities stage, built once at start and shared read-only
// by every document: a class, so a document's builder holds one reference instead of copying
// a kilobyte of tries (and retaining every array in them) each time it reaches for one.
import ZhituCore

final class EntityResources: Sendable {
    let gazetteer: Gazetteer
    let titles: Trie
    /// Per title form: length of its organ prefix (0 if none).
    let titleOrganLength: [Int]
    let titleForms: [String]
    let orgHeads: Trie
    let orgHeadForms: [String]
    let uniqueOrgs: Trie
    let afterName: Trie
    let venues: Trie
    let speech: Trie
    /// Gazetteer forms that are common nouns or zones (城区, 经济技术开发区), never matched.
    let blockedForms: [Bool]
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
        blockedForms = EntityResources.blocked(gazetteer)
        introducers = Trie(Words.nameIntroducers)
        addressForms = Trie(Words.addressAfterSurname)
        bylineRoles = Trie(Words.bodyBylineRoles.map(\.word))
        self.landmarks = Trie(Words.landmarks + landmarks)
        self.knownPeople = Trie(knownPeople)
    }

    func blockedLOC(_ t: String) -> Bool {
        if let f = gazetteer.formIndex[t] { return blockedForms[f] }
        return Words.genericUnitNames.contains(t)
    }

    static func blocked(_ g: Gazetteer) -> [Bool] {
        var b = [Bool](repeating: false, count: g.forms.count)
        for name in Words.genericUnitNames { if let f = g.formIndex[name] { b[f] = true } }
        // Zone suffixes tested on scalars for Han names (String.hasSuffix on every township was
        // most of the stage's start-up); other names as Strings.
        let zoneSuffixes = Words.zoneSuffixes.map { Array($0.unicodeScalars) }
        func isZone(_ name: String) -> Bool {
            let scalars = Array(name.unicodeScalars)
            guard scalars.allSatisfy(\.isPlain) else { return Words.zoneSuffixes.contains(where: { name.hasSuffix($0) }) }
            return zoneSuffixes.contains { scalars.count >= $0.count && scalars[(scalars.count - $0.count)...].elementsEqual($0) }
        }
        for u in g.units where u.level == .township && isZone(u.name) {
            if let f = g.formIndex[u.name], g.forms[f].kind == .full { b[f] = true }
        }
        return b
    }

    static func buildTitles() -> (Trie, [String], [Int]) {
        var forms: [String] = []
        var organLength: [Int] = []
        var trie = Trie()
        // first form wins; the trie itself tells a repeat (a Set<String> cost more than the trie)
        func add(_ s: String, _ organ: Int) {
            guard trie.value(of: s) == nil else { return }
            trie.insert(s, value: Int32(forms.count))
            forms.append(s)
            organLength.append(organ)
        }
        for organ in Words.organs {
            for m in Words.modifiers {
                for b in Words.baseTitles where !(m == "副" && b.hasPrefix("副")) {
                    add(organ + m + b, organ.unicodeScalars.count)
                }
            }
        }
        for role in Words.representativeRoles {
            add(role, 0)
            for p in Words.levelPrefixes { add(p + role, 0) }
        }
        return (trie, forms, organLength)
    }
}
