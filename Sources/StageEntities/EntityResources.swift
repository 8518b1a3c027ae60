// The gazetteer and word lists of the entities stage, built once at start and shared read-only
// by every document: a class, so a document's builder holds one reference instead of copying
// a kilobyte of tries (and retaining every array in them) each time it reaches for one.
import ZhituCore

final class EntityResources: Sendable {
    let gazetteer: Gazetteer
    let titles: Trie
    /// Per title form: length of its organ prefix (0 if none).
    let titleOrganLength: [Int]
    let titleForms: Titles.Forms
    let orgHeads: Trie
    /// The heads of `orgHeads`, by its value.
    let orgHeadsByValue: [OrgHead]
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

    init(gazetteer: Gazetteer, nationalBodies: [String], landmarks: [String], knownPeople: [String], types: Set<String>, useNER: Bool,
         titles: Titles = .built()) {
        self.gazetteer = gazetteer
        self.types = types
        self.useNER = useNER
        (self.titles, titleForms, titleOrganLength) = (titles.trie, titles.forms, titles.organLength)
        orgHeads = Trie(Words.orgHeads)
        orgHeadsByValue = Words.orgHeads.map(OrgHead.init)
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
}
