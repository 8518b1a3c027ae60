#define _GNU_SOURCE
#include "cprefetch.h"
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

void *zt_alloc_huge(size_t size) {
    const size_t align = (size_t)2 << 20;
    void *p = NULL;
    if (size >= align) {
        size = (size + align - 1) & ~(align - 1);
        if (posix_memalign(&p, align, size) != 0) return NULL;
#if defined(MADV_HUGEPAGE)
        madvise(p, size, MADV_HUGEPAGE);   /* a hint: without huge pages the table still works */
#endif
    } else if (posix_memalign(&p, 64, size ? size : 64) != 0) {
        return NULL;
    }
    memset(p, 0, size);
    return p;
}

void zt_free_huge(void *p) { free(p); }
