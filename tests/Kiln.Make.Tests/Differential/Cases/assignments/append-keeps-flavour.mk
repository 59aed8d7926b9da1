s := one
s += $(later)
r = one
r += $(later)
later = two
n += $(later)
$(info [$(s)] [$(r)] [$(n)] [$(flavor s)] [$(flavor r)] [$(flavor n)])
all: ;
