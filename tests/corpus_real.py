"""Score drafter's checker on corpora of real published reports: the shared one (``../shared/corpus/real``,
read-only, used when present) and the reports drafter's engineers found and audited (``tests/corpus/found``).

Each corpus ``.txt`` opens with a three-line header (source, kind, completeness) and a blank line; the
checker reads only the excerpt after it, written to a temporary ``.txt`` as a user would save it.
``expected.json`` lists per file the firm faults (each with an exact quote) and whether the file is a
clean control. A firm fault counts as found when an error or warning is reported on a line that holds
part of its quote; a clean control must give no error and no warning.

Used by ``tests/test_corpus_real.py`` and by ``python benchmarks/corpus_score.py`` (prints per file).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "real"
FOUND = REPO / "tests" / "corpus" / "found"
FLAGGED = {"error", "warning"}


@dataclass
class FileScore:
    name: str
    clean: bool
    firm: list[dict[str, str]]
    found: list[bool] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)  # "CODE l.N" of every error/warning
    codes: list[str] = field(default_factory=list)  # every finding code, info included
    error: str | None = None


def body(path: Path) -> str:
    """The excerpt after the corpus header (three lines and a blank one)."""
    return path.read_text(encoding="utf-8").split("\n\n", 1)[1]


def _quote_lines(text: str, quote: str) -> set[int]:
    """1-based line numbers that the quote's first occurrence spans."""
    at = text.find(quote)
    if at < 0:
        return set()
    first = text.count("\n", 0, at) + 1
    return set(range(first, first + quote.count("\n") + 1))


def corpora() -> list[Path]:
    """The corpora present: the shared one when it sits beside the repository, and always our own."""
    return [c for c in (CORPUS, FOUND) if (c / "expected.json").is_file()]


def _expected(corpus: Path) -> dict[str, dict]:
    return json.loads((corpus / "expected.json").read_text(encoding="utf-8"))


def score_corpus(*chosen: Path) -> list[FileScore]:
    """Score every file of the given corpora (default: every corpus present), in name order."""
    from drafter.check.run import CheckOptions, check_path

    items = sorted(
        (name, corpus, exp) for corpus in chosen or corpora() for name, exp in _expected(corpus).items()
    )
    scores: list[FileScore] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, corpus, exp in items:
            text = body(corpus / name)
            target = Path(tmp) / name
            target.write_text(text, encoding="utf-8")
            result = check_path(target, options=CheckOptions())
            score = FileScore(name, bool(exp.get("clean")), list(exp.get("firm", [])), error=result.error)
            spans = [(f.line, f.end_line or f.line) for f in result.findings if f.severity in FLAGGED]
            score.flagged = [f"{f.code} l.{f.line}" for f in result.findings if f.severity in FLAGGED]
            score.codes = [f.code for f in result.findings]
            for fault in score.firm:
                lines = _quote_lines(text, fault["quote"])
                score.found.append(
                    any(lo is not None and lines & set(range(lo, (hi or lo) + 1)) for lo, hi in spans)
                )
            scores.append(score)
    return scores


def recall(scores: list[FileScore]) -> tuple[int, int]:
    found = sum(sum(s.found) for s in scores)
    total = sum(len(s.firm) for s in scores)
    return found, total


def files_with_scores(*chosen: Path) -> set[str]:
    """Files whose audit lists at least one score statement (INDEX.md's "score stmts" column)."""
    names: set[str] = set()
    rows = [
        row for c in chosen or corpora() for row in (c / "INDEX.md").read_text(encoding="utf-8").splitlines()
    ]
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) > 5 and cells[0].endswith(".txt") and cells[5].isdigit() and int(cells[5]) > 0:
            names.add(cells[0])
    return names
