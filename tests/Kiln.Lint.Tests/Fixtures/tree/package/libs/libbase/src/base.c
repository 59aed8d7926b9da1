int base(void) { return 0; }
