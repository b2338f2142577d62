"""The desktop packaging files agree with the code: one version number, one app name, one icon."""

from __future__ import annotations

import configparser
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from offer_eval import __version__
from offer_eval.core.build_info import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.offer_eval.OfferEval"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(PACKAGING / "offer-eval.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_metainfo_newest_release_is_the_package_version() -> None:
    root = ET.parse(PACKAGING / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    releases = root.findall("releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == __version__
    assert root.findtext("launchable") == "offer-eval.desktop"
    assert root.findtext("provides/binary") == "offer-eval"


def test_desktop_entry_runs_the_command_with_the_shipped_icon() -> None:
    entry = _desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert "offer-eval" in scripts
    assert entry["Exec"].split()[0] == "offer-eval"
    assert entry["Icon"] == "offer-eval"
    assert entry["StartupWMClass"] == "offer-eval"
    assert entry["Type"] == "Application"
    icons = ROOT / "resources" / "icons"
    assert (icons / "offer-eval.svg").is_file()
    for size in ICON_SIZES:
        assert (icons / f"offer-eval-{size}.png").is_file()


def test_installer_and_smoke_check_know_every_icon_size() -> None:
    sizes = " ".join(str(size) for size in ICON_SIZES)
    assert f"SIZES=({sizes})" in (PACKAGING / "install-user.sh").read_text(encoding="utf-8")
    render = (PACKAGING / "render_icons.py").read_text(encoding="utf-8")
    assert f"SIZES = ({', '.join(str(size) for size in ICON_SIZES)})" in render
