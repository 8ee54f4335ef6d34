"""The session screen's bar: one line across the top of the projected screen with the session's title, where it
stands (the open step of how many, how long it has been open, its answers), who joined, and a mark for an
anonymous session or a rehearsal."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

from facilitator.core.i18n import t
from facilitator.core.live import LiveSession
from facilitator.core.shortening import shortened
from facilitator.tui.render import literal


def bar_line(live: LiveSession, elapsed: int, lang: str, width: int = 0) -> Content:
    """What the bar says of ``live`` in ``lang``, its open step opened ``elapsed`` seconds ago (in the lobby, no
    step, time or answers). The title is the facilitator's text, shown as it is, never as markup; in a bar
    ``width`` cells wide it is shortened so that where the session stands is read whole."""
    session = live.session
    facts: list[str | tuple[str, str] | Content] = []
    if session.step is not None:
        facts += [
            f"  ·  {t('step_of', lang, n=session.step + 1, total=live.n_steps)}",
            f"  ·  {t('time', lang)} {elapsed // 60:02d}:{elapsed % 60:02d}",
            f"  ·  {t('answers', lang)} {live.count_for(session.step)}",
        ]
    facts.append(f"  ·  {t('joined', lang)} {len(live.participants)}")
    if session.anonymous:
        facts.append(f"  ·  {t('anonymous_mark', lang)}")
    if session.demo:
        facts += ["  ·  ", (f" {t('rehearsal_mark', lang)} ", "bold reverse")]
    stands = Content.assemble(*facts)
    title = session.title if width <= 0 else shortened(session.title, width - 1 - stands.cell_length, cell_len)
    return Content.assemble((" ", ""), literal(title, "bold"), stands)


class SessionBar(Static):
    """The bar; :meth:`show` draws it again."""

    def show(self, live: LiveSession, elapsed: int, lang: str) -> None:
        """Say where ``live`` stands (see :func:`bar_line`) without a new layout: the bar is one line, always."""
        self.update(bar_line(live, elapsed, lang, self.content_size.width), layout=False)
