// The tagger's model file. `ZTNER04` (what `zhitu train` writes) holds the look-up tables as
// tagging reads them, and the place list's trie, in a `ResourceImage`: loading maps the file
// and builds nothing, so a run starts in milliseconds and parallel processes share the pages.
// `ZTNER03` (rows of int8 weights, the tables built at load, the place list in X.places.txt)
// still loads, the slow way; `zhitu train --convert` rewrites it as ZTNER04.
import Foundation
import ZhituCore

extension TaggerModel {
    static let imageMagic: [UInt8] = Array("ZTNER04\n".utf8)
    static let rebuildHint = "rebuild it with `zhitu train` (or `zhitu train --convert` for an older model file)"

    /// Section order: meta, transitions, small rows, hot and cold tables (tag bytes, slots),
    /// each n-gram kind's table (tag bytes, slots), the place list's trie.
    static var imageSections: Int { 3 + 2 * (2 + Features.gramSlots.count) + 1 }

    /// The model and the place list it was trained with, as one ZTNER04 file.
    public func image(places: PlaceGazetteer) -> [UInt8] {
        var meta = ImageFields()
        for v in [Tags.count, Features.count, featureCount, Int(unit.bitPattern), Features.gramSlots.count, small.bytes] { meta.append(v) }
        var transitions = ImageFields()
        transitions.append(contentsOf: rawTransitions.map { $0.bitPattern.littleEndian })
        var sections = [meta.bytes, transitions.bytes, Array(UnsafeRawBufferPointer(start: small.base, count: small.bytes))]
        for table in [hot, cold] + grams { sections += [table.tagBytes, table.slots] }
        sections.append(places.trie.image)
        return ResourceImage.encode(magic: TaggerModel.imageMagic, sections: sections)
    }

    /// Writes the model and its place list to `url` (ZTNER04), whole or not at all.
    public func write(to url: URL, places: PlaceGazetteer) throws {
        try ResourceImage.write(image(places: places), to: url)
    }

    /// The model (and place list) of a ZTNER04 file, mapped. Errors name the file.
    static func mapped(_ url: URL) throws -> (TaggerModel, PlaceGazetteer) {
        let path = url.path
        let image = try ResourceImage(path: path, magic: imageMagic, hint: rebuildHint)
        func bad(_ why: String) -> ResourceImageError { ResourceImageError(file: path, reason: "\(why); \(rebuildHint)") }
        let s = image.sections
        guard s.count == imageSections else { throw bad("\(s.count) sections, expected \(imageSections)") }
        let meta = (0..<6).compactMap { ImageFields.int(s[0], $0) }
        let smallBytes = Features.smallSizes.reduce(0, +) * SlotTable.rowBytes
        guard meta.count == 6, meta[0] == Tags.count, meta[1] == Features.count, meta[4] == Features.gramSlots.count else {
            throw bad("built for another tag set or feature set")
        }
        guard meta[5] == smallBytes, s[2].count == smallBytes,
              let raw = ImageFields.array(s[1], of: UInt32.self), raw.count == (Tags.count + 1) * Tags.count else {
            throw bad("damaged (table sizes do not match the feature set)")
        }
        func memory(_ i: Int) -> PageMemory { PageMemory(mapped: s[i], owner: image.file) }
        var tables: [SlotTable] = []
        for (i, subRows) in ([1, 1] + Features.gramSlots).enumerated() {
            guard let t = SlotTable(tags: memory(3 + 2 * i), slots: memory(4 + 2 * i), subRows: subRows) else {
                throw bad("damaged (table \(i + 1) has a size its rows do not fit)")
            }
            tables.append(t)
        }
        guard let trie = Trie(image: s[s.count - 1], in: image.file) else { throw bad("damaged (the place list)") }
        let model = TaggerModel(featureCount: meta[2], unit: Float(bitPattern: UInt32(truncatingIfNeeded: meta[3])),
                                transitions: raw.map { Float(bitPattern: UInt32(littleEndian: $0)) },
                                small: memory(2), hot: tables[0], cold: tables[1], grams: Array(tables[2...]))
        return (model, PlaceGazetteer(trie: trie))
    }

    /// A model from tables read from a file (no rows).
    init(featureCount: Int, unit: Float, transitions: [Float], small: PageMemory, hot: SlotTable, cold: SlotTable, grams: [SlotTable]) {
        rows = nil
        self.unit = unit
        self.featureCount = featureCount
        rawTransitions = transitions
        self.transitions = TaggerModel.constrain(transitions)
        self.small = small
        smallBase = Features.smallSizes.indices.map { Features.smallSizes[..<$0].reduce(0, +) }
        self.hot = hot
        self.cold = cold
        self.grams = grams
    }

    /// The model and place list at `url`: a ZTNER04 file mapped, or a ZTNER03 file with its
    /// place list in X.places.txt beside it.
    public static func load(_ url: URL) throws -> (model: TaggerModel, places: PlaceGazetteer) {
        if isLegacy(url) {
            return (try TaggerModel(legacy: url), try PlaceGazetteer(contentsOf: NERStage.placesURL(forModel: url)))
        }
        return try mapped(url)
    }

    /// The model at `url`, either format (a ZTNER04 file's place list is not read).
    public init(contentsOf url: URL) throws {
        self = try TaggerModel.isLegacy(url) ? TaggerModel(legacy: url) : TaggerModel.mapped(url).0
    }

    /// True if the file starts with the ZTNER03 magic.
    static func isLegacy(_ url: URL) -> Bool {
        guard let h = FileHandle(forReadingAtPath: url.path) else { return false }   // the mapping reports why
        defer { try? h.close() }
        return (try? h.read(upToCount: 8)).flatMap { $0 }.map { Array($0) == TaggerModel.magic } ?? false
    }

    /// A ZTNER03 file: header, transitions, then per row its key, template, scale and int8 weights.
    init(legacy url: URL) throws {
        let d = try ReadableFile.data(url.path)   // a device or folder is a one-line error
        let name = url.lastPathComponent
        let t = Tags.count
        let model: TaggerModel = try d.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard raw.count >= 20, Array(raw[0..<8]) == TaggerModel.magic else { throw TaggerModelError.malformed(name, "bad header") }
            func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
            guard u32(8) == UInt32(t), u32(12) == UInt32(Features.count) else {
                throw TaggerModelError.malformed(name, "built for another tag set or feature set")
            }
            let n = Int(u32(16))
            var at = 20
            let need = at + (t + 1) * t * 4 + n * 4 + n + n * 4 + n * t
            guard raw.count == need else { throw TaggerModelError.malformed(name, "size \(raw.count), expected \(need)") }
            var trans = [Float](repeating: 0, count: (t + 1) * t)
            for i in 0..<trans.count { trans[i] = Float(bitPattern: u32(at)); at += 4 }
            func array<T>(_ count: Int, _ zero: T) -> [T] {
                var a = [T](repeating: zero, count: count)
                let size = count * MemoryLayout<T>.stride
                a.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[at..<(at + size)])) }
                at += size
                return a
            }
            let keys: [UInt32] = array(n, 0)
            let templates: [UInt8] = array(n, 0)
            guard templates.allSatisfy({ Int($0) < Features.count }) else { throw TaggerModelError.malformed(name, "a row names an unknown template") }
            let scales: [Float] = array(n, 0)
            let q: [Int8] = array(n * t, 0)
            return TaggerModel(keys32: keys, templates: templates, quantized: q, scales: scales, transitions: trans)
        }
        self = model
    }
}
