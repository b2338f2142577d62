"""A what-if step leaves the dock's sliders as they are without working out their names again;
a rename still renames the slider."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from offer_eval.editing.edits import set_criterion_value, set_position_value, set_scenario_value
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


def test_only_the_sliders_over_a_replaced_part_are_looked_at_and_all_follow_their_values(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An edit of one offer shows that offer's slider anew and leaves the others alone; every
    slider still follows an edit, an undo and a change to the saved values, and "Reset what-if"
    is enabled exactly while a slider's value is not the saved one."""
    panel = window.whatif
    panel.ensure_built()
    controller = window.controller
    first, second = controller.scenario.offers[:2]
    weight = controller.scenario.criteria[0]
    keys = {
        "first": f"offer:{first.id}:base_salary",
        "second": f"offer:{second.id}:base_salary",
        "weight": f"weight:{weight.id}",
        "rate": "search.callback_rate_novice",
    }
    shown: list[str] = []
    original = WhatIfPanel._show

    def counted(self: WhatIfPanel, spec: Any, scenario: Any) -> None:
        shown.append(spec.key)
        original(self, spec, scenario)

    monkeypatch.setattr(WhatIfPanel, "_show", counted)

    def value(name: str) -> float:
        return panel.spec(keys[name]).from_slider(panel.sliders[keys[name]].value())

    assert not panel.reset_button.isEnabled()
    controller.edit(
        set_position_value(controller.scenario, first.id, "base_salary", 61_000.0), "Pay"
    )
    assert shown == [keys["first"]]
    assert value("first") == 61_000.0 and value("second") == second.base_salary
    assert panel.values[keys["first"]].text() == panel.spec(keys["first"]).text(61_000.0)
    assert panel.reset_button.isEnabled()
    shown.clear()
    controller.edit(set_criterion_value(controller.scenario, weight.id, "weight", 7.5), "Weight")
    assert shown == [keys["weight"]] and value("weight") == 7.5
    controller.edit(set_scenario_value(controller.scenario, keys["rate"], 12.3), "Rate")
    assert value("rate") == pytest.approx(12.3)
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert value("weight") == weight.weight
    assert panel.reset_button.isEnabled()  # the first offer's salary is still not the saved one
    controller.undo_stack.undo()
    assert value("first") == first.base_salary
    assert not panel.reset_button.isEnabled()
    controller.undo_stack.redo()
    controller.save(tmp_path / "saved.offers.json")  # the new salary is now the saved one
    controller.edit(
        set_position_value(controller.scenario, second.id, "base_salary", 33_000.0), "Pay"
    )
    controller.edit(
        set_position_value(controller.scenario, second.id, "base_salary", second.base_salary),
        "Pay",
    )
    assert not panel.reset_button.isEnabled()
