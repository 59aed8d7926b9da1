$(error the tree's own rules.mk must not be read: Kiln provides the API)
