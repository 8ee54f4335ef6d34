"""The projector look: a high-contrast theme beside the default, for a screen read from the back of a hall.

Black on white with saturated colours (a projector washes out dark greys and pale tints), full-strength text,
and, through the ``-projector`` class the app carries while it is on, a larger prompt and counters
(``app.tcss``). ``b`` switches between the two looks; ``--theme`` picks one at start; the choice is remembered
in the data directory (:mod:`facilitator.store.display`).
"""

from __future__ import annotations

from textual.theme import Theme

#: The theme of an ordinary screen.
DEFAULT_THEME = "textual-dark"
#: The CSS class the app carries while the projector look is on.
PROJECTOR_CLASS = "-projector"

PROJECTOR = Theme(
    name="projector",
    primary="#0038a8",
    secondary="#002060",
    accent="#0038a8",
    warning="#a34700",
    error="#c00000",
    success="#00701f",
    foreground="#000000",
    background="#ffffff",
    surface="#ffffff",
    panel="#d6d6d6",
    boost="#e8e8e8",
    dark=False,
    text_alpha=1.0,
    variables={
        "text-muted": "#262626",
        "footer-background": "#000000",
        "footer-foreground": "#ffffff",
        "footer-key-foreground": "#ffd500",
        "footer-description-foreground": "#ffffff",
        "block-cursor-background": "#0038a8",
        "block-cursor-foreground": "#ffffff",
    },
)

#: The looks ``--theme`` names, and the Textual theme of each.
LOOKS: dict[str, str] = {"default": DEFAULT_THEME, PROJECTOR.name: PROJECTOR.name}

