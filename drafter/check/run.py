"""Running the checks: one report (:func:`check_document`), files and folders (:func:`check_paths`).

The facts of a report are extracted once and every enabled rule runs on them. Findings come back
sorted by line, without duplicates, and without those the report's own suppressions hide (inline
notes, a ``drafter.yaml`` beside it; see :mod:`drafter.check.suppress`) — which are kept apart in
:attr:`CheckedReport.suppressed`, so every output can count them. In reviewer mode
(``CheckOptions(reviewer=True)``) a report's suppressions hide nothing: its findings are all shown
and ``suppressed`` says which of them the report tried to hide. A batch never stops on one bad
file: that file's :class:`CheckedReport` carries an ``error`` (a Chinese sentence) instead of
findings.

A :class:`CheckedReport` also carries what was read — the :class:`~drafter.document.Document` and
its :class:`~drafter.check.facts.Facts` — so every later stage (the HTML page, the annotated copy,
``--explain``, the model's second reading, ``suggest``) works from them instead of reading and
extracting the file again: one read and one extraction per report per run. A batch
(:func:`check_paths`) keeps them only when asked (``keep``): its results cross from worker
processes, and a thousand documents are not worth pickling for a summary table.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from drafter.check.extract import extract_facts
from drafter.check.facts import CheckContext, Facts
from drafter.check.profile import report_kind, report_unit
from drafter.check.registry import RULES, check_known_codes
from drafter.check.rule import Rule
from drafter.check.similarity import TextSketch, sketch_text
from drafter.check.suppress import (
    InlineSuppressions,
    SuppressionConfig,
    code_matches,
    find_config,
    load_config,
    parse_codes,
    strip_inline,
)
from drafter.document import Document, LineKind
from drafter.errors import DrafterError
from drafter.findings import Finding, Severity, summarize
from drafter.frozen import fast_init
from drafter.read import read_document

if TYPE_CHECKING:
    # loaded only for --data / --rubric (pydantic models of their own; not every check needs them)
    from drafter.data.model import EvaluationData
    from drafter.rubric.model import Rubric

__all__ = [
    "REPORT_SUFFIXES",
    "CheckOptions",
    "CheckedReport",
    "Checker",
    "ReportResult",
    "check_document",
    "check_path",
    "check_paths",
    "collect_paths",
    "exit_code",
]

#: What a folder is searched for (recursively): every format the readers take (an .xlsx is a
#: 自评表, checked as a table).
REPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".xlsx")

#: Modules a worker needs for each suffix; imported before forking (see _warm).
_READER_MODULES = {
    ".txt": ("drafter.read.text",),
    ".md": ("drafter.read.text",),
    ".docx": ("drafter.read.docx",),
    ".pdf": ("drafter.read.pdf", "pypdf"),
    ".xlsx": ("drafter.read.xlsx", "openpyxl"),
}

#: Below this many files a batch runs in this process: starting workers and sharing out the work
#: cost more than they save. Measured on the 2-core machine (benchmarks/bench_check.py): workers
#: lose up to ~128 reports and win from ~200 (600 .docx: 1.54 s alone, 0.80–1.20 s with 2).
PARALLEL_MIN_FILES = 200

#: Paths separate folders by "/" alone (POSIX): the folder of a path is the text before the last one.
_SEP_ONLY = os.sep == "/" and os.altsep is None
CHUNK_SIZE = 32


class CheckOptions(BaseModel):
    """What to check and how; a misspelt option is an error, not silence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: tuple[str, ...] = ()  # codes or family prefixes; empty = every stable rule
    ignore: tuple[str, ...] = ()
    rubric: str | None = None  # rubric id or YAML file
    data: str | None = None  # evaluation data file
    fail_on: Literal["error", "warning", "never"] = "error"
    config: str | None = None  # explicit config file; None = look beside each report
    discover_config: bool = True  # look for drafter.yaml beside each report when config is None
    year: int | None = None  # the report year, when known from outside
    #: reviewer mode: the reports' inline suppressions and the drafter.yaml files beside them
    #: (in the incoming folder) hide nothing; an explicit ``config`` still applies
    reviewer: bool = False
    #: compute each report's text sketch (CheckedReport.sketch) for near-identical text across a
    #: batch; check_paths turns it on for more than one file (it costs ~15% of a check)
    sketch: bool = False

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _codes(cls, value: Any) -> tuple[str, ...]:
        return parse_codes(value)


#: What a batch's results may keep of what was read (:func:`check_paths` ``keep``).
KEEPABLE = frozenset({"document", "facts"})


@fast_init
@dataclass(frozen=True, slots=True)
class CheckedReport:
    """One checked file: what was read (``document``, ``facts``) and what was found, or the reason
    it could not be read (``error``).

    ``document`` is the report as read, suppression notes ("drafter: ignore …") included: it is
    what the HTML page shows, what an annotated copy of a .txt/.md/.pdf is made of and what the
    reviewer's model reads. ``facts`` were extracted from the text the rules checked, the notes
    removed (:attr:`checked_document`); line numbers are the same in both. Both are ``None`` for a
    file that could not be read, and in a batch's results unless kept (:func:`check_paths`).
    """

    path: str
    document: Document | None = field(default=None, repr=False, compare=False)
    facts: Facts | None = field(default=None, repr=False, compare=False)
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    stated_total: Decimal | None = None  # 自评总分 as stated in the report
    computed_total: Decimal | None = None  # sum of the level-2 (or leaf) self scores
    unit: str | None = None  # the unit's name as the report writes it
    year: int | None = None  # the report year
    kind: str | None = None  # 部门整体 / 项目 (drafter.check.profile), None when unknown
    #: findings the report's own suppressions cover (inline notes, a drafter.yaml beside it):
    #: hidden from ``findings``, or, in reviewer mode, shown there all the same
    suppressed: tuple[Finding, ...] = ()
    #: the body text's MinHash sketch, for near-identical text across a batch (drafter.review)
    sketch: TextSketch | None = field(default=None, repr=False, compare=False)

    @property
    def summary(self) -> dict[str, int]:
        return summarize(list(self.findings))

    @property
    def checked_document(self) -> Document | None:
        """The document the rules checked: ``document`` without its suppression notes (the same
        object when it has none, as almost every report)."""
        if self.document is None:
            return None
        return strip_inline(self.document)[0]

    def keeping(self, keep: Iterable[str]) -> CheckedReport:
        """This report with only the parts of what was read named in ``keep`` ("document",
        "facts")."""
        keep = frozenset(keep)
        document = self.document if "document" in keep else None
        facts = self.facts if "facts" in keep else None
        if document is self.document and facts is self.facts:
            return self
        return replace(self, document=document, facts=facts)


#: The former name of :class:`CheckedReport` (results of the checker before it kept what it read).
ReportResult = CheckedReport


def exit_code(results: Iterable[CheckedReport], fail_on: str = "error") -> int:
    """2 when a file could not be read, 1 when a finding reaches ``fail_on``, else 0."""
    results = list(results)
    if any(r.error for r in results):
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for r in results for f in r.findings) else 0


@dataclass(frozen=True)
class Checker:
    """Options resolved once (rubric and data loaded, codes validated) for many reports."""

    options: CheckOptions = field(default_factory=CheckOptions)
    rubric: Rubric | None = None
    data: EvaluationData | None = None
    config: SuppressionConfig | None = None  # from --config
    #: what every rule may consult besides the facts: the same for every report of this checker
    context: CheckContext = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ctx = CheckContext(rubric=self.rubric, data=self.data, year=self.options.year)
        object.__setattr__(self, "context", ctx)

    @classmethod
    def prepare(cls, options: CheckOptions | None = None) -> Checker:
        options = options or CheckOptions()
        check_known_codes((*options.select, *options.ignore))
        data = rubric = None
        if options.data:
            from drafter.data.load import load_data

            data = load_data(options.data)
        rubric_ref = options.rubric or _rubric_named_by(data)
        if rubric_ref:
            from drafter.rubric import load_rubric

            rubric = load_rubric(rubric_ref)
        config = load_config(options.config) if options.config else None
        if config is not None:
            check_known_codes(
                (*config.select, *config.ignore, *(c for _, cs in config.per_file_ignores for c in cs))
            )
        return cls(options=options, rubric=rubric, data=data, config=config)

    # -- one report ------------------------------------------------------------------------------

    def _config_for(self, path: str, cache: dict[Any, Any]) -> SuppressionConfig | None:
        if (
            self.config is not None
            or not self.options.discover_config
            or self.options.reviewer  # a report's folder does not decide what the reviewer sees
            or not path
            or path.startswith("<")
        ):
            return self.config
        # the folder as written, no file-system call: the text before the last "/" (one C call; a
        # folder written two ways is only looked up twice)
        key = ("config", path[: path.rfind("/") + 1] if _SEP_ONLY else os.path.dirname(path))
        if key not in cache:
            found = find_config(path)
            cache[key] = load_config(found) if found else None
        return cache[key]

    def rules_for(self, path: str = "", config: SuppressionConfig | None = None) -> tuple[Rule, ...]:
        """The rules enabled for the report at ``path``."""
        select = self.options.select or (config.select if config is not None else ())
        ignore = (*self.options.ignore, *(config.ignored_for(path) if config is not None else ()))
        out = []
        for rule in RULES:
            if rule.status == "retired":
                continue
            if select:
                explicit = rule.code in select
                if not (explicit or code_matches(rule.code, select)):
                    continue
                if rule.status == "preview" and not explicit:
                    continue
            elif rule.status == "preview":
                continue
            if code_matches(rule.code, ignore):
                continue
            out.append(rule)
        return tuple(out)

    def _rules(self, path: str, config: SuppressionConfig | None, cache: dict[Any, Any]) -> tuple[Rule, ...]:
        """The enabled rules that can find anything with this checker's rubric and data (a rule
        that needs a rubric finds nothing without one: it is not called)."""
        if config is None or not config.per_file_ignores:  # the same rules for every report
            key = ("rules", id(config))
            if key not in cache:
                # keep config alive: id stays unique
                cache[key] = (config, self._can_find(self.rules_for(path, config)))
            return cache[key][1]  # type: ignore[no-any-return]
        return self._can_find(self.rules_for(path, config))

    def _can_find(self, rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
        has = {"facts"}
        if self.rubric is not None:
            has.add("rubric")
        if self.data is not None:
            has.add("data")
        return tuple(r for r in rules if r.needs and has.issuperset(r.needs))

    def check(self, doc: Document, *, _cache: dict[str, Any] | None = None) -> CheckedReport:
        """Check one document read already."""
        cache: dict[Any, Any] = {} if _cache is None else _cache
        config = self._config_for(doc.path, cache)
        rules = self._rules(doc.path, config, cache)
        # A drafter.yaml found beside the report is the report's own suppression: the rules it
        # turns off run all the same, and what they find is counted as suppressed.
        own_config = config is not None and config is not self.config
        hidden_rules: tuple[Rule, ...] = ()
        if own_config:
            enabled = set(rules)
            hidden_rules = tuple(r for r in self._rules(doc.path, self.config, cache) if r not in enabled)
        read = doc
        doc, inline = strip_inline(doc)
        facts = extract_facts(doc)
        ctx = self.context
        found: list[Finding] = []
        for rule in rules:  # rule.func, not rule.run: one call and one list fewer per rule
            found.extend(rule.func(facts, ctx))
        off: list[Finding] = []
        for rule in hidden_rules:
            off.extend(rule.func(facts, ctx))
        findings, suppressed = _finish(found, inline, off, reviewer=self.options.reviewer)
        if doc.cell_refs:  # a workbook: name the cell, number rows as Excel does
            from drafter.read.xlsx import locate_findings

            findings = locate_findings(doc, findings)
            suppressed = locate_findings(doc, suppressed)
        return CheckedReport(
            path=doc.path,
            document=read,
            facts=facts,
            findings=tuple(findings),
            stated_total=facts.total.value if facts.total is not None else None,
            computed_total=_computed_total(facts),
            unit=report_unit(facts),
            year=facts.year,
            kind=report_kind((ln.text for ln in doc.lines), facts),
            suppressed=tuple(suppressed),
            sketch=_sketch(doc, facts) if self.options.sketch else None,
        )

    def check_file(
        self, path: str | os.PathLike[str], *, _cache: dict[str, Any] | None = None
    ) -> CheckedReport:
        """Read and check one file; an unreadable file gives a result with ``error``."""
        try:
            doc = read_document(path)
        except DrafterError as exc:
            return CheckedReport(path=str(path), error=exc.message)
        try:
            return self.check(doc, _cache=_cache)
        except DrafterError as exc:  # e.g. a broken config file beside the report
            where = f"{exc.path}：" if exc.path and exc.path != str(path) else ""
            return CheckedReport(path=str(path), error=f"{where}{exc.message}")


def _rubric_named_by(data: EvaluationData | None) -> str | None:
    value = data.meta.rubric if data is not None else None
    return value if isinstance(value, str) and value else None


def _computed_total(facts: Facts) -> Decimal | None:
    scores = [n.score for n in facts.scored_top()]
    if not scores:
        return None
    try:
        return sum(scores, Decimal(0))  # type: ignore[arg-type]
    except TypeError:  # a node without a score (scored_top gives none): no total to compute
        return None


def _sketch(doc: Document, facts: Facts) -> TextSketch | None:
    names = [facts.dept_full or "", facts.dept_short or "", *(n.name for n in facts.names)]
    # The prose only: table rows of a 自评表 are the form's own labels in every report of a batch.
    return sketch_text("\n".join(ln.text for ln in doc.lines if ln.kind is LineKind.TEXT), names)


def _finish(
    found: Iterable[Finding],
    inline: InlineSuppressions,
    off: Iterable[Finding] = (),
    *,
    reviewer: bool = False,
) -> tuple[list[Finding], list[Finding]]:
    """Sort by position and drop duplicates; split off what the report's suppressions cover
    (inline notes; ``off``: findings of the rules its drafter.yaml turns off). In reviewer mode
    the findings the notes cover stay in the first list as well."""
    seen: set[tuple[object, ...]] = set()
    out: list[Finding] = []
    suppressed: list[Finding] = []
    noted = bool(inline.by_line)  # almost every report has no inline note: nothing to ask it
    for _, key, f in _by_position(found):
        if key in seen:
            continue
        seen.add(key)
        if noted and inline.suppresses(f):
            suppressed.append(f)
            if not reviewer:
                continue
        out.append(f)
    if off:
        for _, key, f in _by_position(off):
            if key not in seen:
                seen.add(key)
                suppressed.append(f)
    return out, sorted(suppressed, key=_position) if len(suppressed) > 1 else suppressed


def _by_position(
    findings: Iterable[Finding],
) -> list[tuple[tuple[int, int, str, int], tuple[object, ...], Finding]]:
    """``findings`` sorted by :func:`_position` (stable), each with its position and its identity
    (code, line, end_line, message). A finding's fields are read from its ``__dict__``: reading
    them as attributes of the pydantic model costs some 500 instructions each."""
    rows: list[tuple[tuple[int, int, str, int], int, tuple[object, ...], Finding]] = []
    for i, f in enumerate(findings):
        d = f.__dict__
        code, line, end_line = d["code"], d["line"], d["end_line"]
        position = (line or 0, d["col"] or 0, code, end_line or 0)
        rows.append((position, i, (code, line, end_line, d["message"]), f))
    rows.sort()  # by position, then by order found: never beyond (the order is unique)
    return [(position, key, f) for position, _, key, f in rows]


def _position(f: Finding) -> tuple[int, int, str, int]:
    return (f.line or 0, f.col or 0, f.code, f.end_line or 0)


def check_document(doc: Document, *, options: CheckOptions | None = None) -> list[Finding]:
    """Check one report and return its findings (sorted, de-duplicated, suppressions applied)."""
    return list(Checker.prepare(options).check(doc).findings)


def check_path(path: str | os.PathLike[str], *, options: CheckOptions | None = None) -> CheckedReport:
    """Read and check one file."""
    return Checker.prepare(options).check_file(path)


# -- batches -------------------------------------------------------------------------------------


def _is_report_file(p: Path) -> bool:
    name = p.name
    # Word's lock files (~$报告.docx) and hidden files are never reports.
    return p.suffix.lower() in REPORT_SUFFIXES and not name.startswith(("~$", ".")) and p.is_file()


def collect_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """Files named directly, in order, then the report files of each folder (sorted, recursive)."""
    out: list[str] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            found = sorted(
                (q for q in p.rglob("*") if _is_report_file(q) and not _in_hidden_dir(q, p)),
                key=lambda q: q.as_posix(),
            )
            out.extend(str(q) for q in found)
        else:
            out.append(str(p))
    return list(dict.fromkeys(out))


def _in_hidden_dir(q: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in q.relative_to(root).parts[:-1])


def _check_chunk(checker: Checker, paths: Sequence[str], keep: frozenset[str]) -> list[CheckedReport]:
    cache: dict[str, Any] = {}
    results = []
    for p in paths:
        if _worker_stop is not None and _worker_stop.is_set():  # the batch was interrupted: stop here
            break
        results.append(_safe_check(checker, p, cache, keep))
    return results


def _safe_check(checker: Checker, path: str, cache: dict[str, Any], keep: frozenset[str]) -> CheckedReport:
    try:
        return checker.check_file(path, _cache=cache).keeping(keep)
    except Exception as exc:  # our bug: keep the batch going, say so plainly for this file
        return CheckedReport(
            path=path,
            error=f"检查时发生内部错误（{type(exc).__name__}: {exc}），请将此文件反馈给 drafter 维护者。",
        )


def check_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    options: CheckOptions | None = None,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
    checker: Checker | None = None,
    keep: Iterable[str] = (),
) -> list[CheckedReport]:
    """Check files and folders; results come back in the order of :func:`collect_paths`.

    ``jobs`` is the number of worker processes (default: one per core when there are many files,
    else 1). ``progress`` is called with the number of files just finished. ``keep`` names what
    the results keep of what was read — "document", "facts" — for a later stage that needs it
    (the HTML page, an annotated copy, ``--explain``, the model's reading); by default neither, so
    worker processes send back findings only.
    """
    keep = frozenset(keep)
    if not keep <= KEEPABLE:
        raise ValueError(f"keep: unknown parts {sorted(keep - KEEPABLE)}")
    checker = checker or Checker.prepare(options)
    files = collect_paths(paths)
    if not files:
        return []
    if len(files) > 1 and not checker.options.sketch:  # a batch: compare the reports' text
        checker = replace(checker, options=checker.options.model_copy(update={"sketch": True}))
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1 or (jobs is None and len(files) < PARALLEL_MIN_FILES):
        cache: dict[str, Any] = {}
        results = []
        for p in files:
            results.append(_safe_check(checker, p, cache, keep))
            if progress:
                progress(1)
        return results
    return _check_parallel(checker, files, workers, progress, keep)


def _warm(files: Sequence[str]) -> None:
    """Import what the workers will need before forking: a forked child must not be the first to
    import a module while another thread of the parent (a progress bar) may hold a lock."""
    import contextlib
    import importlib

    for suffix in {Path(f).suffix.lower() for f in files}:
        for name in _READER_MODULES.get(suffix, ()):
            with contextlib.suppress(ImportError):  # the reader reports it per file
                importlib.import_module(name)
    importlib.import_module("drafter.check.extract")


#: In a worker process of a parallel batch: the batch's stop flag, set by the main process when the batch is
#: interrupted (each worker process gets it once, from its initializer; None in the main process).
_worker_stop: Any = None

#: How long an interrupted batch waits for each worker to finish the file it is on before it stops the
#: workers by force (a worker stopped by force in the middle of sending its results would leave the pool
#: waiting for the rest of them forever, so this is only for a file that takes very long).
STOP_GRACE_SECONDS = 5.0


def _worker_init(stop: Any) -> None:
    # The main process handles Ctrl-C and SIGTERM and tells the workers to stop through ``stop``;
    # a worker must neither print a KeyboardInterrupt of its own nor survive being terminated.
    global _worker_stop
    _worker_stop = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


class _DeferredSignals:
    """Ctrl-C and SIGTERM during a parallel batch, remembered instead of raised where they land.

    A KeyboardInterrupt raised inside the pool's own locking (or a second Ctrl-C raised while the first is
    stopping the workers) can leave the pool waiting forever. Inside this block a signal only sets
    ``signum``; the batch loop stops at a safe point, and on leaving the block the signal is raised again
    under the handlers that were there before (the CLI turns it into "已中断" and exit 130). Outside the main
    thread (an embedding program) signals are left alone.
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self) -> None:
        self.signum = 0
        self._previous: dict[int, Any] = {}

    def _remember(self, signum: int, frame: object) -> None:
        self.signum = self.signum or signum

    def __enter__(self) -> _DeferredSignals:
        import threading

        if threading.current_thread() is threading.main_thread():
            for sig in self.SIGNALS:
                previous = signal.getsignal(sig)
                if previous is not signal.SIG_IGN:  # an ignored signal (nohup) stays ignored
                    self._previous[sig] = previous
                    signal.signal(sig, self._remember)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, previous in self._previous.items():
            signal.signal(sig, previous)
        if self.signum and exc[0] is None:
            signal.raise_signal(self.signum)  # the handler from before runs now (KeyboardInterrupt)
            raise KeyboardInterrupt  # a handler that returned: the batch is still incomplete


def _check_parallel(
    checker: Checker,
    files: list[str],
    workers: int,
    progress: Callable[[int], None] | None,
    keep: frozenset[str] = frozenset(),
) -> list[CheckedReport]:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    _warm(files)
    size = max(1, min(CHUNK_SIZE, len(files) // (workers * 4) or 1))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    # fork is cheap and inherits the imported modules; fall back to the default elsewhere.
    methods = multiprocessing.get_all_start_methods()
    mp_context = multiprocessing.get_context("fork" if "fork" in methods else None)
    stop = mp_context.Event()
    results: dict[int, list[CheckedReport]] = {}
    with _DeferredSignals() as deferred:
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=mp_context, initializer=_worker_init, initargs=(stop,)
        )
        futures = {pool.submit(_check_chunk, checker, chunk, keep): i for i, chunk in enumerate(chunks)}
        pending = set(futures)
        try:
            while pending and not deferred.signum:
                done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                for fut in done:
                    i = futures[fut]
                    results[i] = fut.result()
                    if progress:
                        progress(len(chunks[i]))
        except BaseException:
            _stop_workers(pool, stop, pending)
            raise
        if deferred.signum:
            _stop_workers(pool, stop, pending)
        else:
            pool.shutdown(wait=True)
    return [r for i in range(len(chunks)) for r in results[i]]


def _stop_workers(pool: Any, stop: Any, pending: set[Any]) -> None:
    """Stop an interrupted batch: no new chunk starts, each worker ends after the file it is on."""
    from concurrent.futures import wait

    stop.set()
    for fut in pending:
        fut.cancel()
    _, running = wait(pending, timeout=STOP_GRACE_SECONDS)
    if running:  # a worker stuck in one long file: stop it by force, and do not wait for the pool
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
    else:
        pool.shutdown(wait=True, cancel_futures=True)
