include inc.mk
$(info [$(a)])
all: ;
#--- file: inc.mk
﻿a = bom inc
