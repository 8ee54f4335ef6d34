"""Letter keys that also answer with the keyboard in Thai mode.

A Thai keyboard in Thai mode sends the character at the letter's place on the Kedmanee layout (``c`` sends
``แ``, ``h`` sends ``้``), not the letter. :func:`with_kedmanee` gives each single-letter key of a list of
bindings that character as a second key of the same binding; :class:`~facilitator.tui.localized.LocalizedScreen`
applies it to the bindings of every screen and modal, so no list of bindings names a Thai key by hand.

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


def key_list(binding: Binding) -> list[str]:
    """The keys of ``binding``, as declared (``"escape,n"``: ``["escape", "n"]``)."""
    return [key.strip() for key in binding.key.split(",")]


def with_kedmanee(bindings: Iterable[BindingType]) -> list[BindingType]:
    """``bindings`` with each single lowercase letter key followed by its Kedmanee character in the same binding
    (``Binding("c", ...)`` becomes ``Binding("c,แ", ...)``).

    The Latin key stays first, so the footer, which shows one key for each action, shows it. Other keys
    (``escape``, uppercase letters, ``ctrl+…``) are kept as they are; a binding that already has the character
    is left alone, so applying this twice changes nothing more.
    """
    extended: list[BindingType] = []
    for declared in bindings:
        binding = declared if isinstance(declared, Binding) else Binding(*declared)
        keys = key_list(binding)
        twins = [KEDMANEE[key] for key in keys if key in KEDMANEE and KEDMANEE[key] not in keys]
        extended.append(replace(binding, key=",".join(keys + twins)) if twins else declared)
    return extended
