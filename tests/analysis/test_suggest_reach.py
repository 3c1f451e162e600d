"""A name is scanned only against candidates whose length lets them reach difflib's cutoff
(`Suggester.within_reach`): typing a short name in a file of long ones scans few of them,
with the same suggestions as difflib over every candidate."""

from __future__ import annotations

import difflib

import pytest
from claudelang.analysis import suggest
from claudelang.analysis.suggest import Suggester


def test_a_short_name_is_scanned_against_the_candidates_within_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    candidates = [f"long-function-name-{n}" for n in range(500)] + ["len", "let", "lst", "list-of"]
    scanned: list[int] = []
    extract = suggest.process.extract

    def counting(word: str, choices: list[str], **options: object) -> object:
        scanned.append(len(list(choices)))
        return extract(word, choices, **options)

    monkeypatch.setattr(suggest.process, "extract", counting)
    for word in ["le", "len", "lengt"]:
        expected = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
        assert Suggester(candidates).suggest(word) == expected
    assert scanned == [3, 4, 4]  # ("list-of", 7 long, is out of reach of "le" only)
