/* patch-word FILE WORD: replaces the first "@@@@" in FILE with WORD (four characters), in place. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char buffer[4096];
	size_t length;
	char *at;
	FILE *f;

	if (argc != 3 || strlen(argv[2]) != 4)
		return 1;
	f = fopen(argv[1], "r+b");
	if (!f)
		return 1;
	length = fread(buffer, 1, sizeof(buffer) - 1, f);
	buffer[length] = 0;
	at = strstr(buffer, "@@@@");
	if (!at)
		return 2;
	fseek(f, at - buffer, SEEK_SET);
	fwrite(argv[2], 1, 4, f);
	fclose(f);
	/* le32toh comes from endian.h, which -include puts first. */
	return le32toh(0) != 0;
}
