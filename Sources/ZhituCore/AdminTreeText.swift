// A gazetteer TSV read into the columns the administrative tree keeps: the names, codes and
// aliases copied back to back (the rest of each line is not needed once read), and per unit its
// bounds in them, parent and level. `AdminTree.init(tsv:file:)` indexes them.
struct AdminTreeColumns {
    var text: [UInt8] = [], names: [Int32] = [], codes: [Int32] = [], parents: [Int32] = [], levels: [UInt8] = []
    /// Aliases of every unit as ranges of `text`, flat: unit i's are aliases[aliasStarts[i]..<aliasStarts[i + 1]].
    var aliases: [Range<Int32>] = [], aliasStarts: [Int32] = []

    /// The units of TSV bytes `b` (`file` names them in errors).
    static func read(_ b: UnsafeBufferPointer<UInt8>, file: String) throws -> AdminTreeColumns {
        var t = AdminTreeColumns()
        t.text.reserveCapacity(b.count)
        t.aliasStarts.reserveCapacity(b.count / 24 + 1)
        var n = 0, lineStart = 0
        var cols: [Range<Int32>] = []
        cols.reserveCapacity(8)
        // Split as bytes: tab and line feed never join a grapheme, so the cuts are those of a
        // String split, without its grapheme breaking over the whole file.
        while lineStart < b.count {
            let lineEnd = b[lineStart...].firstIndex(of: 0x0A) ?? b.count
            defer { lineStart = lineEnd + 1 }
            n += 1
            if lineEnd == lineStart || b[lineStart] == UInt8(ascii: "#") { continue }
            cols.removeAll(keepingCapacity: true)
            var c = lineStart
            for i in lineStart...lineEnd where i == lineEnd || b[i] == 0x09 {
                cols.append(Int32(c)..<Int32(i))
                c = i + 1
            }
            guard cols.count == 5, let parent = int(b, cols[2]), cols[1].count == 1, AdminTree.levelNames[b[Int(cols[1].lowerBound)]] != nil else {
                throw LexiconError(file: file, line: n, message: "expected name, level (P/D/C/T), parent, code, aliases")
            }
            t.add(b, name: cols[0], level: b[Int(cols[1].lowerBound)], parent: parent, code: cols[3], aliases: cols[4])
        }
        t.aliasStarts.append(Int32(t.aliases.count))
        return t
    }

    /// Adds the unit of one line, its fields given as ranges of `b`.
    private mutating func add(_ b: UnsafeBufferPointer<UInt8>, name: Range<Int32>, level: UInt8, parent: Int32, code: Range<Int32>,
                              aliases list: Range<Int32>) {
        let name = keep(b, name), code = keep(b, code)
        names.append(name.lowerBound); names.append(name.upperBound)
        codes.append(code.lowerBound); codes.append(code.upperBound)
        parents.append(parent)
        levels.append(level)
        aliasStarts.append(Int32(aliases.count))
        var a = Int(list.lowerBound)
        for i in a...Int(list.upperBound) where i == Int(list.upperBound) || b[i] == UInt8(ascii: ",") {
            if i > a { aliases.append(keep(b, Int32(a)..<Int32(i))) }
            a = i + 1
        }
    }

    /// Appends `b[r]` to `text`; its range there.
    private mutating func keep(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int32>) -> Range<Int32> {
        let start = Int32(text.count)
        text.append(contentsOf: UnsafeBufferPointer(rebasing: b[Int(r.lowerBound)..<Int(r.upperBound)]))
        return start..<Int32(text.count)
    }

    /// The decimal integer (optionally negative) in `b[r]`.
    static func int(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int32>) -> Int32? {
        var i = Int(r.lowerBound)
        let negative = i < Int(r.upperBound) && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < Int(r.upperBound), Int(r.upperBound) - i <= 9 else { return nil }
        var v: Int32 = 0
        for k in i..<Int(r.upperBound) {
            guard (0x30...0x39).contains(b[k]) else { return nil }
            v = v * 10 + Int32(b[k] - 0x30)
        }
        return negative ? -v : v
    }
}
