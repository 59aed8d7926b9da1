$(info [$(patsubst \%a%,X%,%ab %ax ab)])
$(info [$(patsubst %,\%%,a b)])
$(info [$(patsubst %.%,[%],a.% a.b)])
$(info [$(patsubst a\\%,<%>,a\b a\\b)])
$(info [$(patsubst \a%,<%>,\ab ab)])
all: ;
