"""pyqtgraph charts of an `Evaluation`: items are created once and updated with `setData`."""
