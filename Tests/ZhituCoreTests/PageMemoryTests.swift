// PageMemory: the tables built on it (tagger slots, trie edges) rely on zeroed, 64-byte-aligned memory.
import Testing
import ZhituCore

@Suite struct PageMemoryTests {
    @Test(arguments: [1, 100, 4096, 3 << 20])
    func memoryIsZeroedAndCacheLineAligned(bytes: Int) {
        let m = PageMemory(bytes: bytes)
        #expect(Int(bitPattern: m.base) % 64 == 0)
        #expect(m.bytes == bytes)
        let raw = UnsafeRawBufferPointer(start: m.base, count: bytes)
        #expect(raw.allSatisfy { $0 == 0 })
        m.base.storeBytes(of: 0xAB, toByteOffset: bytes - 1, as: UInt8.self)   // all of it is writable
        #expect(raw[bytes - 1] == 0xAB)
    }
}
