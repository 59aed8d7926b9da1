#include <stdio.h>

/* Nothing calls it: only a linker that drops unused code leaves it out of the program. */
int knob_unused(int x)
{
	return x * 42;
}

int main(void)
{
	puts("knob");
	return 0;
}
