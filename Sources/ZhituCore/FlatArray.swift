// A read-only array of integers kept little-endian, either in memory it owns or in a mapped
// resource file (`ResourceImage`): a table built from text and the same table mapped from an
// image are read by one code path, and mapping one costs neither a copy nor a pass over it.
import Foundation

struct FlatArray<Element: FixedWidthInteger>: @unchecked Sendable {   // never written after init
    private let base: UnsafePointer<Element>?
    let count: Int
    /// Keeps `base` valid: the `MappedFile` it lies in, or the `Table` it was filled in.
    private let owner: AnyObject?

    /// The elements of `a`, copied.
    init(_ a: [Element]) {
        let table = Table(repeating: 0, count: a.count)
        for i in a.indices { table[i] = a[i] }
        self.init(table)
    }

    /// The elements of `table`, in place: the table must not change after (a builder's last step).
    init(_ table: Table) {
        base = UnsafePointer(table.pointer)
        count = table.count
        owner = table
    }

    /// The elements stored in `section` of `file`, in place; nil when the section is not a whole
    /// number of aligned elements (sections start on 64-byte boundaries, so only damage does that).
    init?(mapped section: UnsafeRawBufferPointer, in file: MappedFile) {
        let size = MemoryLayout<Element>.stride
        guard section.count % size == 0, Int(bitPattern: section.baseAddress) % MemoryLayout<Element>.alignment == 0 else { return nil }
        base = section.baseAddress?.assumingMemoryBound(to: Element.self)
        count = section.count / size
        owner = file
    }

    /// Element `i`; an index out of range (only a damaged image holds one) stops the process
    /// rather than read past the table.
    subscript(_ i: Int) -> Element {
        precondition(i >= 0 && i < count, "index \(i) out of a table of \(count) (a damaged image?)")
        return Element(littleEndian: base![i])
    }

    /// The elements as the little-endian bytes an image section holds.
    var bytes: [UInt8] {
        guard let base else { return [] }
        return Array(UnsafeRawBufferPointer(start: base, count: count * MemoryLayout<Element>.stride))
    }

    /// Memory filled in place before a `FlatArray` takes it over, so that a table built at
    /// start is not copied once more (each copy of a table of megabytes faults every page again).
    final class Table {
        let pointer: UnsafeMutablePointer<Element>
        let count: Int

        init(repeating v: Element, count: Int) {
            pointer = .allocate(capacity: max(count, 1))
            pointer.initialize(repeating: v.littleEndian, count: max(count, 1))
            self.count = count
        }

        /// Element `i` (unchecked: the builders index it within its count).
        subscript(_ i: Int) -> Element {
            get { Element(littleEndian: pointer[i]) }
            set { pointer[i] = newValue.littleEndian }
        }

        deinit { pointer.deallocate() }
    }
}

extension FlatArray where Element == UInt8 {
    /// The bytes `lo..<hi`, checked against the table's bounds like the subscript.
    func slice(_ lo: Int32, _ hi: Int32) -> UnsafeBufferPointer<UInt8> {
        precondition(lo >= 0 && lo <= hi && Int(hi) <= count, "bytes \(lo)..<\(hi) out of \(count) (a damaged image?)")
        return UnsafeBufferPointer(start: base.map { $0 + Int(lo) }, count: Int(hi - lo))
    }
}
