// Memory for large read-mostly look-up tables (trie edges, tagger weights): zeroed, 64-byte
// aligned and, from 2 MB up, on transparent huge pages where the system allows. A random
// look-up in a table of tens of MB otherwise misses the TLB as well as the cache.
import CPrefetch

public final class PageMemory: @unchecked Sendable {   // written while its table is built, then read-only
    public let base: UnsafeMutableRawPointer
    public let bytes: Int

    public init(bytes: Int) {
        guard let p = zt_alloc_huge(bytes) else { fatalError("out of memory for a \(bytes)-byte table") }
        base = p
        self.bytes = bytes
    }

    deinit { zt_free_huge(base) }
}
