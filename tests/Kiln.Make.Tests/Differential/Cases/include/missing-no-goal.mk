include absent.mk
