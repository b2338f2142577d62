"""What this build of Offer Eval is and ships, for Help → About: the version, the tax years it has
rules for, where its benchmark figures come from, and the application icon's files.

Pure: reads only the package's own resources, loads no Qt. The GUI turns it into a dialog and a
window icon (`about_text()` or `about_html()`, `icon_files()`).
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from offer_eval import __version__
from offer_eval.core.benchmarks import shipped_benchmarks
from offer_eval.core.resources import resource
from offer_eval.core.tax import shipped_tax_years

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@dataclass(frozen=True, slots=True)
class BenchmarkSource:
    """One publisher of shipped benchmark rows: its site, its addresses and the years covered."""

    site: str
    urls: tuple[str, ...]
    rows: int
    first_year: int | None
    last_year: int | None

    @property
    def years(self) -> str:
        """The years the rows cover: "2023–2025", "2024", or "" when no row has a year."""
        if self.first_year is None or self.last_year is None:
            return ""
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"


@dataclass(frozen=True, slots=True)
class BuildInfo:
    """Facts about the running build (see `build_info()`)."""

    version: str
    tax_years: tuple[str, ...]
    benchmark_sources: tuple[BenchmarkSource, ...]
    benchmark_rows: int
    frozen: bool
    python: str

    def about_text(self) -> str:
        """Plain text for the About dialog."""
        lines = [
            f"Offer Eval {self.version}",
            "",
            "Compare job offers by pay cut, UK take-home, job-search trajectory and what matters "
            "to you. Everything stays on this computer: the app makes no network connection.",
            "",
            f"UK tax rules: {_years(self.tax_years)}.",
            f"Salary benchmarks: {self.benchmark_rows} rows from {len(self.benchmark_sources)} "
            "sources:",
        ]
        for source in self.benchmark_sources:
            lines.append(f"  • {_describe(source)}")
        lines += ["", self._build_line()]
        return "\n".join(lines)

    def about_html(self) -> str:
        """The same as `about_text()` as rich text, with the sources' addresses as links."""
        items = "".join(
            f"<li>{html.escape(_describe(source))}: "
            + ", ".join(
                f'<a href="{html.escape(url, quote=True)}">{html.escape(_short(url))}</a>'
                for url in source.urls
            )
            + "</li>"
            for source in self.benchmark_sources
        )
        return (
            f"<h3>Offer Eval {html.escape(self.version)}</h3>"
            "<p>Compare job offers by pay cut, UK take-home, job-search trajectory and what "
            "matters to you. Everything stays on this computer: the app makes no network "
            "connection.</p>"
            f"<p><b>UK tax rules:</b> {html.escape(_years(self.tax_years))}.</p>"
            f"<p><b>Salary benchmarks:</b> {self.benchmark_rows} rows from "
            f"{len(self.benchmark_sources)} sources:</p><ul>{items}</ul>"
            f"<p><small>{html.escape(self._build_line())}</small></p>"
        )

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (diagnostics, support requests)."""
        return {
            "version": self.version,
            "tax_years": list(self.tax_years),
            "benchmark_rows": self.benchmark_rows,
            "benchmark_sources": [
                {"site": s.site, "urls": list(s.urls), "rows": s.rows, "years": s.years}
                for s in self.benchmark_sources
            ],
            "frozen": self.frozen,
            "python": self.python,
        }

    def _build_line(self) -> str:
        kind = "Desktop bundle" if self.frozen else "Installed as a Python package"
        return f"{kind} (Python {self.python})."


def _years(years: tuple[str, ...]) -> str:
    return ", ".join(years) if years else "none shipped"


def _describe(source: BenchmarkSource) -> str:
    rows = "1 row" if source.rows == 1 else f"{source.rows} rows"
    return f"{source.site} ({rows}, {source.years})" if source.years else f"{source.site} ({rows})"


def _short(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc + parts.path).removeprefix("www.").rstrip("/") or url


def _site(source: str) -> str:
    """The publisher's host name ("itjobswatch.co.uk"), or the text itself when it is no address."""
    parts = urlsplit(source.strip())
    if parts.scheme in {"http", "https"} and parts.netloc:
        return parts.netloc.lower().removeprefix("www.")
    return source.strip() or "unattributed"


def benchmark_sources() -> tuple[BenchmarkSource, ...]:
    """The shipped benchmark rows grouped by publisher, most rows first, then by name."""
    grouped: dict[str, list[tuple[str, int | None]]] = {}
    for row in shipped_benchmarks():
        grouped.setdefault(_site(row.source), []).append((row.source.strip(), row.year))
    sources = []
    for site, rows in grouped.items():
        years = [year for _, year in rows if year is not None]
        urls = tuple(
            dict.fromkeys(url for url, _ in rows if url.startswith(("http://", "https://")))
        )
        sources.append(
            BenchmarkSource(
                site=site,
                urls=urls,
                rows=len(rows),
                first_year=min(years) if years else None,
                last_year=max(years) if years else None,
            )
        )
    return tuple(sorted(sources, key=lambda source: (-source.rows, source.site)))


def build_info() -> BuildInfo:
    """The version, shipped tax years and benchmark sources of the running build."""
    sources = benchmark_sources()
    return BuildInfo(
        version=__version__,
        tax_years=shipped_tax_years(),
        benchmark_sources=sources,
        benchmark_rows=sum(source.rows for source in sources),
        frozen=bool(getattr(sys, "frozen", False)),
        python=".".join(str(part) for part in sys.version_info[:3]),
    )


def icon_files() -> tuple[Path, ...]:
    """The application icon as PNG files, smallest first (16 to 512 px), for a window icon."""
    folder = resource("icons")
    return tuple(Path(str(folder / f"offer-eval-{size}.png")) for size in ICON_SIZES)


def icon_svg() -> Path:
    """The application icon as a scalable SVG."""
    return Path(str(resource("icons", "offer-eval.svg")))
