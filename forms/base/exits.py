"""The exit codes every command, and the window, share: what a script calling the app can rely on."""

EXIT_OK = 0
#: the proposal has errors (validate, export); problems found (db check); the window: the person
#: chose to quit rather than repair a damaged database
EXIT_ERRORS = 1
#: a file, an id or a database that cannot be read; an output that cannot be written
EXIT_BAD_INPUT = 2
EXIT_LOCKED = 3  # the database is open in a window, or in another command that changes it
EXIT_INTERRUPTED = 130
EXIT_SOFTWARE = 70  # EX_SOFTWARE: a fault of the app, not of the input
