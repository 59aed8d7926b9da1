#ifndef GREET_H
#define GREET_H

#include <stddef.h>

/* Writes "MESSAGE, NAME!" into OUT (at most SIZE bytes); returns the length it wanted. */
int greet(char *out, size_t size, const char *message, const char *name);

/* The library's version, e.g. "1.4.0". */
const char *greet_version(void);

#endif
