/* show-word: says whether the tree's tools/include/endian.h (staged into staging_dir/host/include) was the one included. */
#include <stdio.h>

int main(void)
{
#ifdef KILN_TOOLS_INCLUDE
	puts("tools/include");
#else
	puts("system");
#endif
	return 0;
}
