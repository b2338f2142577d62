"""The `offer-eval` command: open the app, or work headless on scenario files.

Every argument is parsed here, before anything heavy loads: a headless COMMAND by the parser
below, anything else by `arguments.parse_app_arguments`, and only then is the app imported and
run with the parsed arguments. Nothing imports this module but `__main__`. The model, the file
formats and the reports' wording are imported by the commands that use them: the window, which
starts through here too, imports what it needs itself, while its start-up holds the garbage
collector back (imported here, at the top, the collector ran over them a dozen times).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from offer_eval import __version__
from offer_eval.arguments import (
    AppArguments,
    Parser,
    UsageError,
    add_debug,
    parse_app_arguments,
)
from offer_eval.core.errors import InvalidValueError

if TYPE_CHECKING:
    from offer_eval.core.evaluate import Evaluation
    from offer_eval.core.models import Scenario

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2
COMMANDS = ("report", "take-home", "demo", "import", "applications")


def _build_parser() -> Parser:
    from offer_eval.core.contracts import ENGAGEMENTS
    from offer_eval.core.tax import LOAN_PLANS, PENSION_METHODS

    parser = Parser(
        prog="offer-eval",
        description="Compare job offers: pay cut, UK take-home, job-search trajectory and a weighted score. "
        "With no command, opens the desktop app on FILE or on the built-in demo.",
    )
    parser.add_argument("--version", action="version", version=f"offer-eval {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    report = commands.add_parser(
        "report", help="evaluate a scenario file (default: the demo) without a window"
    )
    report.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a *.offers.json scenario (default: the built-in demo)",
    )
    report.add_argument("--json", action="store_true", help="print the JSON report")
    report.add_argument("--csv", metavar="OUT.csv", help="also write the side-by-side table as CSV")
    report.add_argument(
        "--xlsx", metavar="OUT.xlsx", help="also write the Excel workbook (live scores, charts)"
    )
    report.add_argument(
        "--pdf",
        metavar="OUT.pdf",
        help="also write a one- or two-page A4 summary with charts (no display needed)",
    )
    add_debug(report)

    home = commands.add_parser(
        "take-home", help="UK take-home pay for a gross salary, or a contract's day rate"
    )
    home.add_argument(
        "gross",
        metavar="GROSS",
        nargs="?",
        help='annual gross pay: 45000, "£45,000" or 45k (omit with --day-rate)',
    )
    home.add_argument(
        "--year", metavar="YYYY/YY", help="tax year, e.g. 2026/27 (default: the current one)"
    )
    home.add_argument(
        "--region", choices=("rUK", "scotland"), default="rUK", help="income tax region"
    )
    home.add_argument(
        "--pension",
        metavar="PCT",
        type=float,
        default=0.0,
        help="pension contribution, %% of gross",
    )
    home.add_argument(
        "--pension-method",
        choices=PENSION_METHODS,
        help="how the pension is paid (default: net_pay when --pension is set, else none)",
    )
    home.add_argument(
        "--student-loan",
        metavar="PLAN",
        action="append",
        choices=LOAN_PLANS,
        default=[],
        help="repeatable",
    )
    home.add_argument(
        "--children",
        metavar="N",
        type=int,
        default=0,
        help="Child Benefit claimed for N children (you as the higher earner pay the charge)",
    )
    home.add_argument(
        "--benefits-in-kind",
        metavar="AMOUNT",
        default="0",
        help="taxable benefits a year (taxed, not cash)",
    )
    home.add_argument("--day-rate", metavar="RATE", help="a contract's day rate instead of GROSS")
    home.add_argument(
        "--days", metavar="DAYS", type=float, default=220.0, help="working days a year (220)"
    )
    home.add_argument(
        "--utilisation",
        metavar="PCT",
        type=float,
        default=100.0,
        help="%% of those days billed (100)",
    )
    home.add_argument("--engagement", choices=ENGAGEMENTS, help="how the contract is paid")
    home.add_argument(
        "--umbrella-margin", metavar="AMOUNT", default="0", help="umbrella's fee, £ a year"
    )
    home.add_argument(
        "--accountancy", metavar="AMOUNT", default="0", help="company running costs, £ a year"
    )
    home.add_argument("--json", action="store_true", help="print JSON")
    add_debug(home)

    demo = commands.add_parser("demo", help="write the built-in demo scenario to a file")
    demo.add_argument("out", metavar="OUT.json")
    add_debug(demo)

    imports = commands.add_parser(
        "import", help="read a workbook exported by Offer Eval (edits included) into a scenario"
    )
    imports.add_argument("workbook", metavar="IN.xlsx", help="the workbook (it is never modified)")
    imports.add_argument("out", metavar="OUT.json", help="the scenario file to write")
    add_debug(imports)

    log = commands.add_parser(
        "applications",
        help="add the rows of a CSV application log to a scenario file (replacing it atomically)",
    )
    log.add_argument(
        "csv",
        metavar="IN.csv",
        help="columns such as date, employer, role, stage, outcome; dates as 2025-03-14, "
        "14/03/2025 or 14 Mar 2025",
    )
    log.add_argument("file", metavar="FILE", help="the scenario file the rows are added to")
    add_debug(log)
    return parser


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _load_scenario(file: str | None) -> Scenario:
    from offer_eval.persistence.document import load
    from offer_eval.persistence.examples import demo_scenario

    return demo_scenario() if file is None else load(file)


def _run_report(args: argparse.Namespace) -> int:
    from offer_eval.core.evaluate import evaluate, evaluate_searches, with_tie_salaries
    from offer_eval.persistence.outputs import OutputTransaction
    from offer_eval.present.report import render_text, report_dict
    from offer_eval.present.terminal import terminal_safe

    # Every output is staged and they all replace their files together at the end, so a failed
    # report (a bad output path, a full disk) writes none of them; none may be the input.
    with OutputTransaction(inputs=[args.file] if args.file else []) as outputs:
        scenario = _load_scenario(args.file)
        for path in (args.csv, args.xlsx, args.pdf):
            if path:
                outputs.check(path)  # before the work: a bad path fails fast
        evaluation = with_tie_salaries(evaluate(scenario))
        if args.csv:
            from offer_eval.persistence.csv_export import csv_rows, to_csv

            outputs.write(args.csv, to_csv(csv_rows(evaluation)))
        if args.xlsx:
            from offer_eval.persistence.excel import workbook_bytes

            # With the searches, as the window exports it: the lowest offer worth taking.
            searches = evaluate_searches(scenario)
            outputs.write(args.xlsx, workbook_bytes(evaluation, searches=searches))
        if args.pdf:
            _write_pdf(evaluation, outputs.temporary(args.pdf), args.pdf)
        text = (
            json.dumps(report_dict(evaluation), indent=2, ensure_ascii=False) + "\n"
            if args.json
            else terminal_safe(render_text(evaluation))
        )
    sys.stdout.write(text)
    return EXIT_OK


def _write_pdf(evaluation: Evaluation, temporary: Path, given: str) -> None:
    """Draw the summary into the transaction's temporary file (Qt wants a file name)."""
    from offer_eval.app import write_summary_pdf
    from offer_eval.persistence.outputs import OutputError

    try:
        write_summary_pdf(evaluation, temporary)
    except OSError as error:
        raise OutputError(given, f"cannot write: {error.strerror or error}") from None


def _run_take_home(args: argparse.Namespace) -> int:
    from offer_eval.core.tax import current_tax_year, resolve_tax_year

    if (args.gross is None) == (args.day_rate is None):
        raise UsageError("offer-eval take-home: give GROSS or --day-rate (not both)")
    if args.day_rate is not None and args.engagement is None:
        raise UsageError("offer-eval take-home: --day-rate needs --engagement")
    year = args.year
    asked, rules_year, note = resolve_tax_year(year)
    if year is None and asked != rules_year:
        note = f"the current tax year is {current_tax_year()}; using the latest shipped rules ({rules_year})"
    method = args.pension_method or ("net_pay" if args.pension > 0 else "none")
    if args.day_rate is not None:
        return _run_contract(args, asked, method, note)
    from offer_eval.core.money_text import parse_money
    from offer_eval.core.tax import take_home
    from offer_eval.present.take_home import take_home_json, take_home_text

    gross = parse_money(args.gross, field="GROSS")
    if gross < 0:
        raise InvalidValueError("GROSS", "must not be negative")
    benefits = parse_money(args.benefits_in_kind, field="--benefits-in-kind")
    result = take_home(
        gross,
        tax_year=asked,
        region=args.region,
        pension_pct=args.pension,
        pension_method=method,
        student_loans=tuple(args.student_loan),
        benefits_in_kind=benefits,
        children=args.children,
    )
    if note:
        sys.stderr.write(f"offer-eval: note: {note}\n")
    if args.json:
        _print_json(
            take_home_json(
                result,
                pension_method=method,
                student_loans=list(args.student_loan),
                benefits_in_kind=benefits,
            )
        )
    else:
        sys.stdout.write(take_home_text(result, region=args.region, benefits_in_kind=benefits))
    return EXIT_OK


def _run_contract(args: argparse.Namespace, year: str, method: str, note: str | None) -> int:
    from offer_eval.core.contracts import contract_take_home
    from offer_eval.core.money_text import parse_money
    from offer_eval.present.take_home import contract_json, contract_text

    result = contract_take_home(
        parse_money(args.day_rate, field="--day-rate"),
        engagement=args.engagement,
        days_per_year=args.days,
        utilisation_pct=args.utilisation,
        tax_year=year,
        region=args.region,
        student_loans=tuple(args.student_loan),
        children=args.children,
        umbrella_margin=parse_money(args.umbrella_margin, field="--umbrella-margin"),
        accountancy_cost=parse_money(args.accountancy, field="--accountancy"),
        pension_pct=args.pension,
        pension_method=method,
    )
    if note:
        sys.stderr.write(f"offer-eval: note: {note}\n")
    if args.json:
        _print_json(
            contract_json(
                result,
                region=args.region,
                student_loans=list(args.student_loan),
                utilisation_pct=args.utilisation,
            )
        )
    else:
        sys.stdout.write(contract_text(result, region=args.region))
    return EXIT_OK


def _run_demo(args: argparse.Namespace) -> int:
    from offer_eval.persistence.document import save
    from offer_eval.persistence.examples import demo_scenario

    save(demo_scenario(), args.out)
    return EXIT_OK


def _run_import(args: argparse.Namespace) -> int:
    from offer_eval.persistence.document import save
    from offer_eval.persistence.excel import read_workbook
    from offer_eval.persistence.outputs import resolve_output

    resolve_output(args.out, inputs=[args.workbook])  # refuse a bad output before the slow read
    scenario = read_workbook(args.workbook)
    save(scenario, args.out, inputs=[args.workbook])
    return EXIT_OK


def _run_applications(args: argparse.Namespace) -> int:
    from offer_eval.editing.applications import add_applications
    from offer_eval.persistence.applications_csv import read_applications_file
    from offer_eval.persistence.document import load, save
    from offer_eval.persistence.outputs import resolve_output

    source, target = Path(args.csv), Path(args.file)
    # FILE is the one output a command may replace although it also reads it (atomically, with
    # the rows added); the CSV must never be it, through a symbolic or a hard link either, and a
    # folder or special file is refused before anything is read.
    resolve_output(target, inputs=[source])
    scenario = load(target)
    result = read_applications_file(
        source,
        existing=(a.id for a in scenario.applications),
        existing_count=len(scenario.applications),
    )
    for problem in result.refused:
        sys.stderr.write(f"{args.csv}: line {problem.line}: {problem.reason} (row left out)\n")
    for warning in result.warnings:
        sys.stderr.write(f"{args.csv}: line {warning.line}: {warning.reason}\n")
    if result.refused and not result.applications:
        sys.stderr.write(f"{args.csv}: no row could be read; {args.file} is unchanged\n")
        return EXIT_BAD_INPUT
    if result.applications:
        save(add_applications(scenario, result.applications), target, inputs=(source,))
    added = len(result.applications)
    sys.stdout.write(
        f"Added {added:,} application{'' if added == 1 else 's'} to {args.file}"
        + (f"; {_rows(len(result.refused))} left out" if result.refused else "")
        + ".\n"
    )
    return EXIT_OK


def _rows(count: int) -> str:
    return f"{count:,} row{'' if count == 1 else 's'}"


_RUNNERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "report": _run_report,
    "take-home": _run_take_home,
    "demo": _run_demo,
    "import": _run_import,
    "applications": _run_applications,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 internal error, 2 bad input)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        if not args or args[0] not in (*COMMANDS, "-h", "--help", "--version"):
            return _run_app(parse_app_arguments(args))
        namespace = _build_parser().parse_args(args)
        if namespace.command is None:
            return EXIT_OK
        code = _RUNNERS[namespace.command](namespace)
        sys.stdout.flush()  # here, so a closed pipe (`| head`) is handled below, not at exit
        return code
    except _bad_input() as error:
        sys.stderr.write(f"{_terminal_safe(str(error))}\n")
        return EXIT_BAD_INPUT
    except InvalidValueError as error:
        sys.stderr.write(f"offer-eval: {_terminal_safe(str(error))}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`offer-eval report | head`): not an error. Point stdout at
        # /dev/null so that the interpreter's final flush does not complain about it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except SystemExit as exit_request:
        return exit_request.code if isinstance(exit_request.code, int) else EXIT_OK
    except Exception as error:
        from offer_eval.crash_log import log_internal_error

        where = log_internal_error(error)
        if debug:
            traceback.print_exception(error, file=sys.stderr)
        sys.stderr.write(
            f"offer-eval: internal error: {type(error).__name__}: {error} (details in {where})\n"
        )
        return EXIT_INTERNAL


def _bad_input() -> tuple[type[Exception], ...]:
    """The errors that mean bad input (exit 2). Named only once something has gone wrong: the
    document's error comes with the document reader, which the window loads later, itself."""
    from offer_eval.persistence.document import DocumentError
    from offer_eval.persistence.outputs import OutputError

    return (UsageError, DocumentError, OutputError)


def _terminal_safe(text: str) -> str:
    from offer_eval.present.terminal import terminal_safe

    return terminal_safe(text)


def _run_app(arguments: AppArguments) -> int:
    """Open the desktop app; imported late so headless commands never load Qt."""
    from offer_eval.app import run

    return run(arguments)


if __name__ == "__main__":
    sys.exit(main())
