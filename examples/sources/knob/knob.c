#include <stdio.h>

int main(void)
{
	puts("knob from an archive");
	return 0;
}
