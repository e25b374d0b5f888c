"""Pseudos in a live game: one visible name per player, compared the way people read them.

Pure Python (no Django). A pseudo is cleaned (spaces trimmed and collapsed), refused when it holds
characters that show nothing (format characters, Hangul fillers, the blank braille cell…) or mixes
look-alike scripts (a Cyrillic « о » among Latin letters), and compared by its key: Unicode NFKC
normalisation then case folding, so that a decomposed « Zoé » and « ZOÉ » are the same pseudo.
"""

from __future__ import annotations

import re
import unicodedata

PSEUDO_MAX = 20
KEY_MAX = 60  # NFKC and case folding may lengthen a pseudo (« ß » → « ss », « ﬀ » → « ff »)

# Characters Unicode calls letters or symbols that are drawn as nothing.
_BLANK_LOOKING = frozenset(
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers
    "\u2800"  # braille pattern blank
    "\u180e\u2028\u2029\u205f\u3000"
    "\u17b4\u17b5"  # Khmer inherent vowels, invisible
    "\u034f"  # combining grapheme joiner
)
# Scripts that share letters drawn like Latin ones: two of them in one pseudo is refused.
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")


class PseudoError(ValueError):
    """A pseudo that cannot be used, with the French reason."""


def _script(char: str) -> str | None:
    """The confusable script a letter belongs to, from its Unicode name (None otherwise)."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    for script in _CONFUSABLE_SCRIPTS:
        if name.startswith(script):
            return script
    return None


def pseudo_clean(raw: str) -> str:
    """The pseudo as it will be shown: NFC, 1 to 20 visible characters, single inner spaces."""
    text = unicodedata.normalize("NFC", raw or "")
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise PseudoError("Choisissez un pseudo.")
    for char in text:
        category = unicodedata.category(char)
        if char in _BLANK_LOOKING or (category[0] in "CZ" and char != " "):
            raise PseudoError(
                "Votre pseudo contient un caractère invisible\u00a0: tapez-le avec des lettres, "
                "des chiffres ou des signes visibles."
            )
    if not any(char.isalnum() for char in text):
        raise PseudoError("Votre pseudo doit contenir au moins une lettre ou un chiffre.")
    if unicodedata.category(text[0]).startswith("M"):
        raise PseudoError("Votre pseudo ne peut pas commencer par un accent seul.")
    if len(text) > PSEUDO_MAX:
        raise PseudoError(f"Votre pseudo doit faire au plus {PSEUDO_MAX}\u00a0caractères.")
    scripts = {script for char in text if (script := _script(char))}
    if len(scripts) > 1:
        raise PseudoError(
            "Votre pseudo mélange des alphabets qui se ressemblent (latin, cyrillique, grec…)\u00a0: "
            "écrivez-le dans un seul alphabet."
        )
    return text


def pseudo_key(pseudo: str) -> str:
    """What two pseudos must not share in one session: NFKC, case folded, NFKC again."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", pseudo).casefold())
    return folded[:KEY_MAX]
