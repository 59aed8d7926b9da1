$(info start)
define foo
body
