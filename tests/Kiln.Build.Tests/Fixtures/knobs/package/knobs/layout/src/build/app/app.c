#include <stdio.h>

const char *knob_name(void);

int main(void)
{
	puts(knob_name());
	return 0;
}
