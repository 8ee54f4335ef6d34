"""A footer that shows each of its entries whole or not at all.

Textual's footer lays its entries side by side and cuts the last ones off at the screen's edge, mid-label. This
one, on a screen too narrow for them all, leaves out the least important entries whole (``?`` still lists
their keys, which work as before) and keeps the others in their order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel


def entries(footer: Footer) -> Iterator[list[Widget]]:
    """The footer's entries as they are drawn: a key with what it does, or keys shown together (a group) with
    the label after them. The command palette's key, docked at the right, is not one of them."""
    entry: list[Widget] = []
    for child in footer.children:
        if isinstance(child, FooterLabel) and entry:   # the label of the group just before it
            entry.append(child)
            continue
        if entry:
            yield entry
        entry = [] if child.has_class("-command-palette") else [child]
    if entry:
        yield entry


def actions_of(entry: Sequence[Widget]) -> list[str]:
    """The actions an entry's keys run."""
    keys = [widget for part in entry for widget in (part, *part.query(FooterKey)) if isinstance(widget, FooterKey)]
    return [key.action for key in keys]


def outer_width(widget: Widget, container: Size, viewport: Size) -> int:
    """The cells ``widget`` takes in a row, its padding and margins included, shown or not."""
    styles = widget.styles
    return widget.get_content_width(container, viewport) + styles.gutter.width + styles.margin.width


def kept(widths: Sequence[int], ranks: Sequence[int], room: int) -> set[int]:
    """The indexes of the entries shown in ``room`` cells: the most important first (lowest rank; the earlier
    one between equals) for as long as each fits whole; after the first that does not, none."""
    shown: set[int] = set()
    used = 0
    for index in sorted(range(len(widths)), key=lambda i: (ranks[i], i)):
        used += widths[index]
        if used > room:
            break
        shown.add(index)
    return shown


class FittingFooter(Footer):
    """The keys of the screen, as Textual's :class:`Footer` shows them; when they do not all fit, the entries
    whose actions come last in ``importance`` (and those of actions it does not name, before any of them) are
    left out whole."""

    def __init__(self, importance: Sequence[str], *, show_command_palette: bool = True) -> None:
        super().__init__(show_command_palette=show_command_palette)
        #: The actions, the one whose key matters most first.
        self.importance = tuple(importance)

    async def recompose(self) -> None:
        """Draw the entries again (the screen's keys changed), then leave out those that do not fit."""
        await super().recompose()
        self.fit()

    def on_resize(self) -> None:
        """Another width: show the entries that fit it."""
        self.fit()

    def fit(self) -> None:
        """Show the most important entries that fit the footer's width whole, and no other."""
        found = list(entries(self))
        if not found or not self.size.width:
            return
        container, viewport = self.size, self.app.size
        widths = [sum(outer_width(widget, container, viewport) for widget in entry) for entry in found]
        docked = sum(outer_width(child, container, viewport) for child in self.children
                     if child.has_class("-command-palette"))
        shown = kept(widths, [self._rank(entry) for entry in found], self.size.width - docked)
        for index, entry in enumerate(found):
            for widget in entry:
                widget.display = index in shown

    def _rank(self, entry: Sequence[Widget]) -> int:
        ranks = [self.importance.index(action) for action in actions_of(entry) if action in self.importance]
        return min(ranks, default=len(self.importance))
