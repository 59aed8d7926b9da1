/* What stamper draws around its stamp. */
#define STAMP_BORDER "=#="
