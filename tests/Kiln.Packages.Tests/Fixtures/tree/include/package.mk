$(error the tree's own include/package.mk must not be read: Kiln provides the API)
