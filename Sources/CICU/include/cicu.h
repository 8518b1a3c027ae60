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

/// The ICU version string ("72.1"), for diagnostics.
const char *zt_icu_version(void);

#ifdef __cplusplus
}
#endif

#endif
