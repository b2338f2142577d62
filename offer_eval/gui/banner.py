"""The banner over the demo: the figures on screen are an illustrative example, and how to start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from offer_eval.gui.theme import banner_colors


class DemoBanner(QFrame):
    """Says plainly that the figures on screen are an illustrative example, and how to start."""

    def __init__(self, on_start: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_banner")
        self.setAccessibleName("Illustrative example banner")
        self.label = QLabel(
            "<b>Illustrative example.</b> This comparison is a worked example: figures marked "
            "“illustrative” were not published anywhere. Start your own to use your figures."
        )
        self.label.setWordWrap(True)
        self.start_button = QPushButton("Start my own comparison…")
        self.start_button.setAccessibleName("Start my own comparison")
        self.start_button.clicked.connect(on_start)
        self.hide_button = QToolButton()
        self.hide_button.setText("Hide")
        self.hide_button.setAccessibleName("Hide illustrative example banner")
        self.hide_button.clicked.connect(self.dismiss)
        self.dismissed = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.start_button)
        layout.addWidget(self.hide_button)

    def dismiss(self) -> None:
        self.dismissed = True
        self.hide()

    def set_dark(self, dark: bool) -> None:
        background, text = banner_colors(dark)
        self.setStyleSheet(
            f"#demo_banner {{ background: {background}; border-radius: 4px; }}"
            f" #demo_banner QLabel {{ color: {text}; }}"
        )
