"""Ask the facilitator for the name of a task to add to the role split."""

from __future__ import annotations

from facilitator.core.i18n import t
from facilitator.tui.screens.name_dialog import NameDialog


class AddTaskScreen(NameDialog):
    """Dismisses with the typed task name (stripped), or ``None`` when cancelled or left empty."""

    def __init__(self, lang: str) -> None:
        super().__init__(lang, t("add_task", lang), "add_task", placeholder="new_task")
