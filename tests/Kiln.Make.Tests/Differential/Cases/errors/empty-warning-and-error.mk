$(warning)
$(warning  spaced  )
$(info [x])
$(error)
