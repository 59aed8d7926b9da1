#include <stdio.h>

#define TEXT(word) #word
#define NAME(macro) TEXT(macro)

int main(void)
{
	printf("flavour: %s\n", NAME(FLAVOUR));
	return 0;
}
