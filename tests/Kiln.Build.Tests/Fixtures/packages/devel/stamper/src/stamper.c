/* stamper FILE TEXT: writes TEXT between stampfont's borders into FILE, and the program that wrote it. */
#include <limits.h>
#include <stdio.h>
#include <unistd.h>
#include <stampfont.h>

int main(int argc, char **argv)
{
	char self[PATH_MAX];
	ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
	FILE *out;

	if (argc != 3 || length < 0)
		return 2;
	self[length] = 0;
	out = fopen(argv[1], "w");
	if (!out)
		return 1;
	fprintf(out, "%s %s %s\nstamped by %s\n", STAMP_BORDER, argv[2], STAMP_BORDER, self);
	return fclose(out) == 0 ? 0 : 1;
}
