"""What the app needs that is not the proposal: words and their particles (i18n, josa), errors and
exit codes, atomic writes, where resources are, the terminal, and the app's own identity. It
imports nothing else of the project, so every other part of it may use it."""
