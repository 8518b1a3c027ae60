// A cache prefetch hint for Swift code, which has no intrinsic for it. Static inline, so the
// compiler inlines it into the caller: one instruction, no call.
#ifndef CPREFETCH_H
#define CPREFETCH_H

/// Asks the CPU to bring the cache line at `address` closer (a hint: never faults, never waits).
static inline void zt_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
