// Memory for large read-mostly look-up tables (trie edges, tagger weights): zeroed, 64-byte
// aligned and, from 2 MB up, on transparent huge pages where the system allows. A random
// look-up in a table of tens of MB otherwise misses the TLB as well as the cache.
// A table can also live in a mapped resource file (`ResourceImage`): then it is read-only.
import CPrefetch

public final class PageMemory: @unchecked Sendable {   // written while its table is built, then read-only
    public let base: UnsafeMutableRawPointer
    public let bytes: Int
    /// The mapped file the bytes belong to (nil: allocated here, freed at deinit).
    private let owner: AnyObject?
    /// False for bytes of a mapped file: a table on them must copy before it changes.
    public var writable: Bool { owner == nil }

    public init(bytes: Int) {
        guard let p = zt_alloc_huge(bytes) else { fatalError("out of memory for a \(bytes)-byte table") }
        base = p
        self.bytes = bytes
        owner = nil
    }

    /// `bytes` of a mapped file (read-only), kept mapped while this lives.
    public init(mapped: UnsafeRawBufferPointer, owner: MappedFile) {
        base = UnsafeMutableRawPointer(mutating: mapped.baseAddress ?? owner.base)
        bytes = mapped.count
        self.owner = owner
    }

    deinit { if owner == nil { zt_free_huge(base) } }
}
