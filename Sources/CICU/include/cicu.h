// Plain-C wrapper over the ICU calls Zhitu needs. The header uses only C types so that Swift
// never sees ICU's versioned symbol macros (ubrk_open_72 …) or its UErrorCode, which clash
// with the ICU copy inside Foundation. See DEVELOPERS.md.
#ifndef ZHITU_CICU_H
#define ZHITU_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Word boundaries of `text` (UTF-16, `length` code units) by ICU's word break iterator.
/// Writes up to `capacity` boundaries (UTF-16 offsets, the first is 0, the last is `length`)
/// and, for each boundary after the first, the rule status of the token that ends there
/// (0–99 none/punctuation, 100–199 number, 200–299 letter, 300–399 kana, 400–499 ideograph).
/// Returns the number of boundaries, or a negative value on an ICU error.
/// The iterator is created once per thread and reused, so calls are cheap and thread-safe.
int32_t zt_word_breaks(const uint16_t *text, int32_t length,
                       int32_t *boundaries, int32_t *statuses, int32_t capacity);

/// Transforms `text` (UTF-16, `length` code units, room for `capacity`) in place with the ICU
/// transliterator `id` (`Traditional-Simplified`, `Simplified-Traditional`, any ICU transform ID).
/// Returns the new length, or a negative value on an ICU error (an unknown ID, a result longer
/// than `capacity`). Opens the transliterator on every call: meant for building tables once.
int32_t zt_transliterate(const char *id, uint16_t *text, int32_t length, int32_t capacity);

/// For each of the `n` BMP characters in `chars`, writes 1 to `out` when the ICU converter
/// `charset` (e.g. `GB2312`) can encode it, else 0. Returns 0, or a negative value on an ICU error.
int32_t zt_encodable(const char *charset, const uint16_t *chars, int32_t n, uint8_t *out);

/// The ICU version string ("72.1"), for diagnostics.
const char *zt_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
