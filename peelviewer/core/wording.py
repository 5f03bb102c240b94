"""Counts in words, as every view says them: "no forces", "one finding", "five forces",
"12 cycles"."""

from __future__ import annotations

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(count: int) -> str:
    """"no", "one" .. "ten", then figures."""
    return _WORDS[count] if 0 <= count < len(_WORDS) else f"{count:,}"


def count_of(count: int, noun: str, plural: str | None = None) -> str:
    """"one force", "five forces", "12 forces", "1,234 findings"; `plural` where adding
    an s is wrong."""
    return f"{number_word(count)} {noun if count == 1 else plural or noun + 's'}"
