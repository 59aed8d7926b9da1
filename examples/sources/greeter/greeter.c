#include <stdio.h>
#include <greet.h>

#define MESSAGE "Hi"

int main(int argc, char **argv)
{
	char line[256];
	greet(line, sizeof(line), MESSAGE, argc > 1 ? argv[1] : "world");
#ifdef GREETER_COLOUR
	printf("\033[1;32m%s\033[0m\n", line);
#else
	puts(line);
#endif
#ifndef LITE
	printf("(libgreet %s)\n", greet_version());
#endif
	return 0;
}
