"""Every question and error the window asks or shows, in one place (tests replace these functions).

Errors are always a dialog, never a crash; the text names the file and says what to do next.
"""

from __future__ import annotations

import enum
import time

from PySide6.QtWidgets import QMessageBox, QWidget

from offer_eval.gui.autosave import Leftover
from offer_eval.gui.plain_text import plain_message_box


class SaveChoice(enum.Enum):
    """What to do with unsaved changes before they would be lost."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class RecoverChoice(enum.Enum):
    """What to do with an autosave left behind by a crash."""

    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box whose texts are shown as written (file and offer names are user text)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(title)
    return box


def error_box(parent: QWidget | None, title: str, text: str, details: str = "") -> QMessageBox:
    """The box `show_error` shows (built apart so that tests can read it without waiting)."""
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return plain_message_box(box)


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """An error the user should know about; the window carries on."""
    error_box(parent, title, text, details).exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    """A plain message with an OK button."""
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    plain_message_box(box).exec()


def save_changes_box(parent: QWidget | None, document_name: str, action: str) -> QMessageBox:
    """The question `ask_save_changes` asks, built apart so that tests can read it."""
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        "Unsaved changes",
        f"Save the changes to “{document_name}” before {action}?",
    )
    box.setInformativeText("If you don't save, your changes since the last save are lost.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return plain_message_box(box)


def ask_save_changes(parent: QWidget | None, document_name: str, action: str) -> SaveChoice:
    """Before `action` ("closing", "opening another file") would drop unsaved changes."""
    answer = save_changes_box(parent, document_name, action).exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def ask_recover(parent: QWidget | None, leftover: Leftover) -> RecoverChoice:
    """Offer back the autosave of a session that ended without closing."""
    when = time.strftime("%d %b %Y at %H:%M", time.localtime(leftover.saved_at))
    where = f"the file {leftover.original}" if leftover.original else "a comparison never saved"
    box = _box(
        parent,
        QMessageBox.Icon.Question,
        "Recover unsaved changes?",
        f"Offer Eval did not close properly last time. Unsaved changes to “{leftover.name}” "
        f"({where}) were kept on {when}.",
    )
    box.setInformativeText("Restore them now? They open as unsaved changes you can review.")
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    plain_message_box(box).exec()
    clicked = box.clickedButton()
    if clicked is restore:
        return RecoverChoice.RESTORE
    if clicked is discard:
        return RecoverChoice.DISCARD
    return RecoverChoice.LATER


def confirm(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """A yes/no question whose yes button says what it does."""
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(yes)
    plain_message_box(box).exec()
    return box.clickedButton() is yes
