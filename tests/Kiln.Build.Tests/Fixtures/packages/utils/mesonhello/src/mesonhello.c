#include <stdio.h>

int main(void)
{
	printf("mesonhello: %s, for a %s-endian machine\n", GREETING, BIG_ENDIAN_HOST ? "big" : "little");
	return 0;
}
