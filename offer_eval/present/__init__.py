"""The words of the app, Qt-free: labels, units, sentences, report text and JSON shaping.

The GUI, the text report and the workbook all render from here, so one figure has one name
everywhere.
"""
