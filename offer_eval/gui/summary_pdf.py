"""The decision on paper: a two-page A4 summary to show a partner, a mentor or a friend.

Page 1 has the answer in words (the verdict strip's five answers) and the side-by-side money
table; page 2 the four charts a reader needs: compensation, pay cut, the trajectory fan of the
best offer with its break-even month, and the decision score. Text is drawn as text (selectable,
searchable, fonts embedded by Qt's PDF engine) and charts as vectors: each chart is the app's own
chart widget, light theme, rendered into the page. Nothing is computed here: the figures come
from the evaluation, the words from `present/` and the verdict strip.

Drawing needs a QApplication on the thread that calls `write_summary_pdf` (widgets are drawn);
the command line starts one on the offscreen platform when there is no display.
"""

from __future__ import annotations

import html
import os
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import QEvent, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPicture,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem

from offer_eval.core.evaluate import Evaluation, Searches
from offer_eval.core.models import Scenario
from offer_eval.core.money_text import format_money, format_pct
from offer_eval.gui.charts.base import ChartPanel
from offer_eval.gui.charts.compensation import CompensationChart
from offer_eval.gui.charts.decision import ScoreChart
from offer_eval.gui.charts.paycut import PayCutChart
from offer_eval.gui.charts.trajectory import TrajectoryChart
from offer_eval.gui.theme import LIGHT
from offer_eval.gui.verdict import verdict_parts
from offer_eval.present.labels import display_names
from offer_eval.present.rows import (
    BASE_SALARY,
    INCOME_TAX,
    INTO_PENSION,
    NATIONAL_INSURANCE,
    NET_TAKE_HOME,
    NET_TAKE_HOME_MONTHLY,
    PAY_CUT,
    STUDENT_LOAN,
    TOTAL_COMP_YEAR1,
    MoneyRow,
)

RESOLUTION: Final = 300  # device units per inch: fine enough for the charts' hairlines
MARGIN_MM: Final = 14.0
TEXT_COLOR: Final = "#1f2328"
MUTED_COLOR: Final = "#57606a"
DAGGER: Final = "†"  # after a figure marked illustrative

MONEY_ROWS: Final[tuple[MoneyRow, ...]] = (
    BASE_SALARY,
    TOTAL_COMP_YEAR1,
    INCOME_TAX,
    NATIONAL_INSURANCE,
    STUDENT_LOAN,
    INTO_PENSION,
    NET_TAKE_HOME,
    NET_TAKE_HOME_MONTHLY,
)
CHANGE_ROWS: Final = (
    "pay_cut_gross_pct",
    "pay_cut_total_comp_pct",
    "pay_cut_net_pct",
    "pay_cut_net",
)


@dataclass(frozen=True, slots=True)
class ChartArea:
    """Where a chart was drawn on a page, in points from the page's top left (for checks)."""

    title: str
    page: int
    rect: QRectF


def _escape(text: str) -> str:
    """User text as text: a name like "<b>" must not become markup in the page."""
    return html.escape(text, quote=True)


def _money_cell(row: MoneyRow, value: float | None) -> str:
    return format_money(value, pence=row.pence)


def money_table_html(evaluation: Evaluation) -> str:
    """The side-by-side table: current job, then each offer; labels from `present/`."""
    names = display_names(evaluation.scenario)
    positions = (evaluation.current, *evaluation.offers)
    # A name wraps only at its spaces: Qt cuts a word too wide for its column inside it
    # ("Geophysicis-t"), so the lines are made here and kept whole.
    limit = 12 if len(positions) > 4 else 24
    head = "".join(
        "<th align='right' style='white-space:nowrap'>"
        + "<br/>".join(
            _escape(line) for line in textwrap.wrap(names.get(p.position_id, p.position_id), limit)
        )
        + "</th>"
        for p in positions
    )
    lines = [f"<tr><th></th>{head}</tr>"]
    scenario = evaluation.scenario
    for row in MONEY_ROWS:
        cells = "".join(
            f'<td align="right">{_money_cell(row, row.get(position))}'
            f"{DAGGER if row is BASE_SALARY and _illustrative_salary(scenario, position.position_id) else ''}"
            "</td>"
            for position in positions
        )
        weight = " style='font-weight:bold'" if row is NET_TAKE_HOME else ""
        lines.append(
            f"<tr{weight}><td style='white-space:nowrap'>{_escape(row.label)}</td>{cells}</tr>"
        )
    for key in CHANGE_ROWS:
        change = PAY_CUT[key]
        changes = ['<td align="right"></td>']  # the current job has no change from itself
        for offer in evaluation.offers:
            value = change.get(evaluation.pay_cuts[offer.position_id])
            text = format_pct(value) if change.name.unit == "%" else format_money(value, sign=True)
            changes.append(f'<td align="right">{text}</td>')
        lines.append(
            f"<tr><td style='white-space:nowrap'>{_escape(change.label)}</td>{''.join(changes)}</tr>"
        )
    return (
        "<table cellspacing='0' cellpadding='3' width='100%' "
        "style='border-collapse:collapse'>" + "".join(lines) + "</table>"
    )


def _is_illustrative(source: str | None) -> bool:
    return (source or "").strip().lower() == "illustrative"


def _illustrative_salary(scenario: Scenario, position_id: str) -> bool:
    return _is_illustrative(scenario.sources.get(f"{position_id}.base_salary"))


def illustrative_note_html(scenario: Scenario) -> str:
    """Under the table: which figures are illustrative, as the app's sources mark them."""
    notes = []
    if any(_illustrative_salary(scenario, p.id) for p in scenario.positions):
        notes.append(f"{DAGGER} Illustrative salary, not published anywhere.")
    if _is_illustrative(scenario.sources.get("ratings")):
        notes.append("The ratings behind the decision score are illustrative.")
    used = {p.benchmark_id for p in scenario.positions}
    for benchmark in scenario.benchmarks:
        if benchmark.id in used and (
            _is_illustrative(benchmark.source)
            or _is_illustrative(scenario.sources.get(f"benchmark:{benchmark.id}"))
        ):
            notes.append(f"The benchmark “{_escape(benchmark.label)}” is illustrative.")
    if not notes:
        return ""
    return f"<p style='color:{MUTED_COLOR}'>{' '.join(notes)}</p>"


def verdict_html(evaluation: Evaluation, searches: Searches | None = None) -> str:
    """The verdict strip's answers, one paragraph each (caption, figure, the sentence).

    A page is read after the fact, so the caller hands over the searches the window runs in the
    background: `evaluation` with its tie salaries (`with_tie_salaries`) and `searches` (the
    lowest salary worth taking); "working it out" has no place on paper.
    """
    paragraphs = []
    for part in verdict_parts(evaluation, searches):
        paragraphs.append(
            f"<p style='margin-bottom:6px'><span style='color:{MUTED_COLOR}'>"
            f"{_escape(part.caption)}:</span> <b>{_escape(part.value)}</b>. "
            f"{_escape(part.detail)}</p>"
        )
    return "".join(paragraphs)


def _header_html(evaluation: Evaluation, today: date) -> str:
    scenario = evaluation.scenario
    mark = (
        "<p style='color:#9a6700'><b>Illustrative example.</b> Figures marked illustrative were "
        "not published anywhere.</p>"
        if scenario.is_illustrative
        else ""
    )
    return (
        f"<h2 style='margin:0'>{_escape(scenario.name)}</h2>"
        f"<p style='color:{MUTED_COLOR}'>Offer Eval summary, {today:%d %B %Y}. "
        f"Tax year {_escape(evaluation.current.take_home.tax_year)}; take-home after income tax, National Insurance, "
        "student loan and pension.</p>" + mark + _compared_html(evaluation)
    )


def _compared_html(evaluation: Evaluation) -> str:
    """Every job by its full name once (the table's narrow headers may wrap a name)."""
    names = display_names(evaluation.scenario)
    offers = "; ".join(_escape(names[o.position_id]) for o in evaluation.offers) or "none yet"
    current = _escape(names[evaluation.current.position_id])
    return f"<p>Compared: {current} with the offers {offers}.</p>"


def _font(point_size: float, *, bold: bool = False) -> QFont:
    """The page's font, without ligatures: "ff" stays two letters, so "offer" can be searched."""
    font = QFont("DejaVu Sans")
    font.setPointSizeF(point_size)
    font.setBold(bold)
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _document(html_text: str, width: float, point_size: float, device: QPdfWriter) -> QTextDocument:
    document = QTextDocument()
    font = _font(point_size)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(
        f"body {{ color: {TEXT_COLOR}; }} th {{ border-bottom: 1px solid #8c959f; }}"
        " td { border-bottom: 1px solid #d0d7de; }"
    )
    document.documentLayout().setPaintDevice(device)  # lay text out in the page's units
    document.setHtml(f"<body>{html_text}</body>")
    document.setTextWidth(width)
    return document


def _draw_document(painter: QPainter, document: QTextDocument, top: float, left: float) -> float:
    painter.save()
    painter.translate(left, top)
    document.drawContents(painter)
    painter.restore()
    return top + document.size().height()


def new_charts() -> list[ChartPanel]:
    """The four charts of the summary, in page order (built once per process where reused)."""
    return [CompensationChart(), PayCutChart(), TrajectoryChart(), ScoreChart()]


def _lead_offer(evaluation: Evaluation) -> str | None:
    """The offer whose trajectory the summary shows: the leader, else the first offer."""
    decision = evaluation.decision
    if decision is not None and decision.leader is not None:
        return decision.leader
    return evaluation.offers[0].position_id if evaluation.offers else None


def _settle() -> None:
    """Let the layouts Qt posted (plot areas, legends) happen now, without painting anything."""
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def _record(chart: ChartPanel) -> QPicture:
    """The chart's plot as drawing commands, at screen resolution."""
    view = chart.view
    for item in view.scene().items():
        # A cached item (the axes, for fast slider drags) would be drawn as a picture of
        # itself: its tick labels blurred pixels in the PDF instead of text and lines.
        if item.cacheMode() != QGraphicsItem.CacheMode.NoCache:
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    source = view.viewport().rect()
    picture = QPicture()
    recorder = QPainter(picture)
    view.render(recorder, QRectF(source), source)
    recorder.end()
    return picture


def _render_chart(
    painter: QPainter, chart: ChartPanel, evaluation: Evaluation, target: QRectF, scale: float
) -> None:
    """Lay the chart out at the page's size in screen pixels, then draw it scaled into place.

    Only the picture is painted: the chart is shown (never on screen) so that it draws the
    evaluation and lays itself out, but no event loop runs, so nothing paints it twice.
    """
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.apply_theme(LIGHT)  # paper is white, whatever the screen's scheme
    # A chart narrower than about 480 screen pixels crowds its names ("Total compensation vs
    # cur…"): lay it out at least that wide, and let the page scale it down.
    width_px = max(target.width() / scale, 480.0)
    chart.resize(int(width_px), int(width_px * target.height() / target.width()))
    chart.show()
    chart.set_evaluation(evaluation)  # shown: drawn now, subtitle included
    # The title, and the chart's own subtitle (which offer, what the bands are), as text.
    device = painter.device()
    heading = f"<b>{_escape(chart.title)}</b>"
    subtitle = chart.subtitle.text() if chart.subtitle.isVisibleTo(chart) else ""
    if isinstance(chart, PayCutChart) and chart.shown_measure is not None:
        # The window's note asks the reader to choose a measure above the chart: not on paper.
        count = len(evaluation.offers)
        subtitle = (
            f"{chart.shown_measure.label} for each offer ({count} offers are too many to show "
            "all five measures here)."
        )
    if subtitle:
        heading += f"<br/><span style='color:{MUTED_COLOR}'>{_escape(subtitle)}</span>"
    if isinstance(device, QPdfWriter):
        title_top = _draw_document(
            painter, _document(heading, target.width(), 8.5, device), target.top(), target.left()
        )
    else:
        title_top = target.top()
    title_height = title_top - target.top() + 4 * scale
    # The page has its own heading: the chart's title and subtitle (above its plot, not drawn
    # here) must not take the plot's room, so the widget is that much taller than its slot.
    above_plot = chart.height() - chart.view.height()
    plot_height = width_px * (target.height() - title_height) / target.width()
    chart.resize(int(width_px), int(plot_height + above_plot))
    _settle()
    if chart.layout_depends_on_size:  # labels placed in pixels: place them at the final size
        chart.force_refresh()
        _settle()
    # Recorded at screen resolution, then replayed scaled: every text item (axis ticks drawn
    # with QPainter, legend names through a text document) keeps the size it has on screen
    # relative to the chart; drawn straight onto the 300-dpi page they resolved differently.
    view = chart.view
    source = view.viewport().rect()
    plot_area = chart.plot.vb.sceneBoundingRect()
    picture = _record(chart)
    _settle()
    if chart.plot.vb.sceneBoundingRect() != plot_area:
        # Drawing measured the tick labels and widened an axis ("£120k"): draw the new layout.
        if chart.layout_depends_on_size:
            chart.force_refresh()
            _settle()
        picture = _record(chart)
    area_top = target.top() + title_height
    fit = min(target.width() / source.width(), (target.height() - title_height) / source.height())
    painter.save()
    painter.translate(target.left(), area_top)
    # drawPicture scales a picture by the page's resolution over the picture's by itself.
    replay = (device.logicalDpiX() / picture.logicalDpiX()) if device is not None else 1.0
    painter.scale(fit / replay, fit / replay)
    painter.drawPicture(0, 0, picture)
    painter.restore()
    chart.hide()


def write_summary_pdf(
    evaluation: Evaluation,
    path: Path,
    *,
    searches: Searches | None = None,
    today: date | None = None,
    charts: Sequence[ChartPanel] | None = None,
) -> list[ChartArea]:
    """Draw the summary into `path` (overwritten). Returns where each chart went, in points.

    `evaluation` comes with its tie salaries and `searches` with the lowest salaries worth
    taking, as the verdict shows them (see `verdict_html`); nothing is worked out here.
    `charts` are the four of `new_charts()` to draw with (a worker reuses them: building them
    costs a quarter of a second); by default new ones, deleted afterwards.
    """
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"Offer Eval: {evaluation.scenario.name}")
    writer.setCreator("Offer Eval")
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError(f"cannot write a PDF to {path}")
    areas: list[ChartArea] = []
    try:
        page = writer.pageLayout().paintRectPixels(RESOLUTION)
        width = float(page.width())
        height = float(page.height())
        to_points = 72.0 / RESOLUTION
        margin_points = MARGIN_MM / 25.4 * 72.0
        scale = RESOLUTION / 96.0  # charts are laid out in screen pixels, drawn at print size
        gap = RESOLUTION * 0.15
        drawn = list(charts) if charts is not None else new_charts()
        trajectory = drawn[2]
        assert isinstance(trajectory, TrajectoryChart)
        trajectory.set_offer(_lead_offer(evaluation))

        def place(chart: ChartPanel, page_number: int, target: QRectF) -> None:
            _render_chart(painter, chart, evaluation, target, scale)
            areas.append(
                ChartArea(
                    chart.title,
                    page_number,
                    QRectF(
                        margin_points + target.left() * to_points,
                        margin_points + target.top() * to_points,
                        target.width() * to_points,
                        target.height() * to_points,
                    ),
                )
            )
            if charts is None:
                chart.deleteLater()

        # Page 1: the answer in words, the money side by side, then compensation and pay cut.
        today_text = _header_html(evaluation, today or date.today())
        top = _draw_document(painter, _document(today_text, width, 9.5, writer), 0, 0)
        top += RESOLUTION * 0.06
        top = _draw_document(
            painter, _document(verdict_html(evaluation, searches), width, 9, writer), top, 0
        )
        top += RESOLUTION * 0.08
        table_points = 8 if len(evaluation.offers) > 3 else 8.5
        table = _document(money_table_html(evaluation), width, table_points, writer)
        top = _draw_document(painter, table, top, 0)
        note = illustrative_note_html(evaluation.scenario)
        if note:
            top = _draw_document(painter, _document(note, width, 7.5, writer), top, 0)
        top += gap
        half = (width - gap) / 2
        room = height - top
        if room >= RESOLUTION * 2.6:  # enough for two readable charts under the table
            place(drawn[0], 1, QRectF(0, top, half, room))
            place(drawn[1], 1, QRectF(half + gap, top, half, room))
            rest = drawn[2:]
        else:
            rest = drawn
        # Page 2: the trajectory of the best offer and the decision score, full width (their
        # names and bars need it). When the table left page 1 no room, compensation and pay cut
        # share a row above them: a quarter of the page's height each left six offers' bars no
        # room, and half its width squeezed the score's bars between names and labels.
        writer.newPage()
        top = 0.0
        if len(rest) == 4:
            row = (height - 2 * gap) * 0.38
            place(rest[0], 2, QRectF(0, 0, half, row))
            place(rest[1], 2, QRectF(half + gap, 0, half, row))
            rest, top = rest[2:], row + gap
        trajectory_height = (height - top - gap) * (0.5 if top == 0 else 0.45)
        place(rest[0], 2, QRectF(0, top, width, trajectory_height))
        below = top + trajectory_height + gap
        place(rest[1], 2, QRectF(0, below, width, height - below))
    finally:
        painter.end()
    return areas


def summary_pdf_bytes(
    evaluation: Evaluation,
    searches: Searches | None = None,
    *,
    charts: Sequence[ChartPanel] | None = None,
) -> bytes:
    """The summary as the bytes of a PDF file (drawn into a private temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="offer-eval-pdf-") as folder:
        path = Path(folder) / "summary.pdf"
        write_summary_pdf(evaluation, path, searches=searches, charts=charts)
        return path.read_bytes()


# --- in the window's worker process ----------------------------------------------------------------

_worker_charts: list[ChartPanel] = []  # built once per worker process, reused by every export


def prepare_summary() -> None:
    """Make this process ready to draw summaries at once: Qt and the four charts.

    The window's worker process runs this once, when it starts (after the window's first
    paint): starting Qt, importing the charts and building them costs more than drawing. Always
    offscreen: the worker never shows anything.
    """
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if QApplication.instance() is None:
        QApplication(["offer-eval-pdf"])
    if not _worker_charts:
        _worker_charts.extend(new_charts())


def summary_for(
    evaluation: Evaluation,
    searches: Searches | None,
    progress: Callable[[float, str], None] | None = None,
) -> bytes:
    """The PDF summary of `evaluation` as bytes: the window's worker-process job.

    The window sends the full-resolution evaluation it shows, with its searches done, so the
    worker only draws. Drawing means painting widgets, which only a GUI thread may do; in a
    process of its own the window's thread never waits. The bytes go back to the window, which
    replaces the file whole (so a cancelled export, whose process is ended, leaves any existing
    file as it was).
    """
    prepare_summary()
    if progress is not None:
        progress(0.2, "Drawing the pages")
    return summary_pdf_bytes(evaluation, searches, charts=_worker_charts)
