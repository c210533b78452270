"""Sentence templates: ``[my] {side} (calf|leg) [is] cramping``.

``[x]`` is optional, ``(a|b)`` is a choice, ``{name}`` is a slot list. A template compiles to a
regular expression over normalised text, and expands to every sentence it allows so a
recogniser's grammar can be built from the very same data.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

SlotList = Mapping[str, Sequence[str]]
"""A slot list: value → the phrases that say it, e.g. ``{"left": ["left", "left side"]}``."""


@dataclass(frozen=True)
class Looseness:
    """How a compiled template bends to speech, from the language's data.

    ``skip``: words and phrases that may come between any two words of a template ("it's
    *really* gone", "the cramp has *finally* stopped") without a template for each.
    ``same``: words that stand for each other inside templates and slot phrases ("back of
    *the* thigh", "back of *his* thigh" for "back of my thigh").
    Grammars are expanded from the templates as written: this only loosens matching.
    """

    skip: tuple[str, ...] = ()
    same: Mapping[str, tuple[str, ...]] | None = None

    def word(self, text: str) -> str:
        alts = (self.same or {}).get(text)
        if not alts:
            return re.escape(text) + " "
        # The longest first: a stand-in that starts with the word itself ("팁 하나 더" for
        # "팁") must not be cut short by it.
        longest = sorted(alts, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(a) for a in longest) + ") "

    def gap(self) -> str:
        if not self.skip:
            return ""
        return "(?:(?:" + "|".join(re.escape(w) + " " for w in self.skip) + "))*"


EXACT = Looseness()


class TemplateError(ValueError):
    """A template that cannot be parsed; the message says where."""


@dataclass(frozen=True)
class _Word:
    text: str


@dataclass(frozen=True)
class _Slot:
    name: str


@dataclass(frozen=True)
class _Choice:
    options: tuple[tuple[object, ...], ...]
    optional: bool


def _parse(template: str) -> tuple[object, ...]:
    tokens = re.findall(r"[\[\]()|{}]|[^\s\[\]()|{}]+", template)
    pos = 0

    def sequence(closers: str) -> tuple[object, ...]:
        nonlocal pos
        items: list[object] = []
        while pos < len(tokens) and tokens[pos] not in closers:
            tok = tokens[pos]
            pos += 1
            if tok in "([":
                closer = ")" if tok == "(" else "]"
                options = [sequence("|" + closer)]
                while pos < len(tokens) and tokens[pos] == "|":
                    pos += 1
                    options.append(sequence("|" + closer))
                if pos >= len(tokens) or tokens[pos] != closer:
                    raise TemplateError(f"unclosed {tok!r} in template {template!r}")
                pos += 1
                items.append(_Choice(tuple(options), optional=tok == "["))
            elif tok == "{":
                if pos + 1 >= len(tokens) or tokens[pos + 1] != "}":
                    raise TemplateError(f"bad slot in template {template!r}")
                items.append(_Slot(tokens[pos]))
                pos += 2
            elif tok in ")]|}":
                raise TemplateError(f"unexpected {tok!r} in template {template!r}")
            else:
                items.append(_Word(tok))
        return tuple(items)

    parsed = sequence("")
    if pos != len(tokens):
        raise TemplateError(f"unexpected {tokens[pos]!r} in template {template!r}")
    return parsed


def _regex(items: tuple[object, ...], lists: Mapping[str, SlotList],
           loose: Looseness = EXACT) -> str:
    # Every word is followed by one space, and the text is matched as " words ... ", so a
    # match always starts and ends on word boundaries whatever the script. Skippable words
    # go only between items, so they never start or end a match.
    out: list[str] = []
    for item in items:
        if out:
            out.append(loose.gap())
        if isinstance(item, _Word):
            out.append(loose.word(item.text))
        elif isinstance(item, _Slot):
            out.append(slot_regex(item.name, lists, loose))
        else:
            assert isinstance(item, _Choice)
            alts = "|".join(_regex(opt, lists, loose) for opt in item.options)
            out.append(f"(?:{alts})" + ("?" if item.optional else ""))
    return "".join(out)


def slot_regex(name: str, lists: Mapping[str, SlotList], loose: Looseness = EXACT) -> str:
    if name not in lists:
        raise TemplateError(f"unknown slot list {{{name}}}")
    phrases = sorted({p for ps in lists[name].values() for p in ps}, key=len, reverse=True)
    return "(?:" + "|".join("".join(loose.word(w) for w in p.split()) for p in phrases) + ")"


def compile_template(template: str, lists: Mapping[str, SlotList],
                     loose: Looseness = EXACT) -> re.Pattern[str]:
    """The template as a pattern to ``search`` in ``" " + normalised_text + " "``."""
    return _compiled("(?<= )" + _regex(_parse(template), lists, loose))


@functools.lru_cache(maxsize=4096)
def _compiled(source: str) -> re.Pattern[str]:
    # The plugins declare over 500 templates: more than ``re``'s own cache keeps, so every
    # matcher built (a session, a test) would compile them all again.
    return re.compile(source)


def expand(template: str, lists: Mapping[str, SlotList], limit: int = 10_000) -> Iterator[str]:
    """Every sentence the template allows (at most ``limit``), for recogniser grammars."""

    def walk(items: tuple[object, ...]) -> Iterator[tuple[str, ...]]:
        parts: list[list[tuple[str, ...]]] = []
        for item in items:
            if isinstance(item, _Word):
                parts.append([(item.text,)])
            elif isinstance(item, _Slot):
                phrases = sorted({p for ps in lists[item.name].values() for p in ps})
                parts.append([tuple(p.split()) for p in phrases])
            else:
                assert isinstance(item, _Choice)
                opts = [w for opt in item.options for w in walk(opt)]
                parts.append(([()] if item.optional else []) + opts)
        for combo in itertools.product(*parts):
            yield tuple(w for chunk in combo for w in chunk)

    for n, words in enumerate(walk(_parse(template))):
        if n >= limit:
            return
        if words:
            yield " ".join(words)


def words_of(template: str, lists: Mapping[str, SlotList]) -> set[str]:
    """Every word a template can use, without expanding it (cheap, for vocabulary checks)."""
    found: set[str] = set()

    def walk(items: tuple[object, ...]) -> None:
        for item in items:
            if isinstance(item, _Word):
                found.add(item.text)
            elif isinstance(item, _Slot):
                for phrases in lists[item.name].values():
                    for p in phrases:
                        found.update(p.split())
            else:
                assert isinstance(item, _Choice)
                for opt in item.options:
                    walk(opt)

    walk(_parse(template))
    return found
