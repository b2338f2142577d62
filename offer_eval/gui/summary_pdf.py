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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPicture,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

from offer_eval.core.evaluate import Evaluation
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
    head = "".join(
        f'<th align="right">{_escape(names.get(p.position_id, p.position_id))}</th>'
        for p in positions
    )
    lines = [f"<tr><th></th>{head}</tr>"]
    for row in MONEY_ROWS:
        cells = "".join(
            f'<td align="right">{_money_cell(row, row.get(position))}</td>'
            for position in positions
        )
        weight = " style='font-weight:bold'" if row is NET_TAKE_HOME else ""
        lines.append(f"<tr{weight}><td>{_escape(row.label)}</td>{cells}</tr>")
    for key in CHANGE_ROWS:
        change = PAY_CUT[key]
        changes = ['<td align="right"></td>']  # the current job has no change from itself
        for offer in evaluation.offers:
            value = change.get(evaluation.pay_cuts[offer.position_id])
            text = format_pct(value) if change.name.unit == "%" else format_money(value, sign=True)
            changes.append(f'<td align="right">{text}</td>')
        lines.append(f"<tr><td>{_escape(change.label)}</td>{''.join(changes)}</tr>")
    return (
        "<table cellspacing='0' cellpadding='3' width='100%' "
        "style='border-collapse:collapse'>" + "".join(lines) + "</table>"
    )


def verdict_html(evaluation: Evaluation) -> str:
    """The verdict strip's answers, one paragraph each (caption, figure, the sentence)."""
    paragraphs = []
    for part in verdict_parts(evaluation):
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


def _charts(evaluation: Evaluation) -> list[ChartPanel]:
    lead = None
    decision = evaluation.decision
    if decision is not None and decision.leader is not None:
        lead = decision.leader
    elif evaluation.offers:
        lead = evaluation.offers[0].position_id
    trajectory = TrajectoryChart()
    trajectory.set_offer(lead)
    return [CompensationChart(), PayCutChart(), trajectory, ScoreChart()]


def _render_chart(
    painter: QPainter, chart: ChartPanel, evaluation: Evaluation, target: QRectF, scale: float
) -> None:
    """Lay the chart out at the page's size in screen pixels, then draw it scaled into place."""
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.apply_theme(LIGHT)  # paper is white, whatever the screen's scheme
    chart.set_evaluation(evaluation)
    # A chart narrower than about 480 screen pixels crowds its names ("Total compensation vs
    # cur…"): lay it out at least that wide, and let the page scale it down.
    width_px = max(target.width() / scale, 480.0)
    height_px = width_px * target.height() / target.width()
    chart.resize(int(width_px), int(height_px))
    chart.show()
    for _ in range(3):
        QApplication.processEvents()
    chart.force_refresh()
    QApplication.processEvents()
    # The title, and the chart's own subtitle (which offer, what the bands are), as text.
    device = painter.device()
    heading = f"<b>{_escape(chart.title)}</b>"
    subtitle = chart.subtitle.text() if chart.subtitle.isVisibleTo(chart) else ""
    if subtitle:
        heading += f"<br/><span style='color:{MUTED_COLOR}'>{_escape(subtitle)}</span>"
    if isinstance(device, QPdfWriter):
        title_top = _draw_document(
            painter, _document(heading, target.width(), 8.5, device), target.top(), target.left()
        )
    else:
        title_top = target.top()
    title_height = title_top - target.top() + 4 * scale
    chart.resize(int(width_px), int(width_px * (target.height() - title_height) / target.width()))
    for _ in range(2):
        QApplication.processEvents()
    chart.force_refresh()
    QApplication.processEvents()
    # Recorded at screen resolution, then replayed scaled: every text item (axis ticks drawn
    # with QPainter, legend names through a text document) keeps the size it has on screen
    # relative to the chart; drawn straight onto the 300-dpi page they resolved differently.
    view = chart.view
    source = view.viewport().rect()
    picture = QPicture()
    recorder = QPainter(picture)
    view.render(recorder, QRectF(source), source)
    recorder.end()
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
    evaluation: Evaluation, path: Path, *, today: date | None = None
) -> list[ChartArea]:
    """Draw the summary into `path` (overwritten). Returns where each chart went, in points."""
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
        charts = _charts(evaluation)

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
            chart.deleteLater()

        # Page 1: the answer in words, the money side by side, then compensation and pay cut.
        today_text = _header_html(evaluation, today or date.today())
        top = _draw_document(painter, _document(today_text, width, 9.5, writer), 0, 0)
        top += RESOLUTION * 0.06
        top = _draw_document(painter, _document(verdict_html(evaluation), width, 9, writer), top, 0)
        top += RESOLUTION * 0.08
        table_points = 8 if len(evaluation.offers) > 3 else 8.5
        table = _document(money_table_html(evaluation), width, table_points, writer)
        top = _draw_document(painter, table, top, 0) + gap
        half = (width - gap) / 2
        room = height - top
        if room >= RESOLUTION * 2.6:  # enough for two readable charts under the table
            place(charts[0], 1, QRectF(0, top, half, room))
            place(charts[1], 1, QRectF(half + gap, top, half, room))
            rest = charts[2:]
        else:
            rest = charts
        # Page 2: the trajectory of the best offer and the decision score, full width.
        writer.newPage()
        slot = (height - gap * (len(rest) - 1)) / len(rest)
        for index, chart in enumerate(rest):
            place(chart, 2, QRectF(0, index * (slot + gap), width, slot))
    finally:
        painter.end()
    return areas


def chart_titles(areas: Sequence[ChartArea]) -> list[str]:
    return [area.title for area in areas]


def summary_pdf_bytes(evaluation: Evaluation) -> bytes:
    """The summary as the bytes of a PDF file (drawn into a private temporary folder)."""
    with tempfile.TemporaryDirectory(prefix="offer-eval-pdf-") as folder:
        path = Path(folder) / "summary.pdf"
        write_summary_pdf(evaluation, path)
        return path.read_bytes()


def export_summary(
    scenario: Scenario, path: str, progress: Callable[[float, str], None] | None = None
) -> None:
    """Evaluate `scenario` and replace `path` with its summary: the window's worker-process job.

    Drawing the pages takes about a second of widget painting, which only a GUI thread may do;
    in a worker process of its own (always offscreen: it must never show anything) the window's
    thread never waits. The file is replaced whole at the very end, so a cancelled export (the
    process is ended) leaves any existing file as it was.
    """
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if QApplication.instance() is None:
        QApplication(["offer-eval-pdf"])
    from offer_eval.core.evaluate import evaluate
    from offer_eval.persistence.atomic import atomic_write

    if progress is not None:
        progress(0.1, "Working out the figures")
    evaluation = evaluate(scenario)
    if progress is not None:
        progress(0.5, "Drawing the pages")
    atomic_write(path, summary_pdf_bytes(evaluation))
