// Memory hints for Swift code, which has no intrinsics for them: a cache prefetch (static
// inline, so it compiles to one instruction in the caller) and zeroed memory backed by huge
// pages where the system allows it.
#ifndef CPREFETCH_H
#define CPREFETCH_H

#include <stddef.h>

/// Asks the CPU to bring the cache line at `address` closer (a hint: never faults, never waits).
static inline void zt_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// `size` zeroed bytes, 2 MB aligned and marked for transparent huge pages (one TLB entry per
/// 2 MB instead of per 4 KB: random look-ups in a table of several MB then miss the TLB far
/// less). Release with `zt_free_huge`. NULL when out of memory.
void *zt_alloc_huge(size_t size);
void zt_free_huge(void *p);

#endif
