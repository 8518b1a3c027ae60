// The NER tagger's inner step: add one weight row (16 bytes: 13 int8 weights, their shift,
// two key bytes) into 16 int32 sums. Written in C because Swift has no SIMD shuffles: its
// widening of bytes to lanes compiles to per-lane shifts, which SSE2 lacks, and costs several
// times the instructions of the unpack-and-shift sequence below. Static inline: it compiles
// into the Swift caller (so after editing this header, touch Sources/StageNER/TaggerModel.swift:
// an incremental build does not see that a Swift module's imported header changed).
#ifndef CTAGGERROWS_H
#define CTAGGERROWS_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// `sum[j] += (int8_t)row[j] << row[13]` for j in 0..<16 (lanes 13–15 hold no weight: their
/// sums are meaningless and ignored).
static inline void zt_row_add(int32_t *sum, const void *row) {
#if defined(__SSE2__)
    const __m128i bytes = _mm_loadu_si128((const __m128i *)row);
    const __m128i shift = _mm_cvtsi32_si128(((const uint8_t *)row)[13]);
    // byte → int16 by unpacking each byte with itself and shifting right arithmetically
    const __m128i low = _mm_srai_epi16(_mm_unpacklo_epi8(bytes, bytes), 8);
    const __m128i high = _mm_srai_epi16(_mm_unpackhi_epi8(bytes, bytes), 8);
    __m128i *s = (__m128i *)sum;
    _mm_storeu_si128(s, _mm_add_epi32(_mm_loadu_si128(s), _mm_sll_epi32(_mm_srai_epi32(_mm_unpacklo_epi16(low, low), 16), shift)));
    _mm_storeu_si128(s + 1, _mm_add_epi32(_mm_loadu_si128(s + 1), _mm_sll_epi32(_mm_srai_epi32(_mm_unpackhi_epi16(low, low), 16), shift)));
    _mm_storeu_si128(s + 2, _mm_add_epi32(_mm_loadu_si128(s + 2), _mm_sll_epi32(_mm_srai_epi32(_mm_unpacklo_epi16(high, high), 16), shift)));
    _mm_storeu_si128(s + 3, _mm_add_epi32(_mm_loadu_si128(s + 3), _mm_sll_epi32(_mm_srai_epi32(_mm_unpackhi_epi16(high, high), 16), shift)));
#else
    const int8_t *w = (const int8_t *)row;
    const unsigned shift = ((const uint8_t *)row)[13];
    for (int j = 0; j < 16; j++) sum[j] += (int32_t)((uint32_t)(int32_t)w[j] << shift);
#endif
}

#endif
