# Kiln: "bin" package targets (firmware blobs copied to bin/); built by Kiln.Build.
