#include <stdio.h>
#include <string.h>
#include "greet.h"

int main(void)
{
	char line[64];
	greet(line, sizeof(line), "Hello", "test");
	if (strcmp(line, "Hello, test!") != 0) {
		printf("FAIL: %s\n", line);
		return 1;
	}
	printf("libgreet %s: ok\n", greet_version());
	return 0;
}
