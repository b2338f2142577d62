"""One module per sheet: each writes its sheet and, when the sheet is editable, reads it back.

Every sheet takes its cell positions from the shared layout (`_layout`), so a column cannot be
written in one place and read from another. The workbook-level writer and reader run them in
order.
"""
