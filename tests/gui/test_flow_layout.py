"""The wrapping button row: as narrow as its widest button, a line more where one is too narrow."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from offer_eval.gui.flow_layout import FlowLayout


def _row(
    qtbot: Any, texts: list[str], right: list[str] | None = None
) -> tuple[QWidget, FlowLayout]:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout()
    flow.setSpacing(6)
    for text in texts:
        flow.addWidget(QPushButton(text))
    if right is not None:
        flow.add_break()
        for text in right:
            flow.addWidget(QPushButton(text))
    outer = QVBoxLayout(host)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addLayout(flow)
    outer.addStretch(1)
    return host, flow


def _buttons(host: QWidget) -> dict[str, QPushButton]:
    return {button.text(): button for button in host.findChildren(QPushButton)}


def test_the_least_width_is_the_widest_button(qtbot: Any) -> None:
    host, flow = _row(qtbot, ["Add", "A much longer button", "Remove"])
    widest = max(b.minimumSizeHint().width() for b in _buttons(host).values())
    assert flow.minimumSize().width() == widest
    one_line = flow.sizeHint().width()
    assert one_line >= sum(b.sizeHint().width() for b in _buttons(host).values()) + 2 * 6


def test_a_narrow_row_wraps_and_grows_taller(qtbot: Any) -> None:
    host, flow = _row(qtbot, ["First", "Second", "Third", "Fourth"])
    wide = flow.sizeHint().width()
    line = max(b.sizeHint().height() for b in _buttons(host).values())
    assert flow.heightForWidth(wide) == line
    assert flow.heightForWidth(wide // 2) >= 2 * line + 6
    host.resize(wide // 2, 200)
    host.show()
    qtbot.waitExposed(host)
    tops = {b.text(): b.geometry().top() for b in _buttons(host).values()}
    assert tops["First"] == tops["Second"] < tops["Fourth"]
    for button in _buttons(host).values():  # none cut short, none outside the row
        assert button.width() == button.sizeHint().width()
        assert button.geometry().right() < host.width()


def test_the_right_hand_group_keeps_right_and_shares_the_line_when_it_fits(qtbot: Any) -> None:
    host, flow = _row(qtbot, ["Title"], right=["Choice", "Export…"])
    buttons = _buttons(host)
    host.resize(flow.sizeHint().width() + 200, 120)
    host.show()
    qtbot.waitExposed(host)
    assert buttons["Title"].geometry().top() == buttons["Export…"].geometry().top()
    assert buttons["Export…"].geometry().right() == host.width() - 1
    assert buttons["Choice"].geometry().right() < buttons["Export…"].geometry().left()
    # Too narrow for all three: the group goes below, together, in order, still at the right.
    width = buttons["Choice"].sizeHint().width() + 6 + buttons["Export…"].sizeHint().width() + 4
    host.resize(width, 120)
    qtbot.wait(10)
    assert buttons["Choice"].geometry().top() == buttons["Export…"].geometry().top()
    assert buttons["Choice"].geometry().top() > buttons["Title"].geometry().bottom()
    assert buttons["Choice"].geometry().right() < buttons["Export…"].geometry().left()
    assert buttons["Export…"].geometry().right() == host.width() - 1


def test_a_hidden_item_takes_no_room(qtbot: Any) -> None:
    _host, flow = _row(qtbot, ["One", "Two"])
    before = flow.sizeHint().width()
    label = QLabel("Three")
    flow.addWidget(label)
    label.hide()
    assert flow.sizeHint().width() == before
