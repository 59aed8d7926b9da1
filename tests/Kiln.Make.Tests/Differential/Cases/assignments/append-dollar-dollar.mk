s := a
s += $$b
r = a
r += $$b
$(info [$(s)] [$(value s)] [$(r)] [$(value r)])
all: ;
