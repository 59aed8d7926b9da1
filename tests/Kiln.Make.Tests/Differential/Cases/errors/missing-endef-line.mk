$(info [start])
x = 1
y = 2
define foo =
body
more body
