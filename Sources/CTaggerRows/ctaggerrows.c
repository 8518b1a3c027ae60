// Empty: the row kernel is static inline in include/ctaggerrows.h.
