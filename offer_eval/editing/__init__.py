"""Pure, Qt-free edits of a scenario: field paths, parsing of typed values, validation messages.

The GUI's undo commands and the importers use the same edits, so a value is checked the same way
wherever it comes from.
"""
