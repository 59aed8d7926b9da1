/* padder FILE KIB: pads FILE with 0xff bytes to a multiple of KIB KiB and prints the new length. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	FILE *f;
	long length, block;

	if (argc != 3) {
		fprintf(stderr, "usage: padder FILE KIB\n");
		return 1;
	}
	block = atol(argv[2]) * 1024;
	f = fopen(argv[1], "ab");
	if (!f || block <= 0)
		return 1;
	fseek(f, 0, SEEK_END);
	for (length = ftell(f); length % block; length++)
		fputc(0xff, f);
	fclose(f);
	printf("padded to %ld\n", length);
	return 0;
}
