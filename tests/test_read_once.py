"""Every report is read and extracted once per run (issue 14.3): ``check`` with its HTML page, its
annotated copy, ``--explain`` and ``--llm``, and ``suggest``, all work from the one
:class:`~drafter.check.run.CheckedReport` the checker made.

The readers and ``extract_facts`` are wrapped with counters that append to a file, so calls made
in worker processes (forked, ``-j 2``) count as well.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import SEED
from llm_server import LoopbackLLM
from test_llm_review import ISSUES, first_section_answers
from test_suggest_llm import good

from drafter.check.run import CheckedReport, Checker, ReportResult, check_paths
from tests._cli import run

#: (module, function) of every reader that turns a file into a Document, and of the extractor.
READERS = (
    ("drafter.read.text", "read_text_document"),
    ("drafter.read.docx", "read_docx_document"),
    ("drafter.read.pdf", "read_pdf_document"),
)
EXTRACT = ("drafter.check.extract", "extract_facts")


class Calls:
    """Calls of the readers and of ``extract_facts``, per file, across processes."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        reads: Counter[str] = Counter()
        extracts: Counter[str] = Counter()
        if self.log.exists():
            for line in self.log.read_text(encoding="utf-8").splitlines():
                kind, name = line.split("\t")
                (reads if kind == "read" else extracts)[name] += 1
        return reads, extracts


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Calls:
    import importlib

    log = tmp_path / "calls.log"

    def note(kind: str, name: str) -> None:
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{kind}\t{name}\n")

    def wrap_everywhere(real: object, wrapper: object) -> None:
        """Replace ``real`` in every loaded drafter module that holds it (a module-level
        ``from … import`` binds its own name to the function)."""
        for name, module in list(sys.modules.items()):
            if name.split(".")[0] != "drafter" or module is None:
                continue
            for attr, value in list(vars(module).items()):
                if value is real:
                    monkeypatch.setattr(module, attr, wrapper)

    importlib.import_module("drafter.check.run")
    importlib.import_module("drafter.check.explain")
    for module_name, attr in READERS:
        module = importlib.import_module(module_name)
        real = getattr(module, attr)

        def reader(path, *args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            note("read", Path(path).name)
            return _real(path, *args, **kwargs)

        wrap_everywhere(real, reader)
    real_extract = getattr(importlib.import_module(EXTRACT[0]), EXTRACT[1])

    def extract(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        note("extract", Path(doc.path).name)
        return real_extract(doc, *args, **kwargs)

    wrap_everywhere(real_extract, extract)
    return Calls(log)


def _docx_of(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.rstrip("\n").split("\n"):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _reports(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    text = SEED.read_text(encoding="utf-8")
    for name in names:
        if name.endswith(".docx"):
            out.append(_docx_of(text, folder / name))
        else:
            shutil.copy(SEED, folder / name)
            out.append(folder / name)
    return out


@pytest.mark.parametrize("name", ["r.txt", "r.docx"])
def test_check_html_annotate_explain_read_once(tmp_path: Path, calls: Calls, name: str) -> None:
    (report,) = _reports(tmp_path / "in", name)
    page, copy = tmp_path / "out.html", tmp_path / "out.docx"
    code, _out, err = run(
        "check", str(report), "-f", "html", "-o", str(page), "--explain", "--annotate", str(copy)
    )
    assert code == 1, err
    assert page.exists() and copy.exists()
    reads, extracts = calls.counts()
    assert (dict(reads), dict(extracts)) == ({name: 1}, {name: 1})


def test_check_json_explain_read_once(tmp_path: Path, calls: Calls) -> None:
    (report,) = _reports(tmp_path / "in", "r.txt")
    code, out, err = run("check", str(report), "-f", "json", "--explain")
    assert code == 1, err
    (entry,) = json.loads(out)["reports"]
    assert entry["explain"]["total"]["value"] == "96"
    reads, extracts = calls.counts()
    assert (dict(reads), dict(extracts)) == ({"r.txt": 1}, {"r.txt": 1})


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_read_once_in_workers_too(tmp_path: Path, calls: Calls, jobs: str) -> None:
    _reports(tmp_path / "in", "a.txt", "b.docx", "c.txt")
    page, copies = tmp_path / "out.html", tmp_path / "审阅版"
    code, _out, err = run(
        "check",
        str(tmp_path / "in"),
        "-j",
        jobs,
        "-f",
        "html",
        "-o",
        str(page),
        "--explain",
        "--annotate",
        str(copies),
    )
    assert code == 1, err
    assert len(list(copies.glob("*.docx"))) == 3
    assert page.read_text(encoding="utf-8").count("统筹、协调阳西高新区的规划") == 3  # every report's text
    reads, extracts = calls.counts()
    every = {"a.txt": 1, "b.docx": 1, "c.txt": 1}
    assert (dict(reads), dict(extracts)) == (every, every)


def test_check_llm_reads_once(tmp_path: Path, calls: Calls, monkeypatch: pytest.MonkeyPatch) -> None:
    (report,) = _reports(tmp_path / "in", "r.txt")
    with LoopbackLLM(responder=first_section_answers(ISSUES)) as server:
        monkeypatch.setenv("DRAFTER_LLM_BASE_URL", server.url)
        monkeypatch.setenv("DRAFTER_LLM_MODEL", "loopback-model")
        code, _out, err = run(
            "check", str(report), "--llm", "--reviewer", "-f", "html", "-o", str(tmp_path / "p.html")
        )
    assert code == 1, err
    reads, extracts = calls.counts()
    assert (dict(reads), dict(extracts)) == ({"r.txt": 1}, {"r.txt": 1})


@pytest.mark.parametrize("name", ["r.txt", "r.docx"])
def test_suggest_reads_once(tmp_path: Path, calls: Calls, name: str) -> None:
    (report,) = _reports(tmp_path / "in", name)
    code, out, err = run("suggest", str(report), "-f", "json")
    assert code == 0, err
    assert json.loads(out)["suggestions"]
    reads, extracts = calls.counts()
    assert (dict(reads), dict(extracts)) == ({name: 1}, {name: 1})


def test_suggest_with_the_model_reads_once(
    tmp_path: Path, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    (report,) = _reports(tmp_path / "in", "r.txt")
    with LoopbackLLM(responder=good) as server:
        monkeypatch.setenv("DRAFTER_LLM_BASE_URL", server.url)
        monkeypatch.setenv("DRAFTER_LLM_MODEL", "loopback-model")
        code, out, err = run("suggest", str(report), "--backend", "llm", "-f", "json")
        assert server.requests, "the model was asked"
    assert code == 0, err
    assert json.loads(out)["backend"] == "llm"
    reads, extracts = calls.counts()
    assert (dict(reads), dict(extracts)) == ({"r.txt": 1}, {"r.txt": 1})


def test_checked_report_carries_what_was_read(tmp_path: Path) -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    lines[0] += "  drafter: ignore CN002"
    report = tmp_path / "r.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    checked = Checker.prepare().check_file(report)
    assert isinstance(checked, CheckedReport) and ReportResult is CheckedReport
    assert checked.document is not None and checked.facts is not None
    # the document as read keeps the note; the checked one (and its facts) do not
    assert "drafter: ignore" in checked.document.lines[0].text
    assert checked.checked_document is not None
    assert "drafter" not in checked.checked_document.lines[0].text
    assert checked.facts.total is not None and checked.facts.total.value == checked.stated_total
    # a batch keeps only what it is asked for; an unreadable file keeps nothing
    (slim,) = check_paths([report])
    assert slim.document is None and slim.facts is None and slim.findings == checked.findings
    (kept,) = check_paths([report], keep=["document"])
    assert kept.document is not None and kept.facts is None
    missing = Checker.prepare().check_file(tmp_path / "missing.txt")
    assert missing.error and missing.document is None and missing.facts is None
    with pytest.raises(ValueError):
        check_paths([report], keep=["doc"])


def test_serve_check_page_and_copy_read_once(tmp_path: Path, calls: Calls) -> None:
    from drafter.serve import work

    (stored,) = _reports(tmp_path / "in", "0001.txt")
    value = work.check_report(str(stored), "上传的报告.txt", batch=False)
    result = value["result"]
    assert result.path == "上传的报告.txt" and result.document.path == "上传的报告.txt"
    assert result.facts is None  # no later page needs them: not kept in the server's job
    page = work.review_page(str(stored), result, None)
    assert "统筹、协调阳西高新区的规划" in page and str(tmp_path) not in page
    assert work.annotate_report(
        str(stored), list(result.findings), str(tmp_path / "审阅.docx"), result.document
    )
    reads, extracts = calls.counts()
    assert (dict(reads), dict(extracts)) == ({"0001.txt": 1}, {"0001.txt": 1})


# -- outputs are refused before any report is read -------------------------------------------------


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda d, r: ["--annotate", str(r)], "输出文件不能与输入文件相同"),
        (lambda d, r: ["-o", str(r)], "输出文件不能与输入文件相同"),
        (lambda d, r: ["-f", "html", "-o", str(d)], "输出路径是一个文件夹"),
        (lambda d, r: ["--annotate", str(d / "审阅.txt")], "批注版只能保存为 .docx"),
        (lambda d, r: ["--annotate", str(d / "已有.docx")], "文件已存在"),
        (lambda d, r: ["-f", "xlsx", "-o", str(d / "汇总.txt")], "汇总表应保存为 .xlsx"),
        (lambda d, r: ["--summary-xlsx", str(r)], "输出文件不能与输入文件相同"),
    ],
)
def test_output_refused_before_any_report_is_read(tmp_path: Path, calls: Calls, make_args, message) -> None:
    (report,) = _reports(tmp_path, "r.txt")
    (tmp_path / "已有.docx").write_bytes(b"a reviewer's notes")
    code, out, err = run("check", str(report), *make_args(tmp_path, report))
    assert code == 2 and message in err, err
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert calls.counts() == (Counter(), Counter())
    assert (tmp_path / "已有.docx").read_bytes() == b"a reviewer's notes"


def test_annotate_of_a_batch_refused_before_any_report_is_read(tmp_path: Path, calls: Calls) -> None:
    _reports(tmp_path / "in", "a.txt", "b.txt")
    copies = tmp_path / "审阅版"
    copies.mkdir()
    (copies / "b.审阅.docx").write_bytes(b"notes")
    for target, message in ((tmp_path / "x.docx", "应给出一个文件夹"), (copies, "文件已存在")):
        code, out, err = run("check", str(tmp_path / "in"), "--annotate", str(target))
        assert code == 2 and message in err and out == "", err
    (tmp_path / "in" / "表.xlsx").write_bytes(b"not read")
    code, out, err = run("check", str(tmp_path / "in"), "--annotate", str(tmp_path / "新文件夹"))
    assert code == 2 and "只能为 .docx、.txt、.md、.pdf 报告生成批注版" in err and out == "", err
    assert calls.counts() == (Counter(), Counter())
    assert not (copies / "a.审阅.docx").exists() and not (tmp_path / "新文件夹").exists()
