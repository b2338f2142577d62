"""A what-if step leaves the dock's sliders as they are without working out their names again;
a rename still renames the slider."""

from __future__ import annotations

from typing import Any

import pytest

from offer_eval.editing.edits import set_position_value
from offer_eval.gui.main_window import MainWindow
from offer_eval.gui.whatif import WhatIfPanel


def test_a_salary_step_does_not_check_the_slider_names_and_a_rename_does(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = window.whatif
    panel.ensure_built()
    controller = window.controller
    offer = controller.scenario.offers[0]
    key = f"offer:{offer.id}:base_salary"
    controller.edit(
        set_position_value(controller.scenario, offer.id, "base_salary", offer.base_salary + 100),
        "Pay",
    )
    checked: list[Any] = []
    original = WhatIfPanel._names_changed

    def counted(self: WhatIfPanel, scenario: Any) -> bool:
        checked.append(scenario)
        return original(self, scenario)

    monkeypatch.setattr(WhatIfPanel, "_names_changed", counted)
    for step in range(1, 4):
        controller.edit(
            set_position_value(
                controller.scenario, offer.id, "base_salary", offer.base_salary + 100 + step
            ),
            "Pay",
        )
    assert checked == []
    assert panel.sliders[key].value() == panel.spec(key).to_slider(offer.base_salary + 103)

    controller.edit(
        set_position_value(controller.scenario, offer.id, "name", "Renamed job"), "Name"
    )
    assert checked  # the names were looked at again, and the slider follows the new name
    assert panel.spec(key).name.endswith(": Renamed job")
