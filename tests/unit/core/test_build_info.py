"""Help → About's content: version, shipped tax years and benchmark sources, and the icon files."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from offer_eval import __version__
from offer_eval.core.benchmarks import shipped_benchmarks
from offer_eval.core.build_info import (
    ICON_SIZES,
    BenchmarkSource,
    benchmark_sources,
    build_info,
    icon_files,
    icon_svg,
)
from offer_eval.core.tax import shipped_tax_years


def test_build_info_names_the_version_tax_years_and_every_benchmark_row() -> None:
    info = build_info()
    assert info.version == __version__
    assert info.tax_years == shipped_tax_years()
    assert "2026/27" in info.tax_years
    assert info.benchmark_rows == len(shipped_benchmarks()) > 0
    assert sum(source.rows for source in info.benchmark_sources) == info.benchmark_rows
    assert info.frozen is False
    json.dumps(info.as_dict())  # JSON-ready


def test_sources_are_grouped_by_site_with_their_addresses_and_years() -> None:
    sources = {source.site: source for source in benchmark_sources()}
    itjobswatch = sources["itjobswatch.co.uk"]
    rows = [row for row in shipped_benchmarks() if "itjobswatch.co.uk" in row.source]
    assert itjobswatch.rows == len(rows)
    assert set(itjobswatch.urls) == {row.source for row in rows}
    assert itjobswatch.years == f"{min(r.year or 0 for r in rows)}–{max(r.year or 0 for r in rows)}"
    assert all(not site.startswith("www.") for site in sources)
    counts = [source.rows for source in benchmark_sources()]
    assert counts == sorted(counts, reverse=True)


def test_years_read_naturally() -> None:
    one = BenchmarkSource("a.org", (), 1, 2024, 2024)
    none = BenchmarkSource("b.org", (), 2, None, None)
    assert one.years == "2024"
    assert none.years == ""


def test_about_text_lists_tax_years_and_each_source() -> None:
    info = build_info()
    text = info.about_text()
    assert text.startswith(f"Offer Eval {__version__}\n")
    assert ", ".join(info.tax_years) in text
    for source in info.benchmark_sources:
        assert source.site in text
    assert "Installed as a Python package" in text  # not the frozen bundle here


def test_about_html_escapes_and_links_every_address() -> None:
    info = build_info()
    rich = info.about_html()
    for source in info.benchmark_sources:
        for url in source.urls:
            assert f'href="{url.replace("&", "&amp;")}"' in rich
    hostile = BenchmarkSource("<b>x</b>", ('https://e.org/?a="1"&b=<2>',), 1, None, None)
    tricky = type(info)(
        version="1<2",
        tax_years=(),
        benchmark_sources=(hostile,),
        benchmark_rows=1,
        frozen=True,
        python="3.11.0",
    )
    rich = tricky.about_html()
    assert "<b>x</b>" not in rich and "&lt;b&gt;x&lt;/b&gt;" in rich
    assert 'href="https://e.org/?a=&quot;1&quot;&amp;b=&lt;2&gt;"' in rich
    assert "Offer Eval 1&lt;2" in rich
    assert "none shipped" in tricky.about_text()
    assert "Desktop bundle (Python 3.11.0)." in tricky.about_text()


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_icon_files_exist_at_every_size() -> None:
    files = icon_files()
    assert [_png_size(path) for path in files] == [(size, size) for size in ICON_SIZES]
    assert ICON_SIZES[0] == 16 and ICON_SIZES[-1] == 512
    svg = icon_svg().read_text(encoding="utf-8")
    assert "<svg" in svg and 'viewBox="0 0 256 256"' in svg
