int knob(void)
{
	return 42;
}
