const char *knob_name(void)
{
	return "layout";
}
