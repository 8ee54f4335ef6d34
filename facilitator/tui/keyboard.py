"""Letter keys that also answer with the keyboard in Thai mode.

A Thai keyboard in Thai mode sends the character at the letter's place on the Kedmanee layout (``c`` sends
``แ``, ``h`` sends ``้``), not the letter. :func:`with_kedmanee` binds that character to the action of each
single-letter key of a list of bindings; :class:`~facilitator.tui.localized.LocalizedScreen` applies it to the
bindings of every screen and modal, so no list of bindings names a Thai key by hand.

Textual turns a character into a key by its Unicode name when it is not a letter or digit: the vowel and tone
marks (``ั ี ิ ื ่ ้``) arrive as ``thai_character_mai_han_akat`` and the like, and a binding declared with the
character itself is normalised to the same name, so the character is what a binding names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from textual.binding import Binding, BindingType

#: Each lowercase Latin letter and the character at its place on the unshifted Kedmanee layout.
KEDMANEE: dict[str, str] = dict(zip(
    "qwertyuiop" "asdfghjkl" "zxcvbnm",
    "ๆไำพะัีรนย" "ฟหกดเ้่าส" "ผปแอิืท",
    strict=True,
))


def as_binding(declared: BindingType) -> Binding:
    """A ``BINDINGS`` entry as a :class:`Binding` (Textual also accepts a tuple of its arguments)."""
    return declared if isinstance(declared, Binding) else Binding(*declared)


def key_list(binding: Binding) -> list[str]:
    """The keys of ``binding``, as declared (``"escape,n"``: ``["escape", "n"]``)."""
    return [key.strip() for key in binding.key.split(",")]


def with_kedmanee(bindings: Iterable[BindingType]) -> list[BindingType]:
    """``bindings`` followed, for each single lowercase letter key, by a binding of its Kedmanee character to the
    same action (``Binding("c", "close_session", "close")`` brings ``Binding("แ", "close_session", "close")``).

    The added bindings are neither shown in the footer nor listed in the key panel, which show the Latin key as
    before. Other keys (``escape``, uppercase letters, ``ctrl+…``) get nothing; a character the list already binds
    is left to its binding, so applying this twice changes nothing more.
    """
    declared = list(bindings)
    taken = {key for binding in declared for key in key_list(as_binding(binding))}
    extended = list(declared)
    for binding in map(as_binding, declared):
        for twin in (KEDMANEE[key] for key in key_list(binding) if key in KEDMANEE):
            if twin not in taken:
                taken.add(twin)
                extended.append(replace(binding, key=twin, show=False, system=True))
    return extended
