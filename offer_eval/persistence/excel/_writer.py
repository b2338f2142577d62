"""Build the workbook (DESIGN 6.5) from one `Evaluation`, so it shows exactly the app's figures.

Sheets: Summary (side by side, with the assumptions), Offers (inputs), Benchmarks, Scores (live
formulas), Take-home, Trajectory, and the hidden `_scenario` holding the full scenario. Text cells
are always typed as text; formulas are only the ones written here, over our own cells.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from offer_eval import __version__
from offer_eval.core.compensation import PositionMoney
from offer_eval.core.decision import METRIC_LABELS, NEUTRAL, TIE_POINTS, DecisionResult
from offer_eval.core.evaluate import Evaluation
from offer_eval.core.models import SCHEMA_VERSION, Scenario, SearchAssumptions
from offer_eval.core.trajectory import Band, TrajectoryResult
from offer_eval.persistence.document import to_builtins
from offer_eval.persistence.excel import _layout as lay
from offer_eval.persistence.excel._bulk import NumberBlock, splice
from offer_eval.persistence.excel._sheet import SheetWriter
from offer_eval.persistence.excel._styles import (
    BOLD,
    DECIMAL,
    GENERAL,
    HEADER_ALIGN,
    HEADER_FILL,
    INPUT_FILL,
    NOTE_FONT,
    PERCENT,
    RATING,
    RESULT_FILL,
    SCORE,
    SHARE,
    TITLE_FONT,
    WHOLE,
    WRAP,
    MoneyFormats,
)
from offer_eval.persistence.excel._values import model_value, to_cell

Progress = Callable[[float, str], None]
"""Called with the fraction done (0 to 1) and what is being written, for a progress bar."""

CHUNK: Final = 8_000  # characters of scenario JSON per `_scenario` cell (a cell holds 32,767)
DATA_FIRST_CHUNK_ROW: Final = 10
TOP_OFFERS_IN_CHARTS: Final = 5
_TRAJECTORY_HEADER: Final = 4  # Trajectory: owner, strategy and measure rows, then months
_DECLINE_OWNER: Final = "Current job"
TIE_SLACK: Final = 1e-9  # the decision's floating-point slack on the 0.005 tie margin

# `_scenario` key cells (column B holds the value of the key named in column A).
DATA_KEYS: Final = (
    "format",
    "workbook_version",
    "schema_version",
    "app_version",
    "chunks",
    "sha256",
)


def _no_escapes(text: str) -> str:
    """JSON text with every ``_xHHHH_`` underscore written as ``\\u005f``.

    Spreadsheets decode ``_xHHHH_`` in cells, and LibreOffice does not re-escape it when saving,
    so the stored JSON never contains one: it round-trips through any spreadsheet unchanged.
    Outside strings JSON has no underscores, so the substitution is always inside a string.
    """
    return re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", r"\\u005f", text)


def scenario_payload(scenario: Scenario, written: dict[str, Any]) -> str:
    """The `_scenario` JSON: the scenario document and what the export showed in edited cells."""
    body = {"document": to_builtins(scenario), "written": written}
    return _no_escapes(json.dumps(body, ensure_ascii=True, separators=(",", ":"), allow_nan=False))


# --- the workbook ----------------------------------------------------------------------------


def workbook_bytes(evaluation: Evaluation, *, progress: Progress | None = None) -> bytes:
    """The workbook for `evaluation` as .xlsx bytes (write them with `atomic_write`)."""
    builder = _Builder(evaluation, progress)
    return builder.build()


@dataclass(frozen=True, slots=True)
class _SummaryRow:
    label: str
    values: Sequence[float | str | None]
    number_format: str | None = None
    section: bool = False


class _Builder:
    """Writes one workbook; each sheet method reads only the evaluation."""

    def __init__(self, evaluation: Evaluation, progress: Progress | None) -> None:
        self.evaluation = evaluation
        self.scenario = evaluation.scenario
        self.progress = progress
        self.money = MoneyFormats.for_currency(self.scenario.currency)
        self.decision: DecisionResult | None = evaluation.decision
        self.trajectory: TrajectoryResult | None = evaluation.trajectory
        self.workbook = Workbook()
        self.grid = lay.ScoresGrid(len(self.scenario.criteria), len(self.scenario.offers))
        self.written_anchors: dict[str, list[float | str | None]] = {}
        # Number blocks spliced into the saved XML; built after saving, when sheet paths exist.
        self.blocks: list[Callable[[], NumberBlock]] = []

    def _step(self, fraction: float, what: str) -> None:
        if self.progress is not None:
            self.progress(fraction, what)

    def build(self) -> bytes:
        workbook = self.workbook
        workbook.remove(workbook.active)
        sheets = {name: workbook.create_sheet(name) for name in lay.SHEETS}
        steps: tuple[tuple[str, Callable[[SheetWriter], None]], ...] = (
            (lay.SCORES, self._scores),  # first: the Summary refers to its cells
            (lay.SUMMARY, self._summary),
            (lay.OFFERS, self._offers),
            (lay.BENCHMARKS, self._benchmarks),
            (lay.TAKE_HOME, self._take_home),
            (lay.TRAJECTORY, self._trajectory),
            (lay.DATA, self._data),
        )
        styles: dict[Any, Any] = {}
        for index, (name, write) in enumerate(steps):
            self._step(index / (len(steps) + 1), f"Writing {name}")
            write(SheetWriter(sheets[name], styles))
        sheets[lay.DATA].sheet_state = "hidden"
        workbook.active = 0
        workbook.calculation.fullCalcOnLoad = True  # Excel recalculates every formula on open
        self._step(len(steps) / (len(steps) + 1), "Saving")
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = splice(buffer.getvalue(), [block() for block in self.blocks])
        self._step(1.0, "Done")
        return data

    # --- Summary ------------------------------------------------------------------------------

    def _summary(self, sheet: SheetWriter) -> None:
        evaluation = self.evaluation
        scenario = self.scenario
        items = evaluation.positions
        cuts = [None, *(evaluation.pay_cuts[o.position_id] for o in evaluation.offers)]
        money, pence = self.money.whole, self.money.pence

        def each(get: Callable[[PositionMoney], float | str | None]) -> list[float | str | None]:
            return [get(item) for item in items]

        def offers_only(get: Callable[[Any], float | None]) -> list[float | str | None]:
            return [None, *(get(cut) for cut in cuts[1:])]

        def pct(value: float | None) -> float | None:
            return None if value is None else value / 100.0

        def section(title: str) -> _SummaryRow:
            return _SummaryRow(title, [], section=True)

        rows: list[_SummaryRow] = [
            section("Pay (year 1 unless stated)"),
            _SummaryRow("Base salary", each(lambda i: i.base_salary), money),
            _SummaryRow("Expected bonus", each(lambda i: i.year1.bonus), money),
            _SummaryRow("Sign-on", each(lambda i: i.year1.sign_on), money),
            _SummaryRow("Equity vesting", each(lambda i: i.year1.equity), money),
            _SummaryRow("Employer pension", each(lambda i: i.year1.employer_pension), money),
            _SummaryRow("Benefits", each(lambda i: i.year1.benefits), money),
            _SummaryRow("Total compensation, year 1", each(lambda i: i.total_comp_year1), money),
            _SummaryRow(
                "Total compensation, years 1-4", each(lambda i: i.total_comp_years_1_4), money
            ),
            _SummaryRow(
                "Illiquid equity, year 1 (discounted, not in the total)",
                each(lambda i: i.illiquid_equity_year1),
                money,
            ),
            section("Take-home, year 1"),
            _SummaryRow("Income tax", each(lambda i: i.take_home.income_tax), pence),
            _SummaryRow("National Insurance", each(lambda i: i.take_home.employee_ni), pence),
            _SummaryRow("Student loan", each(lambda i: i.take_home.student_loan), pence),
            _SummaryRow(
                "Into your pension (gross)",
                each(lambda i: i.take_home.pension_contribution),
                pence,
            ),
            _SummaryRow("Net take-home", each(lambda i: i.net_take_home), pence),
            _SummaryRow("Net per month", each(lambda i: i.net_take_home_monthly), pence),
            section("Left to live on"),
            _SummaryRow("Commuting", each(lambda i: i.commute_cost), money),
            _SummaryRow("Extra living costs", each(lambda i: i.living_cost_difference), money),
            _SummaryRow("Moving (one-off)", each(lambda i: i.relocation_cost), money),
            _SummaryRow("Left to live on, year 1", each(lambda i: i.left_to_live_on_year1), money),
            _SummaryRow(
                "Left to live on, a month after year 1",
                each(lambda i: i.left_to_live_on_monthly),
                pence,
            ),
            _SummaryRow("Base salary per hour", each(lambda i: i.hourly_base), pence),
            _SummaryRow(
                "Net per hour of work and travel",
                each(lambda i: i.hourly_net_including_commute),
                pence,
            ),
            section("Against the current job (negative is a cut)"),
            _SummaryRow("Base salary change", offers_only(lambda c: c.gross_abs), money),
            _SummaryRow("Base salary change, %", offers_only(lambda c: pct(c.gross_pct)), PERCENT),
            _SummaryRow(
                "Total compensation change", offers_only(lambda c: c.total_comp_abs), money
            ),
            _SummaryRow(
                "Total compensation change, %",
                offers_only(lambda c: pct(c.total_comp_pct)),
                PERCENT,
            ),
            _SummaryRow("Net take-home change", offers_only(lambda c: c.net_abs), money),
            _SummaryRow("Net take-home change, %", offers_only(lambda c: pct(c.net_pct)), PERCENT),
            _SummaryRow(
                "Left to live on change", offers_only(lambda c: c.left_to_live_on_abs), money
            ),
            section("Against the market and your target"),
            _SummaryRow("Benchmark", each(lambda i: self._benchmark_label(i.benchmark_id))),
            _SummaryRow("Benchmark median", each(lambda i: i.benchmark_median), money),
            _SummaryRow(
                "Base salary against the median", each(lambda i: pct(i.vs_benchmark_pct)), PERCENT
            ),
            _SummaryRow(
                "Benchmark percentile (0-100)", each(lambda i: i.benchmark_percentile), DECIMAL
            ),
            _SummaryRow("Where it sits", each(lambda i: i.benchmark_note)),
            _SummaryRow(
                "Base salary against your target", each(lambda i: pct(i.vs_target_pct)), PERCENT
            ),
        ]
        rows.extend(self._summary_trajectory_rows())
        rows.extend(self._summary_decision_rows())

        sheet.text(1, 1, scenario.name or "Offer comparison", font=TITLE_FONT)
        subtitle = f"Tax year {evaluation.current.take_home.tax_year}, {_region_words(scenario)}"
        if scenario.is_illustrative:
            subtitle += ". Illustrative example: figures marked illustrative were not published."
        sheet.text(2, 1, subtitle, font=NOTE_FONT)
        header = 4
        sheet.text(header, 1, "", fill=HEADER_FILL)
        for column, item in enumerate(items, start=2):
            sheet.text(header, column, item.name, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
            sheet.text(header + 1, column, item.position_id, font=NOTE_FONT)
            sheet.text(
                header + 2, column, "Current job" if column == 2 else "Offer", font=NOTE_FONT
            )
        sheet.text(header + 1, 1, "Id", font=NOTE_FONT)
        sheet.text(header + 2, 1, "Role", font=NOTE_FONT)
        row = header + 3
        self.summary_rows: dict[str, int] = {}
        for spec in rows:
            if spec.section:
                sheet.text(row, 1, spec.label, font=BOLD)
            else:
                if spec.label in self.summary_rows:
                    raise ValueError(f"two Summary rows are labelled {spec.label!r}")
                self.summary_rows[spec.label] = row
                sheet.text(row, 1, f"  {spec.label}")
                for column, value in enumerate(spec.values, start=2):
                    if isinstance(value, str):
                        sheet.text(row, column, value)
                    else:
                        sheet.number(row, column, value, spec.number_format)
            row += 1
        self._score_links(sheet, header + 3, rows)
        sheet.ws.freeze_panes = sheet.ws.cell(row=header + 1, column=2)
        sheet.widths({1: 44, **dict.fromkeys(range(2, len(items) + 2), 17)})
        last = row - 1
        assumptions_top = last + 2
        end = self._assumptions(sheet, assumptions_top)
        self._compensation_chart(sheet, header, len(items), assumptions_top)
        self.summary_end = end

    def _score_links(self, sheet: SheetWriter, first: int, rows: list[_SummaryRow]) -> None:
        """Score and rank on the Summary follow the live Scores sheet."""
        if self.decision is None or not self.decision.scores:
            return
        grid = self.grid
        for label, column in (("Score (0-10)", grid.score_column), ("Rank", grid.rank_column)):
            row = self.summary_rows.get(label)
            if row is None:
                continue
            for index in range(len(self.scenario.offers)):
                reference = f"{lay.SCORES}!{lay.absolute(grid.offer_row(index), column)}"
                sheet.formula(
                    row, index + 3, f"={reference}", SCORE if column == grid.score_column else WHOLE
                )

    def _summary_trajectory_rows(self) -> list[_SummaryRow]:
        """Job-search figures: for an offer, accepting it; for the current job, declining all."""
        trajectory = self.trajectory
        if trajectory is None:
            return []
        offers = [trajectory.offers.get(o.id) for o in self.scenario.offers]
        money = self.money.whole

        def row(
            label: str,
            decline: float | None,
            get: Callable[[Any], float | None],
            number_format: str,
        ) -> _SummaryRow:
            return _SummaryRow(
                label, [decline, *(None if o is None else get(o) for o in offers)], number_format
            )

        def month(value: int | None) -> float | None:
            return None if value is None else float(value)

        return [
            _SummaryRow(
                "Job search, simulated (current job: declining every offer and searching on)",
                [],
                section=True,
            ),
            row(
                "Expected months to a better offer",
                trajectory.decline_expected_months_to_offer,
                lambda o: o.expected_months_to_better_offer,
                DECIMAL,
            ),
            row(
                "Better offer within 6 months",
                trajectory.decline_p_offer_within_6,
                lambda o: o.p_better_within_6,
                PERCENT,
            ),
            row(
                "Better offer within 12 months",
                trajectory.decline_p_offer_within_12,
                lambda o: o.p_better_within_12,
                PERCENT,
            ),
            row(
                "Break-even month against declining",
                None,
                lambda o: month(o.break_even_month),
                WHOLE,
            ),
            row(
                "Present value, accept and keep searching",
                trajectory.present_value_decline,
                lambda o: o.present_value,
                money,
            ),
            row("Present value, accept and stay", None, lambda o: o.present_value_stay, money),
            row(
                "Expected net earnings over 3 years, accept and keep searching",
                None,
                lambda o: o.expected_earnings_3y,
                money,
            ),
            row(
                "Expected net earnings over 3 years, accept and stay",
                None,
                lambda o: o.expected_earnings_3y_stay,
                money,
            ),
        ]

    def _summary_decision_rows(self) -> list[_SummaryRow]:
        decision = self.decision
        if decision is None or not decision.scores:
            return []
        ids = [o.id for o in self.scenario.offers]
        ties = decision.tie_salaries
        rows = [
            _SummaryRow("Decision (your weights)", [], section=True),
            _SummaryRow("Score (0-10)", [None, *(decision.scores[i] for i in ids)], SCORE),
            _SummaryRow("Rank", [None, *(float(decision.ranks[i]) for i in ids)], WHOLE),
            _SummaryRow(
                "Best when the weights vary a little",
                [None, *(decision.probability_best[i] for i in ids)],
                PERCENT,
            ),
        ]
        if ties is not None:
            rows.append(
                _SummaryRow(
                    "Base salary that would tie the best other offer",
                    [None, *(ties[i].base_salary if i in ties else None for i in ids)],
                    self.money.whole,
                )
            )
        return rows

    def _benchmark_label(self, benchmark_id: str | None) -> str | None:
        benchmark = self.scenario.benchmark(benchmark_id)
        return benchmark.label if benchmark is not None else None

    def _assumptions(self, sheet: SheetWriter, top: int) -> int:
        """The assumptions block: everything the figures above depend on besides the offers."""
        evaluation, scenario = self.evaluation, self.scenario
        th = evaluation.current.take_home
        money = self.money.whole
        sheet.text(top, 1, "Assumptions", font=TITLE_FONT)
        sheet.text(
            top + 1,
            1,
            "Change these in the app; import reads them from the hidden _scenario sheet.",
            font=NOTE_FONT,
        )
        rows: list[tuple[str, float | str | None, str | None]] = [
            ("Scenario", scenario.name, None),
            ("Currency", scenario.currency, None),
            ("Tax year", th.tax_year, None),
            ("Tax rules used", th.rules_year, None),
            ("Tax region", _region_words(scenario), None),
            ("Student loans", ", ".join(scenario.tax.student_loans) or "none", None),
            ("Target salary", scenario.target_salary, money),
            ("Target role benchmark", self._benchmark_label(scenario.target_benchmark_id), None),
            ("Confidence in your weights", scenario.weight_confidence, GENERAL),
        ]
        rows.extend(_search_rows(scenario.search, money))
        history = scenario.search.history
        if history is not None:
            rows.extend(
                [
                    ("Your search so far: applications", float(history.applications), WHOLE),
                    ("Your search so far: callbacks", float(history.callbacks), WHOLE),
                    ("Your search so far: offers", float(history.offers), WHOLE),
                ]
            )
        trajectory = self.trajectory
        if trajectory is not None:
            rows.extend(
                [
                    (
                        "Reservation salary: lowest offer worth taking without a job",
                        trajectory.reservation_salary,
                        money,
                    ),
                    (
                        "Reservation salary once experienced",
                        trajectory.reservation_salary_experienced,
                        money,
                    ),
                    ("Market median new offers are drawn around", trajectory.market_median, money),
                    ("Where that median comes from", trajectory.market_source, None),
                ]
            )
        simulation = scenario.simulation
        rows.extend(
            [
                ("Simulated paths", float(simulation.paths), WHOLE),
                ("Months simulated", float(simulation.months), WHOLE),
                ("Random seed", str(simulation.seed), None),
                ("Resolution", evaluation.resolution, None),
                ("Offer Eval version", __version__, None),
                ("Scenario file version", float(SCHEMA_VERSION), WHOLE),
            ]
        )
        row = top + 2
        for label, value, number_format in rows:
            sheet.text(row, 1, label)
            if isinstance(value, str):
                sheet.text(row, 2, value)
            else:
                sheet.number(row, 2, value, number_format)
            row += 1
        notes = list(evaluation.notes)
        if self.decision is not None:
            notes.extend(self.decision.notes)
        if self.trajectory is not None:
            notes.extend(self.trajectory.assumptions)
        if notes:
            row += 1
            sheet.text(row, 1, "Notes", font=BOLD)
            for note in notes:
                row += 1
                sheet.text(row, 1, note, font=NOTE_FONT)
        if scenario.sources:
            row += 2
            sheet.text(row, 1, "Sources", font=BOLD)
            for path, source in scenario.sources.items():
                row += 1
                sheet.text(row, 1, path)
                sheet.text(row, 2, source)
        return row

    def _compensation_chart(
        self, sheet: SheetWriter, header: int, positions: int, anchor_row: int
    ) -> None:
        """Stacked year-1 compensation by position, from the Summary's own cells."""
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = "Total compensation, year 1"
        chart.y_axis.title = re.sub(r"[^A-Za-z]", "", self.scenario.currency)[:10] or "GBP"
        chart.y_axis.numFmt = self.money.whole
        chart.y_axis.majorGridlines = None
        categories = Reference(sheet.ws, min_col=2, max_col=positions + 1, min_row=header)
        for label in (
            "Base salary",
            "Expected bonus",
            "Sign-on",
            "Equity vesting",
            "Employer pension",
            "Benefits",
        ):
            row = self.summary_rows[label]
            values = Reference(sheet.ws, min_col=2, max_col=positions + 1, min_row=row)
            series = Series(values, title=label)
            chart.series.append(series)
        chart.set_categories(categories)
        _show_axes(chart)
        chart.width = max(16.0, min(60.0, 3.0 * positions))
        chart.height = 9.0
        sheet.ws.add_chart(chart, f"D{anchor_row}")

    # --- Offers and Benchmarks ------------------------------------------------------------------

    def _offers(self, sheet: SheetWriter) -> None:
        scenario = self.scenario
        records = [("current", scenario.current), *(("offer", o) for o in scenario.offers)]
        self._records(sheet, lay.POSITION_COLUMNS, records, freeze_column=3)

    def _benchmarks(self, sheet: SheetWriter) -> None:
        records = [(None, benchmark) for benchmark in self.scenario.benchmarks]
        self._records(sheet, lay.BENCHMARK_COLUMNS, records, freeze_column=2)

    def _records(
        self,
        sheet: SheetWriter,
        columns: tuple[lay.Column, ...],
        records: Sequence[tuple[str | None, object]],
        *,
        freeze_column: int,
    ) -> None:
        """One header row, then one input row per record: every cell is an editable input."""
        for column_index, column in enumerate(columns, start=1):
            sheet.text(
                lay.HEADER_ROW,
                column_index,
                column.header,
                font=BOLD,
                fill=HEADER_FILL,
                align=HEADER_ALIGN,
            )
        formats = {
            "money": self.money.whole,
            "pct": PERCENT,
            "int": WHOLE,
            "optional_int": WHOLE,
            "number": DECIMAL,
        }
        for offset, (role, record) in enumerate(records):
            row = lay.FIRST_RECORD_ROW + offset
            for column_index, column in enumerate(columns, start=1):
                value = (
                    role if column.kind == "role" else to_cell(column, model_value(column, record))
                )
                if isinstance(value, str) or (value is None and column.kind in ("text", "id")):
                    sheet.text(row, column_index, value, fill=INPUT_FILL)
                else:
                    sheet.number(
                        row, column_index, value, formats.get(column.kind), fill=INPUT_FILL
                    )
        last_row = lay.FIRST_RECORD_ROW + len(records) - 1
        ws = sheet.ws
        ws.freeze_panes = ws.cell(row=lay.FIRST_RECORD_ROW, column=freeze_column)
        ws.row_dimensions[lay.HEADER_ROW].height = 32
        sheet.widths({i: column.width for i, column in enumerate(columns, start=1)})
        if records:
            ws.auto_filter.ref = f"A{lay.HEADER_ROW}:{get_column_letter(len(columns))}{last_row}"

    # --- Take-home ------------------------------------------------------------------------------

    def _take_home(self, sheet: SheetWriter) -> None:
        pence = self.money.pence
        headers: tuple[tuple[str, float], ...] = (
            ("Id", 16),
            ("Position", 28),
            ("Tax year", 9),
            ("Rules used", 9),
            ("Tax region", 9),
            ("Taxable pay, year 1", 13),
            ("Personal allowance", 13),
            ("Taxable income", 13),
            ("Income tax", 12),
            ("National Insurance", 12),
            ("Student loan", 12),
            ("Into your pension (gross)", 13),
            ("Your pension cost", 12),
            ("Net take-home", 13),
            ("Net per month", 12),
            ("Net a year after year 1", 13),
            ("Note", 40),
        )
        for column, (label, _) in enumerate(headers, start=1):
            sheet.text(1, column, label, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN)
        for offset, item in enumerate(self.evaluation.positions):
            row = 2 + offset
            th = item.take_home
            sheet.text(row, 1, item.position_id)
            sheet.text(row, 2, item.name)
            sheet.text(row, 3, th.tax_year)
            sheet.text(row, 4, th.rules_year)
            sheet.text(row, 5, th.region)
            for column, value in enumerate(
                (
                    th.gross,
                    th.personal_allowance,
                    th.taxable_income,
                    th.income_tax,
                    th.employee_ni,
                    th.student_loan,
                    th.pension_contribution,
                    th.employee_pension_cost,
                    th.net,
                    th.net / 12.0,
                    item.take_home_recurring.net,
                ),
                start=6,
            ):
                sheet.number(row, column, value, pence)
            sheet.text(row, 17, th.note)
        sheet.ws.freeze_panes = "C2"
        sheet.ws.row_dimensions[1].height = 32
        sheet.widths({i: width for i, (_, width) in enumerate(headers, start=1)})

    # --- Scores ---------------------------------------------------------------------------------

    def _scores(self, sheet: SheetWriter) -> None:
        """Live scores: ratings, weights and anchors are inputs, everything else is a formula."""
        scenario, grid, decision = self.scenario, self.grid, self.decision
        criteria, offers = scenario.criteria, scenario.offers
        ws = sheet.ws
        if not criteria or not offers:
            sheet.text(1, 1, "Nothing to score yet: add offers and criteria in the app.")
            return
        last_raw = grid.raw_column(len(criteria) - 1)
        weights = f"{lay.absolute(grid.WEIGHT_ROW, grid.raw_column(0))}:{lay.absolute(grid.WEIGHT_ROW, last_raw)}"
        scores = (
            f"{lay.absolute(grid.FIRST_OFFER_ROW, grid.score_column)}:"
            f"{lay.absolute(grid.last_offer_row, grid.score_column)}"
        )
        ranks = (
            f"{lay.absolute(grid.FIRST_OFFER_ROW, grid.rank_column)}:"
            f"{lay.absolute(grid.last_offer_row, grid.rank_column)}"
        )

        def offer_range(column: int) -> str:
            return (
                f"{lay.absolute(grid.FIRST_OFFER_ROW, column)}:"
                f"{lay.absolute(grid.last_offer_row, column)}"
            )

        # Winner: one offer ranked 1, else nobody (a tie for first has no winner).
        one_first = f"COUNTIF({ranks},1)=1"
        sheet.text(grid.WINNER_ROW, 1, "Winner", font=TITLE_FONT)
        sheet.formula(
            grid.WINNER_ROW,
            2,
            f'=IF({one_first},INDEX({offer_range(grid.OFFER_NAME_COLUMN)},MATCH(1,{ranks},0)),"")',
            font=TITLE_FONT,
            fill=RESULT_FILL,
        )
        sheet.formula(
            grid.WINNER_ROW,
            3,
            f'=IF({one_first},INDEX({offer_range(grid.OFFER_ID_COLUMN)},MATCH(1,{ranks},0)),"")',
            font=NOTE_FONT,
        )
        sheet.formula(
            grid.WINNER_ROW,
            4,
            f'=IF({one_first},"","No winner: tied for first (within {TIE_POINTS} points)")',
            font=NOTE_FONT,
        )
        sheet.text(
            grid.WINNER_ROW,
            6,
            "Edit the yellow cells (weights, anchors, ratings): scores, ranks and the winner "
            "recalculate here. Import brings your edits back into the app.",
            font=NOTE_FONT,
        )
        labels = (
            (grid.ID_ROW, "Criterion id"),
            (grid.KIND_ROW, "Kind"),
            (grid.WEIGHT_ROW, "Weight"),
            (grid.SHARE_ROW, "Share of the total weight"),
            (grid.LOW_ROW, "Money: value scoring 0"),
            (grid.HIGH_ROW, "Money: value scoring 10"),
        )
        for row, label in labels:
            sheet.text(row, 1, label, font=BOLD)
        sheet.text(grid.HEADER_ROW, grid.OFFER_ID_COLUMN, "Offer id", font=BOLD, fill=HEADER_FILL)
        sheet.text(grid.HEADER_ROW, grid.OFFER_NAME_COLUMN, "Offer", font=BOLD, fill=HEADER_FILL)

        money_items = decision.money if decision is not None else {}
        for k, criterion in enumerate(criteria):
            raw_col, value_col = grid.raw_column(k), grid.value_column(k)
            raw_letter = get_column_letter(raw_col)
            sheet.text(grid.ID_ROW, raw_col, criterion.id, font=NOTE_FONT)
            kind = (
                "rating 0-10"
                if criterion.kind == "rating"
                else f"money: {METRIC_LABELS.get(criterion.metric or '', criterion.metric)}"
            )
            sheet.text(grid.KIND_ROW, raw_col, kind, font=NOTE_FONT, align=WRAP)
            sheet.number(grid.WEIGHT_ROW, raw_col, criterion.weight, GENERAL, fill=INPUT_FILL)
            sheet.formula(
                grid.SHARE_ROW,
                raw_col,
                f"={raw_letter}{grid.WEIGHT_ROW}/SUM({weights})",
                SHARE,
            )
            sheet.text(
                grid.HEADER_ROW,
                raw_col,
                criterion.label,
                font=BOLD,
                fill=HEADER_FILL,
                align=HEADER_ALIGN,
            )
            sheet.text(
                grid.HEADER_ROW,
                value_col,
                f"{criterion.label} (0-10)",
                font=BOLD,
                fill=HEADER_FILL,
                align=HEADER_ALIGN,
            )
            items: Any = money_items.get(criterion.id, {})
            uniform = self._anchor_cells(sheet, k, criterion.id, criterion.kind, items)
            for index, offer in enumerate(offers):
                row = grid.offer_row(index)
                raw = f"{raw_letter}{row}"
                if criterion.kind == "rating":
                    sheet.number(
                        row, raw_col, offer.ratings.get(criterion.id), RATING, fill=INPUT_FILL
                    )
                    sheet.formula(row, value_col, f"=MIN(10,MAX(0,{raw}))", RATING)
                    continue
                item = items.get(offer.id)
                number_format = PERCENT if criterion.metric == "vs_benchmark" else self.money.whole
                value = None if item is None else item.value
                if value is not None and criterion.metric == "vs_benchmark":
                    value = value / 100.0
                sheet.number(row, raw_col, value, number_format)
                sheet.formula(
                    row,
                    value_col,
                    _money_formula(
                        raw=raw,
                        raw_letter=raw_letter,
                        grid=grid,
                        uniform=uniform,
                        item=item,
                        metric=criterion.metric,
                    ),
                    RATING,
                )
        first_value = get_column_letter(grid.value_column(0))
        last_value = get_column_letter(grid.value_column(len(criteria) - 1))
        score_letter = get_column_letter(grid.score_column)
        sheet.text(grid.HEADER_ROW, grid.score_column, "Score (0-10)", font=BOLD, fill=HEADER_FILL)
        sheet.text(grid.HEADER_ROW, grid.rank_column, "Rank", font=BOLD, fill=HEADER_FILL)
        margin = f"{TIE_POINTS}+{TIE_SLACK:.0E}"
        for index, offer in enumerate(offers):
            row = grid.offer_row(index)
            sheet.text(row, grid.OFFER_ID_COLUMN, offer.id)
            sheet.text(row, grid.OFFER_NAME_COLUMN, offer.display_name)
            sheet.formula(
                row,
                grid.score_column,
                f"=MIN(10,MAX(0,SUMPRODUCT({weights},{first_value}{row}:{last_value}{row})/SUM({weights})))",
                SCORE,
                font=BOLD,
                fill=RESULT_FILL,
            )
            # Competition rank with the app's tie margin: RANK.EQ, less the offers that are higher
            # but within 0.005 points (they tie). SUMPRODUCT compares numbers, never their text.
            this = f"{score_letter}{row}"
            sheet.formula(
                row,
                grid.rank_column,
                f"=_xlfn.RANK.EQ({this},{scores},0)"
                f"-SUMPRODUCT(({scores}>{this})*({scores}<={this}+{margin}))",
                WHOLE,
                font=BOLD,
                fill=RESULT_FILL,
            )
        self._meanings(sheet)
        self._validations(sheet)
        ws.freeze_panes = ws.cell(row=grid.FIRST_OFFER_ROW, column=grid.FIRST_RAW_COLUMN)
        ws.row_dimensions[grid.HEADER_ROW].height = 45
        ws.row_dimensions[grid.KIND_ROW].height = 30
        widths: dict[int, float] = {grid.OFFER_ID_COLUMN: 24, grid.OFFER_NAME_COLUMN: 30}
        widths.update(dict.fromkeys(range(grid.FIRST_RAW_COLUMN, grid.rank_column + 1), 13))
        sheet.widths(widths)
        self._scores_chart(sheet)

    def _anchor_cells(
        self,
        sheet: SheetWriter,
        k: int,
        criterion_id: str,
        kind: str,
        items: Any,
    ) -> bool:
        """Write a money criterion's anchors; True when every offer uses the same pair.

        The app derives anchors per offer only when there is no target-role benchmark and the
        offers have benchmarks of their own; then the anchor cells say so and each offer's 0-10
        formula carries its own pair (typing an anchor here still overrides every offer on import).
        """
        grid = self.grid
        column = grid.raw_column(k)
        if kind != "money":
            return True
        criterion = self.scenario.criterion(criterion_id)
        number_format = PERCENT if criterion.metric == "vs_benchmark" else self.money.whole
        scale = 100.0 if criterion.metric == "vs_benchmark" else 1.0
        pairs = {(item.low, item.high) for item in items.values()}
        uniform = len(pairs) <= 1
        written: list[float | str | None]
        if uniform:
            low, high = (
                next(iter(pairs)) if pairs else (criterion.anchor_low, criterion.anchor_high)
            )
            numbers = [None if low is None else low / scale, None if high is None else high / scale]
            written = list(numbers)
            for row, number in zip((grid.LOW_ROW, grid.HIGH_ROW), numbers, strict=True):
                sheet.number(row, column, number, number_format, fill=INPUT_FILL)
        else:
            written = [
                _PER_OFFER if criterion.anchor_low is None else criterion.anchor_low / scale,
                _PER_OFFER if criterion.anchor_high is None else criterion.anchor_high / scale,
            ]
            for row, value in zip((grid.LOW_ROW, grid.HIGH_ROW), written, strict=True):
                if isinstance(value, str):
                    sheet.text(row, column, value, font=NOTE_FONT, fill=INPUT_FILL)
                else:
                    sheet.number(row, column, value, number_format, fill=INPUT_FILL)
        self.written_anchors[criterion_id] = written
        return uniform

    def _meanings(self, sheet: SheetWriter) -> None:
        """Below the offers: what ratings of 0, 5 and 10 mean, and how far each weight can move."""
        grid, decision = self.grid, self.decision
        top = grid.meanings_title_row
        sheet.text(top, 1, lay.MEANINGS_TITLE, font=BOLD)
        header = top + 1
        columns = lay.MEANING_COLUMNS
        for index, column in enumerate(columns, start=1):
            sheet.text(header, index, column.header, font=BOLD, fill=HEADER_FILL)
        stability_column = len(columns) + 1
        if decision is not None and decision.winner is not None:
            sheet.text(
                header,
                stability_column,
                "Winner in the app stays the winner for a share from",
                font=BOLD,
                fill=HEADER_FILL,
                align=HEADER_ALIGN,
            )
            sheet.text(header, stability_column + 1, "to", font=BOLD, fill=HEADER_FILL)
        for offset, criterion in enumerate(self.scenario.criteria):
            row = header + 1 + offset
            for index, column in enumerate(columns, start=1):
                if column.field == "label":  # the label is edited once, in the table's header
                    letter = get_column_letter(grid.raw_column(offset))
                    sheet.formula(row, index, f"={letter}${grid.HEADER_ROW}", font=BOLD)
                else:
                    sheet.text(row, index, getattr(criterion, column.field), align=WRAP)
            if decision is not None and decision.winner is not None:
                interval = decision.weight_stability.get(criterion.id)
                if interval is not None:
                    sheet.number(row, stability_column, interval[0], SHARE)
                    sheet.number(row, stability_column + 1, interval[1], SHARE)

    def _validations(self, sheet: SheetWriter) -> None:
        """Spreadsheet-side checks on the inputs (the import checks them again)."""
        grid = self.grid
        ratings = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="10",
            showErrorMessage=True,
            errorTitle="Rating",
            error="A rating is a number from 0 to 10.",
        )
        weights = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="1000",
            showErrorMessage=True,
            errorTitle="Weight",
            error="A weight is a number from 0 to 1,000.",
        )
        for k, criterion in enumerate(self.scenario.criteria):
            letter = get_column_letter(grid.raw_column(k))
            weights.add(f"{letter}{grid.WEIGHT_ROW}")
            if criterion.kind == "rating":
                ratings.add(f"{letter}{grid.FIRST_OFFER_ROW}:{letter}{grid.last_offer_row}")
        sheet.ws.add_data_validation(ratings)
        sheet.ws.add_data_validation(weights)

    def _scores_chart(self, sheet: SheetWriter) -> None:
        """Decision scores by offer, from the live score column (it re-draws as they change)."""
        grid = self.grid
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Decision score (0-10)"
        chart.legend = None
        values = Reference(
            sheet.ws,
            min_col=grid.score_column,
            min_row=grid.HEADER_ROW,
            max_row=grid.last_offer_row,
        )
        categories = Reference(
            sheet.ws,
            min_col=grid.OFFER_NAME_COLUMN,
            min_row=grid.FIRST_OFFER_ROW,
            max_row=grid.last_offer_row,
        )
        chart.add_data(values, titles_from_data=True)
        chart.set_categories(categories)
        chart.x_axis.scaling.orientation = "maxMin"  # first offer at the top
        chart.y_axis.crosses = "max"  # and the 0-10 axis below the bars
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 10
        chart.y_axis.numFmt = "0"
        _show_axes(chart)
        chart.height = max(7.5, min(40.0, 0.6 * grid.offers + 3))
        chart.width = 16.0
        anchor_column = get_column_letter(grid.rank_column + 2)
        sheet.ws.add_chart(chart, f"{anchor_column}{grid.HEADER_ROW}")

    # --- Trajectory -----------------------------------------------------------------------------

    def _trajectory(self, sheet: SheetWriter) -> None:
        """Month by month: salary and cumulative net earnings percentiles for every strategy."""
        trajectory = self.trajectory
        if trajectory is None:
            sheet.text(
                1,
                1,
                "The job-search trajectory is not part of this evaluation.",
                font=NOTE_FONT,
            )
            return
        scenario = self.scenario
        sheet.text(
            1,
            1,
            f"Job-search trajectories: {trajectory.paths:,} simulated paths, seed "
            f"{trajectory.seed}, {trajectory.resolution} resolution",
            font=TITLE_FONT,
        )
        sheet.text(
            2,
            1,
            "Salary: annual base salary in force that month (0 without a job). Cumulative: net "
            "earnings from month 1 to the end of the month. Percentiles are across paths, month "
            "by month.",
            font=NOTE_FONT,
        )
        series: list[tuple[str, str, Band]] = [
            (
                _DECLINE_OWNER,
                "Decline every offer and keep searching",
                trajectory.decline_and_search,
            )
        ]
        names = {o.id: o.display_name for o in scenario.offers}
        for offer_id, item in trajectory.offers.items():
            name = names.get(offer_id, offer_id)
            series.append((name, "Accept and keep searching", item.accept_and_search))
            series.append((name, "Accept and stay", item.accept_and_stay))
        measures = (
            ("Salary, 10th percentile", "p10"),
            ("Salary, median", "p50"),
            ("Salary, 90th percentile", "p90"),
            ("Cumulative net, 10th percentile", "cumulative_p10"),
            ("Cumulative net, median", "cumulative_p50"),
            ("Cumulative net, 90th percentile", "cumulative_p90"),
        )
        owner_row, strategy_row, measure_row = (
            _TRAJECTORY_HEADER,
            _TRAJECTORY_HEADER + 1,
            _TRAJECTORY_HEADER + 2,
        )
        first = measure_row + 1
        months = [int(m) for m in trajectory.decline_and_search.months.tolist()]
        sheet.text(measure_row, 1, "Month", font=BOLD, fill=HEADER_FILL)
        sheet.number(first, 1, months[0], WHOLE, font=BOLD)
        sheet.number(first + len(months) - 1, 1, months[-1], WHOLE, font=BOLD)
        money = self.money.whole
        ws = sheet.ws
        self.trajectory_columns: dict[tuple[str, str], int] = {}
        block: list[list[float | int]] = [[month] for month in months[1:-1]]
        column = 2
        last = first + len(months) - 1
        self.trajectory_groups: dict[tuple[str, str], int] = {}
        for owner, strategy, band in series:
            self.trajectory_groups[owner, strategy] = column
            sheet.text(owner_row, column, owner, font=BOLD)
            sheet.text(strategy_row, column, strategy, font=NOTE_FONT)
            for label, attribute in measures:
                sheet.text(
                    measure_row, column, label, font=BOLD, fill=HEADER_FILL, align=HEADER_ALIGN
                )
                values = [float(v) for v in getattr(band, attribute).tolist()]
                # openpyxl writes the first and last month; the months between go in as a block.
                sheet.number(first, column, values[0], money)
                sheet.number(last, column, values[-1], money)
                for row, value in zip(block, values[1:-1], strict=True):
                    row.append(value)
                self.trajectory_columns[owner, f"{strategy}:{attribute}"] = column
                column += 1
        if block:
            columns = list(range(1, column))
            styles = [ws.cell(row=first, column=c).style_id for c in columns]
            self.blocks.append(
                lambda: NumberBlock(ws.path.lstrip("/"), first, columns, styles, block)
            )
        ws.freeze_panes = ws.cell(row=first, column=2)
        ws.row_dimensions[measure_row].height = 32
        sheet.widths({1: 8, **dict.fromkeys(range(2, column), 13.0)})
        self._trajectory_charts(sheet, series, first, len(months))

    def _trajectory_charts(
        self,
        sheet: SheetWriter,
        series: list[tuple[str, str, Band]],
        first: int,
        count: int,
    ) -> None:
        """Medians of declining and of the top offers (by score) accepting and searching on."""
        decision = self.decision
        offer_ids = [o.id for o in self.scenario.offers]
        if decision is not None and decision.scores:
            scores = decision.scores
            order = {oid: index for index, oid in enumerate(offer_ids)}
            offer_ids.sort(key=lambda oid: (-scores.get(oid, 0.0), order[oid]))
        names = {o.id: o.display_name for o in self.scenario.offers}
        chosen = [names[oid] for oid in offer_ids[:TOP_OFFERS_IN_CHARTS]]
        lines = [(_DECLINE_OWNER, "Decline every offer and keep searching")]
        lines += [(name, "Accept and keep searching") for name in chosen]
        months = Reference(sheet.ws, min_col=1, min_row=first, max_row=first + count - 1)
        anchor_row = first + count + 2
        for index, (attribute, title) in enumerate(
            (
                ("cumulative_p50", "Median cumulative net earnings (£)"),
                ("p50", "Median salary in force (£ a year)"),
            )
        ):
            chart = LineChart()
            chart.title = title
            chart.x_axis.title = "Month"
            chart.y_axis.numFmt = self.money.whole
            for owner, strategy in lines:
                column = self.trajectory_columns.get((owner, f"{strategy}:{attribute}"))
                if column is None:
                    continue
                values = Reference(
                    sheet.ws, min_col=column, min_row=first, max_row=first + count - 1
                )
                line = Series(values)
                # The legend reads the header cell (the offer's name, or the strategy when
                # declining): user text stays in cells, never in the chart's own XML.
                label_row = _TRAJECTORY_HEADER + (1 if owner == _DECLINE_OWNER else 0)
                group = self.trajectory_groups[owner, strategy]
                reference = f"{lay.quote_sheet(lay.TRAJECTORY)}!{lay.absolute(label_row, group)}"
                line.tx = SeriesLabel(strRef=StrRef(reference))
                line.smooth = False  # straight segments: a smoothed line invents values
                chart.series.append(line)
            chart.set_categories(months)
            _show_axes(chart)
            chart.width = 24.0
            chart.height = 11.0
            sheet.ws.add_chart(chart, f"B{anchor_row + index * 24}")

    # --- _scenario ------------------------------------------------------------------------------

    def _data(self, sheet: SheetWriter) -> None:
        """The full scenario as JSON, in chunks, with a checksum: what import rebuilds from."""
        payload = scenario_payload(self.scenario, {"anchors": self.written_anchors})
        chunks = [payload[i : i + CHUNK] for i in range(0, len(payload), CHUNK)]
        sheet.text(
            1,
            1,
            "Offer Eval keeps the full scenario here so that Import can rebuild it. Do not edit.",
        )
        values: dict[str, str | int] = {
            "format": lay.WORKBOOK_FORMAT,
            "workbook_version": lay.WORKBOOK_VERSION,
            "schema_version": SCHEMA_VERSION,
            "app_version": __version__,
            "chunks": len(chunks),
            "sha256": hashlib.sha256(payload.encode("ascii")).hexdigest(),
        }
        for row, key in enumerate(DATA_KEYS, start=2):
            sheet.text(row, 1, key)
            value = values[key]
            if isinstance(value, str):
                sheet.text(row, 2, value)
            else:
                sheet.number(row, 2, value)
        for offset, chunk in enumerate(chunks):
            sheet.text(DATA_FIRST_CHUNK_ROW + offset, 1, chunk)


_PER_OFFER: Final = "per offer"


def _money_formula(
    *,
    raw: str,
    raw_letter: str,
    grid: lay.ScoresGrid,
    uniform: bool,
    item: Any,
    metric: str | None,
) -> str:
    """The 0-10 value of a money figure: clamp((v - low) / (high - low) × 10, 0, 10).

    A missing figure or missing anchors score the neutral 5, as in the app. With shared anchors
    the formula reads the anchor cells, so editing an anchor re-scores every offer.
    """
    neutral = f"{NEUTRAL:g}"
    if uniform:
        low = f"{raw_letter}${grid.LOW_ROW}"
        high = f"{raw_letter}${grid.HIGH_ROW}"
        return (
            f"=IF(OR(ISBLANK({raw}),ISBLANK({low}),ISBLANK({high})),{neutral},"
            f"MIN(10,MAX(0,({raw}-{low})/({high}-{low})*10)))"
        )
    if item is None or item.low is None or item.high is None:
        return f"={neutral}"
    scale = 100.0 if metric == "vs_benchmark" else 1.0
    low_value, high_value = repr(item.low / scale), repr(item.high / scale)
    return (
        f"=IF(ISBLANK({raw}),{neutral},"
        f"MIN(10,MAX(0,({raw}-{low_value})/({high_value}-{low_value})*10)))"
    )


def _show_axes(chart: Any) -> None:
    """openpyxl 3.1 hides chart axes unless told otherwise; show them (Excel's default look)."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _region_words(scenario: Scenario) -> str:
    if scenario.tax.region == "scotland":
        return "Scotland"
    return "England, Wales and Northern Ireland (rUK)"


_SEARCH_LABELS: Final[dict[str, tuple[str, str]]] = {
    "applications_per_month": ("Applications a month, in a job", "number"),
    "applications_per_month_unemployed": ("Applications a month, without a job", "number"),
    "callback_rate_novice": ("Callbacks per application, before experience", "fraction"),
    "callback_rate_experienced": ("Callbacks per application, once experienced", "fraction"),
    "experience_threshold_months": (
        "Months in the new field before counting as experienced",
        "int",
    ),
    "ramp_months": ("Months over which callbacks climb", "int"),
    "offers_per_callback": ("Offers per callback", "fraction"),
    "benchmark_id": ("Benchmark that sets new offers' pay", "text"),
    "market_growth_pct": ("Market pay growth a year", "pct"),
    "novice_discount": ("Offers before experience, share of the benchmark", "fraction"),
    "offer_spread": ("Spread of offers (log salary)", "number"),
    "switching_margin_pct": ("Switching margin", "pct"),
    "annual_raise_pct": ("Yearly raise in a job found by searching", "pct"),
    "layoff_rate_pct": ("Chance of losing a job a year", "pct"),
    "income_while_searching": ("Income a year while searching without a job", "money"),
    "discount_rate_pct": ("Discount rate a year", "pct"),
    "risk_aversion": ("Risk aversion", "number"),
    "prior_experience_months": ("Months already worked in the new field", "int"),
    "new_job_pension_pct": ("Your pension in a job found by searching", "pct"),
}


def _search_rows(
    search: SearchAssumptions, money: str
) -> list[tuple[str, float | str | None, str | None]]:
    """Every search assumption, labelled; fields added later still appear, under their names."""
    rows: list[tuple[str, float | str | None, str | None]] = []
    for item in dataclasses.fields(search):
        value = getattr(search, item.name)
        if item.name == "history" or dataclasses.is_dataclass(value):
            continue
        label, kind = _SEARCH_LABELS.get(item.name, (item.name.replace("_", " ").capitalize(), ""))
        label = f"Search: {label[0].lower()}{label[1:]}"
        if value is None or isinstance(value, str):
            rows.append((label, value, None))
        elif isinstance(value, bool):
            rows.append((label, "yes" if value else "no", None))
        elif kind == "pct" or item.name.endswith("_pct"):
            rows.append((label, float(value) / 100.0, PERCENT))
        elif kind == "fraction":
            rows.append((label, float(value), PERCENT))
        elif kind == "money":
            rows.append((label, float(value), money))
        elif isinstance(value, int | float):
            rows.append((label, float(value), WHOLE if kind == "int" else GENERAL))
    return rows
