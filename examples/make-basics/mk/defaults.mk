# Values a package may override before including this file.
PKG_RELEASE ?= 1
WITH_SSL ?=
version = $(PKG_VERSION)-r$(PKG_RELEASE)
