complete --keep-order --exclusive --command twofa --arguments "(COMPLETE=fish twofa -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
