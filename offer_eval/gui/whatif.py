"""The what-if dock: sliders over the figures people most want to try, each an undoable edit.

A drag is one undo step (the controller merges the edits of one drag) and evaluates at interactive
resolution while it lasts; letting go asks for the full-resolution result. "Reset what-if" puts
every slider's field back to the last saved file as one undoable command.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from offer_eval.core.errors import InvalidValueError
from offer_eval.core.models import Position, Scenario, SearchAssumptions, field_help
from offer_eval.editing.edits import (
    reset_whatif,
    set_criterion_value,
    set_position_value,
    set_scenario_value,
    whatif_changed,
)
from offer_eval.gui.controller import DocumentController
from offer_eval.gui.eliding_label import elide_at_word
from offer_eval.gui.plain_text import PlainLabel, plain_tooltip
from offer_eval.present.labels import criterion_labels, display_names
from offer_eval.present.pay_terms import (
    is_contract,
    offered_pay_group,
    pay_field,
    pay_text,
    pay_value,
)


@dataclass(frozen=True, slots=True)
class SliderSpec:
    """One slider: its range in slider steps, how a step maps to the field, and how it reads."""

    key: str
    name: str  # the unique accessible name, "<field>: <position or criterion>"
    caption: str
    group: str
    minimum: int
    maximum: int
    step: float  # field units per slider step (step 0 is the value 0)
    read: Callable[[Scenario], float]
    write: Callable[[Scenario, float], Scenario]
    text: Callable[[float], str]
    help: str
    # Where the value lives: the scenario's field ("offers", "criteria", "search") and the id
    # of the offer or criterion in it. The slider needs a look only when that object is another
    # one (a drag step replaces one offer, one criterion or the search section).
    source: str = "search"
    item: str = ""

    def to_slider(self, value: float) -> int:
        return round(value / self.step)

    def from_slider(self, position: int) -> float:
        return round(position * self.step, 10)


def _money_range(saved: float, now: float, step: float, floor: float = 10_000.0) -> tuple[int, int]:
    low = min(saved * 0.5, now)
    high = max(saved * 1.5, now, floor)
    return math.floor(max(low, 0.0) / step), math.ceil(high / step)


def _pay_spec(offer: Position, saved: Scenario, caption: str, group: str) -> SliderSpec:
    """The slider over an offer's pay: its base salary, or for a contract its day rate (a
    contract's pay never reads the base salary, so a salary slider would move nothing)."""
    field = pay_field(offer)
    try:
        reference = pay_value(saved.offer(offer.id))
    except KeyError:
        reference = pay_value(offer)
    now = pay_value(offer)
    offer_id = offer.id
    if is_contract(offer):
        step, floor = 5.0, 500.0
        help_text = "Try another day rate for this contract, such as a counter-offer."
    else:
        step, floor = 250.0, 10_000.0
        help_text = "Try another base salary for this offer, such as a counter-offer."
    low, high = _money_range(reference or now, now, step, floor)
    key = field.key
    return SliderSpec(
        key=f"offer:{offer_id}:{key}",
        name=f"{field.label}: {caption}",
        caption=caption,
        group=group,
        minimum=low,
        maximum=high,
        step=step,
        read=lambda s, i=offer_id, k=key: float(getattr(s.offer(i), k)),  # type: ignore[misc]
        write=lambda s, v, i=offer_id, k=key: set_position_value(s, i, k, v),  # type: ignore[misc]
        text=lambda v, o=offer: pay_text(o, v),  # type: ignore[misc]
        help=help_text,
        source="offers",
        item=offer_id,
    )


def pay_slider_keys(scenario: Scenario) -> tuple[str, ...]:
    """The keys of the offers' pay sliders, in order (a contract's moves its day rate)."""
    return tuple(f"offer:{o.id}:{pay_field(o).key}" for o in scenario.offers)


def slider_specs(scenario: Scenario, saved: Scenario) -> tuple[SliderSpec, ...]:
    """Sliders for this scenario; ranges come from the saved file so they stay put while dragging."""
    names = display_names(scenario)
    group = offered_pay_group(scenario)
    specs = [_pay_spec(offer, saved, names[offer.id], group) for offer in scenario.offers]
    labels = criterion_labels(scenario)
    for criterion in scenario.criteria:
        cid = criterion.id
        top = max(10.0, math.ceil(criterion.weight))
        specs.append(
            SliderSpec(
                key=f"weight:{cid}",
                name=f"Weight: {labels[cid]}",
                caption=labels[cid],
                group="Weights",
                minimum=0,
                maximum=round(top * 10),
                step=0.1,
                read=lambda s, i=cid: s.criterion(i).weight,  # type: ignore[misc]
                write=lambda s, v, i=cid: set_criterion_value(s, i, "weight", v),  # type: ignore[misc]
                text=lambda v: f"{v:.1f}",
                help=f"How much {criterion.label.lower()} matters, relative to the other criteria.",
                source="criteria",
                item=cid,
            )
        )

    def search(
        key: str,
        caption: str,
        bounds: tuple[float, float, float],
        text: Callable[[float], str],
        *,
        fraction: bool = False,
    ) -> SliderSpec:
        low, high, step = bounds
        name = key.removeprefix("search.")
        scale = 100.0 if fraction else 1.0
        current = float(getattr(scenario.search, name)) * scale
        low, high = min(low, current), max(high, current)
        return SliderSpec(
            key=key,
            name=f"{caption}: What-if",
            caption=caption,
            group="Job search",
            minimum=math.floor(low / step),
            maximum=math.ceil(high / step),
            step=step,
            read=lambda s: float(getattr(s.search, name)) * scale,
            write=lambda s, v: set_scenario_value(s, key, v),
            text=text,
            help=field_help(SearchAssumptions, name),
        )

    specs.extend(
        (
            search("search.applications_per_month", "Applications a month", (0, 60, 1), _whole),
            search(
                "search.callback_rate_novice",
                "Novice callback rate",
                (0, 30, 0.1),
                _percent,
                fraction=True,
            ),
            search(
                "search.callback_rate_experienced",
                "Experienced callback rate",
                (0, 50, 0.1),
                _percent,
                fraction=True,
            ),
            search(
                "search.experience_threshold_months",
                "Experience threshold",
                (0, 36, 1),
                lambda v: f"{v:.0f} months",
            ),
            search("search.switching_margin_pct", "Switching margin", (0, 50, 0.5), _percent),
            search(
                "search.annual_raise_pct", "Yearly raise", (-5, 15, 0.5), lambda v: f"{v:+.1f}%"
            ),
        )
    )
    return tuple(specs)


def _layout_of(spec: SliderSpec) -> tuple[object, ...]:
    """What a slider's widgets show apart from its value and range: equal for two specs, one set
    of widgets serves both (`_fit` sets the range)."""
    return (
        spec.key,
        spec.name,
        spec.caption,
        spec.group,
        spec.step,
        spec.help,
    )


def _fit(spec: SliderSpec, scenario: Scenario, slider: QSlider, value_label: QLabel) -> None:
    """The slider's range and steps, and its value's room, for `spec` on `scenario`."""
    slider.setRange(spec.minimum, spec.maximum)
    slider.setPageStep(max(1, (spec.maximum - spec.minimum) // 20))
    metrics = value_label.fontMetrics()
    # A fixed size, wide enough for the slider's widest value, so a new value never re-lays out
    # the dock during a drag and the slider keeps the rest of the line.
    widest = max(
        metrics.horizontalAdvance(spec.text(spec.from_slider(position)))
        for position in (spec.minimum, spec.maximum, spec.to_slider(spec.read(scenario)))
    )
    value_label.setFixedSize(widest + 6, metrics.height() + 2)


def _whole(value: float) -> str:
    return f"{value:.0f}"


def _percent(value: float) -> str:
    return f"{value:.1f}%"


def _to_field(spec: SliderSpec, value: float) -> float | int:
    """Whole months stay whole; percentages of fractions are turned back by set_scenario_value."""
    return round(value) if spec.key == "search.experience_threshold_months" else value


def _clear_layout(layout: QLayout) -> None:
    """Remove and delete every widget of a layout, nested layouts included."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        inner = item.layout()
        if inner is not None:
            _clear_layout(inner)
            inner.deleteLater()


CAPTION_FILL = 0.75  # share of a caption's room whole words must fill (else cut mid-word)


class SliderCaption(PlainLabel):
    """A slider's caption, wrapped onto more lines when the dock is too narrow for one.

    At 1024 pixels wide the dock is at its least width and thirteen captions on one line were
    cut to "ML Engi…", "Learning an…", "Experi…". Only a word wider than the whole room is cut
    short (with "…"; the tooltip has it all): a wrapped label would draw it past its edge.
    """

    def __init__(self, text: str, key: str = "") -> None:
        super().__init__(text)
        self._full = text
        self.key = key  # the slider this caption names
        self.setWordWrap(True)
        self.setToolTip(plain_tooltip(text))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 8)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        metrics = self.fontMetrics()
        self._widest_word = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)

    @property
    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return self.text() != self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        room = self.contentsRect().width()
        shown = self._full
        if self._widest_word > room:
            shown = elide_at_word(self._full, self.fontMetrics(), room, CAPTION_FILL)
        if shown != self.text():
            self.setText(shown)

    def sizeHint(self) -> QSize:  # noqa: N802
        """On one line: the width the dock widens to when the window has room for it."""
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 4, hint.height())


class WhatIfPanel(QWidget):
    """Sliders for offers' pay (base salary, or a contract's day rate), the weights and the
    job-search figures."""

    def __init__(
        self, controller: DocumentController, parent: QWidget | None = None, *, build: bool = True
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._specs: tuple[SliderSpec, ...] = ()
        self.sliders: dict[str, QSlider] = {}
        self._shown: dict[str, float | None] = {}  # the value each slider shows
        self.values: dict[str, QLabel] = {}
        self._structure: tuple[str, ...] = ()
        self._checked: tuple[object, ...] = ()  # what the sliders were last found to fit
        self._checked_specs: tuple[SliderSpec, ...] | None = None
        self._checked_scenario: Scenario | None = None  # the scenario they were found to fit
        self._last: Scenario | None = None  # the scenario the sliders show
        self._saved_for: Scenario | None = None  # the saved scenario `_saved` was read from
        self._saved: dict[str, float | None] = {}  # each slider's value in the saved file
        self._saved_specs: tuple[SliderSpec, ...] | None = None  # the sliders `_saved` is for
        self._differs: set[str] = set()  # sliders whose value is not the saved one
        self.setObjectName("whatif_panel")
        # Below this a caption takes three lines or more (seen in a 1024-pixel-wide window).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 26)

        self.reset_button = QPushButton("Reset what-if")
        self.reset_button.setToolTip(
            "Put every slider's figure back to the last saved file (one step you can undo)."
        )
        self.reset_button.setAccessibleName("Reset what-if")
        self.reset_button.clicked.connect(self.reset)
        self.message = PlainLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #d1242f;")
        self.message.hide()

        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(6, 6, 6, 6)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._grid_host)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.reset_button)

        controller.scenario_changed.connect(self._on_scenario_changed)
        controller.document_replaced.connect(self._on_document_replaced)
        self._built = False
        if build:
            self.ensure_built()

    def ensure_built(self) -> None:
        """Create the sliders (the window does this just after its first paint, for a fast start)."""
        if not self._built:
            self._built = True
            self._rebuild(self._controller.scenario)

    @Slot(object)
    def _on_document_replaced(self, scenario: Scenario) -> None:
        if not self._built:
            return
        specs = slider_specs(scenario, self._controller.saved_scenario)
        if [_layout_of(spec) for spec in specs] != [_layout_of(spec) for spec in self._specs]:
            self._rebuild(scenario)
            return
        # The same sliders with the same ranges (a file opened again, a workbook of the same
        # offers): new values only. Building some forty widgets again and laying out the dock
        # would hold the window for tens of milliseconds while the new document arrives.
        self._specs = specs
        self._shown.clear()
        for spec in specs:
            slider = self.sliders[spec.key]
            slider.blockSignals(True)
            _fit(spec, scenario, slider, self.values[spec.key])
            slider.blockSignals(False)
            self._show(spec, scenario)
        self._last = scenario
        self._update_reset(scenario)

    def preferred_width(self) -> int:
        """The width at which every caption fits on one line and every slider has a track of
        some 26 characters beside its value, scroll bar included.

        The window widens the dock to this whenever it has room, so a caption takes a second
        line only when the window itself is too narrow for it.
        """
        widest_line = 0
        for label in self.findChildren(SliderCaption):
            value, slider = self.values.get(label.key), self.sliders.get(label.key)
            if value is None or slider is None:
                continue  # a caption of sliders just replaced, not yet deleted
            line = slider.fontMetrics().averageCharWidth() * 26 + 8 + value.width()
            widest_line = max(widest_line, label.sizeHint().width(), line)
        margins = self._grid.contentsMargins()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return max(
            self.minimumWidth(), widest_line + margins.left() + margins.right() + scroll_bar + 4
        )

    # --- building ---------------------------------------------------------------------------------

    @Slot(object)
    def _rebuild(self, scenario: Scenario) -> None:
        _clear_layout(self._grid)
        self.sliders.clear()
        self.values.clear()
        self._shown.clear()
        self._specs = slider_specs(scenario, self._controller.saved_scenario)
        self._structure = tuple(spec.key for spec in self._specs)
        row = 0
        group = ""
        for spec in self._specs:
            if spec.group != group:
                group = spec.group
                heading = PlainLabel(group)
                # Wrapped when the dock is narrow: on one line "Offered base salary" needed 145
                # pixels where the sliders' vertical scroll bar leaves 142 at the dock's least
                # width, and the horizontal scroll bar that brought covered the last slider.
                heading.setWordWrap(True)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                if row:
                    self._grid.setRowMinimumHeight(row, heading.fontMetrics().height() // 2)
                    row += 1
                self._grid.addWidget(heading, row, 0, 1, 2)
                row += 1
            caption = SliderCaption(spec.caption, spec.key)
            caption.setToolTip(plain_tooltip(f"{spec.caption}: {spec.help}"))
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setSingleStep(1)
            slider.setAccessibleName(spec.name)
            slider.setToolTip(plain_tooltip(spec.help))
            # Beside the widest salary, still inside the dock's least width without a sideways
            # scroll bar.
            slider.setMinimumWidth(slider.fontMetrics().averageCharWidth() * 8)
            slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            value_label = PlainLabel()
            _fit(spec, scenario, slider, value_label)
            value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            caption.setBuddy(slider)
            # The caption on a line of its own, the slider beneath with its value at its end: a
            # caption beside its value was cut to "ML Engi…" in the dock's least width (1024
            # pixels wide), and one that wraps there still has the whole width for its lines.
            # Each slider as long as its own value leaves it: a column of values as wide as the
            # widest salary left every weight's track 48 pixels there.
            self._grid.addWidget(caption, row, 0, 1, 2)
            row += 1
            line = QHBoxLayout()
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(8)
            line.addWidget(slider, 1)
            line.addWidget(value_label)
            self._grid.addLayout(line, row, 0, 1, 2)
            self.sliders[spec.key] = slider
            self.values[spec.key] = value_label
            self._show(spec, scenario)
            # The spec is looked up when the slider moves: another document with the same
            # sliders keeps these widgets but brings specs of its own.
            slider.valueChanged.connect(
                lambda position, k=spec.key: self._on_moved(self.spec(k), position)
            )
            slider.sliderPressed.connect(self._controller.begin_drag)
            slider.sliderReleased.connect(self._controller.end_drag)
            row += 1
        self._grid.setRowStretch(row, 1)
        self._grid.setColumnStretch(0, 1)
        self._last = scenario
        self._update_reset(scenario)

    def _show(self, spec: SliderSpec, scenario: Scenario) -> None:
        value = spec.read(scenario)
        slider = self.sliders[spec.key]
        position = spec.to_slider(value)
        if self._shown.get(spec.key) == value and slider.value() == position:
            return  # one slider moves at a time: the others need no work on a drag step
        self._shown[spec.key] = value
        if position < slider.minimum() or position > slider.maximum():
            slider.blockSignals(True)
            slider.setRange(min(slider.minimum(), position), max(slider.maximum(), position))
            slider.blockSignals(False)
        if slider.value() != position:
            slider.blockSignals(True)
            slider.setValue(position)
            slider.blockSignals(False)
        text = spec.text(value)
        label = self.values[spec.key]
        needed = label.fontMetrics().horizontalAdvance(text) + 6
        if needed > label.width():  # a typed value beyond the slider's range
            label.setFixedWidth(needed)
        if label.text() != text:
            label.setText(text)
            slider.setAccessibleDescription(text)

    def _update_reset(
        self, scenario: Scenario, specs: tuple[SliderSpec, ...] | None = None
    ) -> None:
        """Enable "Reset what-if" when a slider's value is not the saved one; `specs` are the
        only sliders whose value may have changed since the last call (None: any)."""
        saved = self._controller.saved_scenario
        if specs is None or saved is not self._saved_for or self._saved_specs is not self._specs:
            self._saved_for, self._saved_specs = saved, self._specs
            self._saved = {spec.key: self._saved_value(spec) for spec in self._specs}
            self._differs.clear()
            specs = self._specs
        for spec in specs:
            if spec.read(scenario) != self._saved[spec.key]:
                self._differs.add(spec.key)
            else:
                self._differs.discard(spec.key)
        self.reset_button.setEnabled(bool(self._differs) or whatif_changed(scenario, saved))

    def _saved_value(self, spec: SliderSpec) -> float | None:
        try:
            return spec.read(self._controller.saved_scenario)
        except KeyError:
            return None  # an offer or criterion the saved file does not have

    # --- reacting ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_scenario_changed(self, scenario: Scenario) -> None:
        if not self._built:
            return
        if self._needs_rebuild(scenario):
            self._rebuild(scenario)
            return
        last, self._last = self._last, scenario
        # Only the sliders over a part the edit replaced: on a drag step, the one moved, not
        # all thirty of them.
        moved = self._specs if last is None else _replaced(self._specs, last, scenario)
        for spec in moved:
            self._show(spec, scenario)
        self._update_reset(scenario, moved)

    def _needs_rebuild(self, scenario: Scenario) -> bool:
        # What the sliders are made from: their offers (and how each is paid), every position's
        # name and the criteria. A drag step changes none of them: then nothing is worked out.
        checked = self._checked_scenario
        if (
            checked is not None
            and self._checked_specs is self._specs
            and _same_sliders(checked, scenario)
        ):
            self._checked_scenario = scenario
            return False
        made_from = (
            tuple((p.id, p.display_name) for p in scenario.positions),
            pay_slider_keys(scenario),
            tuple((c.id, c.label) for c in scenario.criteria),
        )
        if made_from == self._checked and self._checked_specs is self._specs:
            return False
        if self._names_changed(scenario):
            return True
        self._checked, self._checked_specs = made_from, self._specs
        self._checked_scenario = scenario
        return False

    def _names_changed(self, scenario: Scenario) -> bool:
        names = display_names(scenario)
        labels = criterion_labels(scenario)
        wanted = pay_slider_keys(scenario) + tuple(f"weight:{c.id}" for c in scenario.criteria)
        have = tuple(k for k in self._structure if not k.startswith("search."))
        if wanted != have:
            return True
        shown = {spec.key: spec.name for spec in self._specs}
        return any(
            shown.get(key) != f"{pay_field(o).label}: {names[o.id]}"
            for key, o in zip(pay_slider_keys(scenario), scenario.offers, strict=True)
        ) or any(
            shown.get(f"weight:{c.id}") != f"Weight: {labels[c.id]}" for c in scenario.criteria
        )

    def _on_moved(self, spec: SliderSpec, position: int) -> None:
        scenario = self._controller.scenario
        value = spec.from_slider(position)
        try:
            changed = spec.write(scenario, _to_field(spec, value))
        except InvalidValueError as error:
            self.message.setText(f"{spec.name} — {error.rule}")
            self.message.show()
            self._shown.pop(spec.key, None)  # the slider goes back to the value it had
            self._show(spec, scenario)
            return
        self.message.hide()
        self._controller.edit(changed, f"What-if: {spec.name}", merge_key=spec.key)

    @Slot()
    def reset(self) -> None:
        """Every what-if field back to the last saved file, as one undoable step."""
        scenario = self._controller.scenario
        self._controller.edit(
            reset_whatif(scenario, self._controller.saved_scenario), "Reset what-if"
        )

    def spec(self, key: str) -> SliderSpec:
        return next(spec for spec in self._specs if spec.key == key)


def _same_sliders(before: Scenario, after: Scenario) -> bool:
    """True when `after` needs the sliders `before` had: the same positions (ids, names, how
    each is paid) and criteria (ids, labels). Parts kept as they were are not looked into."""
    if len(after.offers) != len(before.offers) or len(after.criteria) != len(before.criteria):
        return False
    for was, now in zip(before.positions, after.positions, strict=True):
        if now is not was and (now.id, now.display_name, pay_field(now).key) != (
            was.id,
            was.display_name,
            pay_field(was).key,
        ):
            return False
    return all(
        now is was or (now.id, now.label) == (was.id, was.label)
        for was, now in zip(before.criteria, after.criteria, strict=True)
    )


def _replaced(
    specs: tuple[SliderSpec, ...], before: Scenario, after: Scenario
) -> tuple[SliderSpec, ...]:
    """The sliders whose offer, criterion or search section `after` holds as another object
    than `before` does (a new value, or perhaps one)."""
    changed: dict[str, set[str] | None] = {}  # by source: the ids replaced (None: any)
    for source in ("offers", "criteria"):
        now, was = getattr(after, source), getattr(before, source)
        if now is not was:
            old = {part.id: part for part in was}
            changed[source] = {part.id for part in now if old.get(part.id) is not part}
    if after.search is not before.search:
        changed["search"] = None
    return tuple(
        spec
        for spec in specs
        if spec.source in changed and ((ids := changed[spec.source]) is None or spec.item in ids)
    )
