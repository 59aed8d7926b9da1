a = 1
b = 2
c = 3
ifeq ($(a),1)
  ifeq ($(b),2)
    ifneq ($(c),3)
      $(info [wrong c])
    else
      ifdef a
        ifndef zzz
          $(info [deep ok])
        endif
      endif
    endif
  else
    $(info [wrong b])
  endif
else
  ifeq ($(b),2)
    $(info [wrong a])
  endif
endif
all: ;
