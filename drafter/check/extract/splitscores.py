"""Score phrases a PDF's text layer split over two lines, put back together.

A text layer (and a .txt copied from one) breaks lines wherever the width runs out, so a label can
end one line and its number open the next: "…绩效自评得分" / "90分，评价等级为优。", "综合得" /
"分92.5分", "自评总分：" / "95". Read line by line, the label has no number and the number no
label. :func:`rejoin` joins such a pair of adjacent lines into one line to read (quoted from the
first line through the second): only where the first line ends with a score word of the score
lexicon (or the first half of one: 得, 总, 评 before a line opening with 分) and the second line
opens with the number (and 分, or nothing, or the end of a clause after it) and is no heading.

Two lines the report wrote apart stay apart: a list item "1.预算编制…" after a line ending in "：" is
a heading; "2023年" after "取得" is no score.
"""

from __future__ import annotations

import re

from drafter.check.extract._common import TextLine, heading_name
from drafter.check.extract.lexicon import ScoreLexicon, alternation, load_lexicon
from drafter.document import Line

__all__ = ["rejoin"]


def _label_end() -> re.Pattern[str]:
    lexicon = load_lexicon("scores", ScoreLexicon)
    words = [w for w in lexicon.words("score") + lexicon.words("total") + lexicon.words("max") if "分" in w]
    words += [w for w in lexicon.words("score") if w.endswith("得")]  # 自评得 / 得: "自评得" / "90分"
    return re.compile(rf"{alternation(words)}\s*(?:为|是)?\s*:?$")


_LABEL_END = _label_end()


def _form_labels() -> frozenset[str]:
    lexicon = load_lexicon("scores", ScoreLexicon)
    return frozenset(e.word for e in lexicon.form_total + lexicon.grade_cue)


#: a form's label cell alone on its line, its value on the next ("自评分值" / "100"): the form
#: cells' reader (:mod:`.formcells`) reads the pair as it stands
_FORM_LABELS = _form_labels()
_CELL_STRIP = " \t\u3000|｜:："
#: the second line: the number, then 分, or nothing more, or the end of a clause
_NUMBER_START = re.compile(r"^[ \t\u3000]*\d+(?:\.\d+)?[ \t\u3000]*(?:分(?![值数率])|$|[,，。；;)）])")
_BARE_NUMBER = re.compile(r"^[ \t\u3000]*\d+(?:\.\d+)?[ \t\u3000]*分?[ \t\u3000]*$")
#: a word cut after its first character: "综合得" / "分92.5分", "自评总" / "分：95"
_CUT_WORD = re.compile(r"[得总评]$")
_CUT_REST = re.compile(r"^分\s*(?:为|是)?\s*:?\s*\d")


def rejoin(lines: list[TextLine], at: list[int]) -> list[TextLine]:
    """``lines`` with each split score phrase's two lines made one (see the module docstring);
    ``at`` are the indices of the lines that may end in one (their last character and the next
    line's first say so), in order. ``lines`` itself when none does."""
    pairs = [i for i in at if _split(lines[i], lines[i + 1])]
    if not pairs:
        return lines
    out: list[TextLine] = []
    skip = -1
    for i, tl in enumerate(lines):
        if i == skip:
            continue
        if pairs and pairs[0] == i:
            pairs.pop(0)
            out.append(_joined(tl, lines[i + 1]))
            skip = i + 1
            if pairs and pairs[0] == skip:
                pairs.pop(0)  # a line joined to the one above is not joined to the one below
            continue
        out.append(tl)
    return out


def _split(first: TextLine, second: TextLine) -> bool:
    if first.is_row or second.is_row or second.head is not None or second.no != first.no + 1:
        return False
    a, b = first.norm, second.norm
    if len(a) > 1 and a[-2].isdigit() and a[-1] == "分":
        return False  # "自评8分" / "2.预算执行…": a score, then the next line
    number = _NUMBER_START.match(b)
    if number is not None:
        label = _LABEL_END.search(a)
        if label is None:
            return False
        # a label cell alone on its line and a value alone on the next ("自评分值" / "100", "得分" /
        # "10") are cells of a form written one per line, which the form cells' and the stacked
        # forms' readers read as they stand; not a phrase
        bare = _BARE_NUMBER.match(b) is not None
        return not (bare and (label.start() == 0 or a.strip(_CELL_STRIP) in _FORM_LABELS))
    return _CUT_WORD.search(a) is not None and _CUT_REST.match(b) is not None


def _joined(first: TextLine, second: TextLine) -> TextLine:
    text = first.text + second.text
    head = first.head
    if head is not None:
        level, marker, rest, _name = head
        rest += second.text
        head = (level, marker, rest, heading_name(rest))
    old = first.line
    line = Line(old.no, old.raw, text, old.kind, old.cells, old.offsets)
    return TextLine(
        line,
        text,
        first.norm + second.norm,
        first.no,
        False,
        head,
        first.zone,
        first.normalized and second.normalized,
        second.no,
    )
