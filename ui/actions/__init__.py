"""What the official does from the window's menus and the Start page, one room per kind of thing:
stored proposals (``proposals``), proposal files and the budget workbook (``exchange``), copies
sent to partners and merged back (``copies``). Each is a part of :class:`ui.window.MainWindow`,
over what they all lean on (``base``): telling the official, guarding a call that can fail, and
which proposal is open."""
