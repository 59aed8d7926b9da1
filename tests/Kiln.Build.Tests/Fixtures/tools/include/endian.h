/* tools/include/endian.h: staged into staging_dir/host/include before the tools are built. */
#ifndef __kiln_endian_compat_h
#define __kiln_endian_compat_h
#define KILN_TOOLS_INCLUDE 1
#include_next <endian.h>
#endif
