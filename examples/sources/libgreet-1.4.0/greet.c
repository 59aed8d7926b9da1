#include <stdio.h>
#include "greet.h"

int greet(char *out, size_t size, const char *message, const char *name)
{
	return snprintf(out, size, "%s, %s!", message, name);
}

const char *greet_version(void)
{
	return GREET_VERSION;
}
