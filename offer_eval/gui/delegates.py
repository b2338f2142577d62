"""Cell painting and editing: a value with its difference beside it, and editors that explain refusals.

Models used with `FieldDelegate` offer `field_spec(index)` and `check_text(index, text)`, so the
editor can say why a value would be refused while it is being typed, before anything is committed.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from offer_eval.editing.fields import FieldSpec, text_limit
from offer_eval.gui.positions_model import CHOICES_ROLE, DIFFERENCE_ROLE, DIFFERENCE_SIGN_ROLE

AnyIndex = QModelIndex | QPersistentModelIndex

INVALID_STYLE = "QLineEdit { border: 2px solid #d1242f; }"


class CheckedModel(Protocol):
    def field_spec(self, index: AnyIndex) -> FieldSpec | None: ...
    def check_text(self, index: AnyIndex, text: str) -> str | None: ...
    def accessible_name(self, index: AnyIndex) -> str: ...


class FieldDelegate(QStyledItemDelegate):
    """Paints differences in the cut or gain colour; edits with a line edit or a list of choices."""

    problem = Signal(str)  # why what is being typed would be refused ("" when fine)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cut_color = QColor("#b42318")
        self.gain_color = QColor("#0b5cad")

    def set_colors(self, cut: QColor, gain: QColor) -> None:
        self.cut_color, self.gain_color = cut, gain

    # --- painting ---------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        fast = getattr(index.model(), "cell_texts", None)
        if fast is not None:
            texts = fast(index)
            if texts is None:
                super().paint(painter, option, index)
            else:
                self._paint_fast(painter, option, texts)
            return
        difference = index.data(DIFFERENCE_ROLE)
        if not difference:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text = opt.text
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(2, 0, -2, 0)
        metrics = opt.fontMetrics
        diff_width = metrics.horizontalAdvance(difference)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(group, text_role))
        value_rect = rect.adjusted(0, 0, -(diff_width + 8), 0)
        painter.drawText(
            value_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(value_rect.width(), 0)),
        )
        sign = int(index.data(DIFFERENCE_SIGN_ROLE) or 0)
        if selected:
            colour = opt.palette.color(group, QPalette.ColorRole.HighlightedText)
        elif sign < 0:
            colour = self.cut_color
        elif sign > 0:
            colour = self.gain_color
        else:
            colour = opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        painter.setPen(colour)
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), difference
        )
        painter.restore()

    def _paint_fast(
        self, painter: QPainter, option: QStyleOptionViewItem, texts: tuple[str, str, int, bool]
    ) -> None:
        """The value and its difference, without asking the model role by role."""
        text, difference, sign, bold = texts
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        group = QPalette.ColorGroup.Normal
        painter.save()
        font = option.font
        if bold:
            font = QFont(font)
            font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        rect = option.rect.adjusted(5, 0, -5, 0)
        value_rect = rect.adjusted(0, 0, -(metrics.horizontalAdvance(difference) + 8), 0)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(palette.color(group, role))
        painter.drawText(
            value_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(value_rect.width(), 0)),
        )
        if selected:
            colour = palette.color(group, QPalette.ColorRole.HighlightedText)
        else:
            colour = (
                self.cut_color
                if sign < 0
                else self.gain_color
                if sign > 0
                else (palette.color(group, QPalette.ColorRole.PlaceholderText))
            )
        painter.setPen(colour)
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), difference
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        difference = index.data(DIFFERENCE_ROLE)
        if difference:
            size.setWidth(size.width() + option.fontMetrics.horizontalAdvance(difference) + 16)
        return size

    # --- editing ----------------------------------------------------------------------------------

    def _model(self, index: AnyIndex) -> CheckedModel | None:
        model = index.model()
        return model if hasattr(model, "check_text") else None  # type: ignore[return-value]

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        model = self._model(index)
        choices = index.data(CHOICES_ROLE)
        spec = model.field_spec(index) if model is not None else None
        name = model.accessible_name(index) if model is not None else ""
        if choices:
            combo = QComboBox(parent)
            for value, label in choices:
                combo.addItem(label, value)
            combo.setEditable(spec is not None and spec.key == "region")
            combo.setAccessibleName(name)
            return combo
        editor = QLineEdit(parent)
        editor.setAccessibleName(name)
        if spec is not None:
            editor.setToolTip(spec.help)
            if spec.kind == "text":
                editor.setMaxLength(text_limit(spec))  # a paste stops there too
            if spec.kind in ("money", "money_optional"):
                editor.setPlaceholderText("45000, £45,000 or 45k")
        persistent = QPersistentModelIndex(index)
        editor.textEdited.connect(lambda text: self._check(editor, persistent, text))
        return editor

    def _check(self, editor: QLineEdit, index: QPersistentModelIndex, text: str) -> None:
        model = self._model(index)
        if model is None or not index.isValid():
            return
        reason = model.check_text(index, text)
        editor.setStyleSheet(INVALID_STYLE if reason else "")
        editor.setProperty("problem", reason or "")
        self.problem.emit(f"{model.accessible_name(index)} — {reason}" if reason else "")

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            found = editor.findData(value)
            if found >= 0:
                editor.setCurrentIndex(found)
            elif editor.isEditable():
                editor.setEditText(str(value or ""))
            return
        if isinstance(editor, QLineEdit):
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            value = editor.currentData()
            if editor.isEditable() and editor.currentText() != editor.itemText(
                editor.currentIndex()
            ):
                value = editor.currentText()
            model.setData(
                index,
                value if value is not None else editor.currentText(),
                Qt.ItemDataRole.EditRole,
            )
            return
        if isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
