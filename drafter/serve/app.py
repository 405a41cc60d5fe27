"""The web application: routes for 审核 (review), 起草 (draft), 建议 (suggest) and downloads.

Pages are jinja2 templates in ``drafter/serve/templates`` (autoescaped: every report's text and
every upload name is shown as text); a little script in ``static/app.js`` polls a running batch,
sorts tables and copies text. All work on reports runs in the process pool (:mod:`.jobs`), so
the event loop only moves bytes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from drafter.serve import batch, work
from drafter.serve.jobs import Job, JobStore, Runner, new_pool
from drafter.serve.security import SecurityMiddleware, cookie_header, token_ok
from drafter.serve.settings import MiB, ServeSettings
from drafter.serve.uploads import Incoming, Stored, UploadError, download_name, store_reports

__all__ = ["create_app"]

HERE = Path(__file__).resolve().parent
DATA_SUFFIXES = (".yaml", ".yml", ".xlsx")
SUGGEST_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".yaml", ".yml", ".xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class _Templates:
    def __init__(self) -> None:
        import jinja2

        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(HERE / "templates")),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def page(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)


class _BodyTooLarge(Exception):
    pass


def _limited(request: Request, limit: int) -> Request:
    """The request with its body counted as it streams in: past ``limit`` bytes it stops."""
    seen = 0
    receive = request.receive

    async def counting() -> Any:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _BodyTooLarge
        return message

    return Request(request.scope, counting)


def _attachment(name: str) -> dict[str, str]:
    safe = download_name(name)
    ascii_name = safe.encode("ascii", "replace").decode().replace("?", "_")
    return {"content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(safe)}"}


def create_app(settings: ServeSettings) -> Starlette:
    """The application for ``settings``; its lifespan starts the process pool and the sweeper."""
    templates = _Templates()
    store = JobStore(settings.workdir, settings.retention_seconds)
    state: dict[str, Any] = {}
    # Strong references to the jobs' tasks: the event loop keeps only weak ones.
    background: set[asyncio.Task[Any]] = set()

    def runner() -> Runner:
        return state["runner"]

    def ctx(request: Request, **extra: Any) -> dict[str, Any]:
        # Only the model's name reaches the page: never its options (they may hold the key).
        return {
            "llm": settings.llm_label if settings.llm is not None else None,
            "limits": _limits(settings),
            **extra,
        }

    def spawn(coro: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        background.add(task)
        task.add_done_callback(background.discard)
        return task

    def problem(request: Request, message: str, status: int = 400) -> HTMLResponse:
        return templates.page("problem.html", status, **ctx(request, message=message))

    async def read_form(request: Request) -> Any:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_request_bytes:
            raise UploadError(
                f"上传的内容超过 {settings.max_request_bytes // MiB} MiB，请分批上传。", status=413
            )
        limited = _limited(request, settings.max_request_bytes)
        try:
            return await limited.form(
                max_files=settings.max_files + 2, max_fields=20, max_part_size=64 * 1024
            )
        except _BodyTooLarge:
            raise UploadError(
                f"上传的内容超过 {settings.max_request_bytes // MiB} MiB，请分批上传。", status=413
            ) from None
        except HTTPException as exc:
            raise UploadError(f"上传的表单无法解析（{exc.detail}），请刷新页面后重试。") from None

    def uploads(form: Any, field: str) -> list[Incoming]:
        out = []
        for item in form.getlist(field):
            if isinstance(item, UploadFile) and (item.filename or item.size):
                out.append(Incoming(item.filename or "", item.file, item.size or 0))
        return out

    def job_or_404(job_id: str, kind: Any) -> Job:
        job = store.get(job_id, kind)
        if job is None:
            raise HTTPException(404, "没有这个任务：地址不对，或任务已超过保留时间被删除。请重新上传。")
        return job

    # -- pages ---------------------------------------------------------------------------------

    async def index(request: Request) -> Response:
        return templates.page("review_form.html", **ctx(request, tab="review"))

    async def review_start(request: Request) -> Response:
        try:
            form = await read_form(request)
            files = uploads(form, "files")
            llm = bool(form.get("llm")) and settings.llm is not None
            job = store.create("review")
            try:
                # Copying and unpacking touch the disk: in a thread, not on the event loop.
                stored = await asyncio.to_thread(store_reports, files, job.inputs, settings)
                data_path = await _take_data_file(form, job, settings)
            except UploadError:
                store.remove(job.id)
                raise
        except UploadError as exc:
            return problem(request, exc.message, exc.status)
        if data_path is not None:
            reason = await runner().call(work.prepare_check, str(data_path))
            if reason:
                store.remove(job.id)
                return problem(request, f"评价数据文件有误：{reason}", 400)
        job.options = {"llm": llm, "data": form.get("data").filename if data_path else None}
        job.total = len(stored)
        job.rows = [None] * len(stored)
        job.task = spawn(_run_review(job, stored, data_path, settings.llm if llm else None))
        return RedirectResponse(f"/review/{job.id}", status_code=303)

    async def _run_review(job: Job, stored: list[Stored], data_path: Path | None, llm: Any) -> None:
        todo: list[tuple[int, tuple[Any, ...]]] = []
        for i, item in enumerate(stored):
            if item.path is None:
                _refused_row(job, i, item)
            else:
                todo.append(
                    (
                        i,
                        (
                            str(item.path),
                            item.name,
                            str(job.outputs),
                            i + 1,
                            str(data_path) if data_path else None,
                            llm,
                        ),
                    )
                )

        def on_result(k: int, row: dict[str, Any]) -> None:
            job.rows[todo[k][0]] = row
            job.done += 1

        def on_error(k: int, exc: BaseException) -> None:
            i = todo[k][0]
            _refused_row(
                job,
                i,
                Stored(
                    stored[i].name,
                    error=f"检查时发生内部错误（{type(exc).__name__}），请将此文件反馈给 drafter 维护者。",
                ),
            )

        try:
            await runner().map_fair(work.check_report, [args for _, args in todo], on_result, on_error)
        finally:
            job.finished = store.clock()

    def _refused_row(job: Job, i: int, item: Stored) -> None:
        from drafter.check.run import ReportResult

        result = ReportResult(path=item.name, error=item.error)
        extra = batch.report_extra(result, None)
        job.rows[i] = batch.summary_row(result, extra, index=i + 1)
        payload = batch.report_payload(result, extra)
        (job.outputs / f"{i + 1:04d}.json").write_text(
            json.dumps(payload, ensure_ascii=False), encoding="utf-8"
        )
        (job.outputs / f"{i + 1:04d}.html").write_text(batch.review_page(result, None), encoding="utf-8")
        job.done += 1

    async def review_page(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        return templates.page("review_batch.html", **ctx(request, tab="review", job=job, **_batch_view(job)))

    async def review_rows(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        return templates.page("_rows.html", **ctx(request, job=job, **_batch_view(job)))

    async def review_status(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        view = _batch_view(job)
        return JSONResponse(
            {
                "total": job.total,
                "done": job.done,
                "running": job.running,
                "counts": view["counts"],
                "rows": [r for r in job.rows if r is not None],
            }
        )

    def _report_index(job: Job, request: Request) -> int:
        n = request.path_params["n"]
        if not 1 <= n <= job.total or job.rows[n - 1] is None:
            raise HTTPException(404, "这份报告不存在或还没有检查完。")
        return n

    async def review_report(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        n = _report_index(job, request)
        page = (job.outputs / f"{n:04d}.html").read_text(encoding="utf-8")
        nav = templates.env.get_template("_report_nav.html").render(job=job, n=n, row=job.rows[n - 1])
        return HTMLResponse(page.replace("<main>", "<main>" + nav, 1))

    async def review_report_json(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        n = _report_index(job, request)
        name = Path(job.rows[n - 1]["name"]).stem + ".json"  # type: ignore[index]
        return FileResponse(
            job.outputs / f"{n:04d}.json", media_type="application/json", headers=_attachment(name)
        )

    async def _reviewed(job: Job, n: int) -> Path | str:
        """The reviewed Word copy of report ``n`` (made once, in the pool), or why there is none."""
        row = job.rows[n - 1]
        assert row is not None
        if row["error"]:
            return f"这份报告未能读取，无法生成审阅版：{row['error']}"
        target = job.outputs / f"{n:04d}.审阅.docx"
        if target.exists():
            return target
        source = next(job.inputs.glob(f"{n:04d}.*"), None)
        if source is None:
            return "这份报告的原文件已不在服务器上，请重新上传。"
        if source.suffix.lower() == ".xlsx":
            return "Excel 自评表没有 Word 审阅版；请下载 JSON 或汇总表。"
        try:
            await runner().call(
                work.annotate_report,
                str(source),
                row["name"],
                str(job.outputs / f"{n:04d}.json"),
                str(target),
            )
        except Exception as exc:  # a bug in annotating one report must not take the page down
            return f"生成审阅版时出错（{type(exc).__name__}）。"
        return target

    async def review_report_docx(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        n = _report_index(job, request)
        made = await _reviewed(job, n)
        if isinstance(made, str):
            return problem(request, made, 409)
        name = Path(job.rows[n - 1]["name"]).stem + ".审阅.docx"  # type: ignore[index]
        return FileResponse(made, media_type=DOCX, headers=_attachment(name))

    async def review_zip(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        if job.running:
            return problem(request, "这一批还在检查中，请检查完成后再下载全部审阅版。", 409)
        made = await asyncio.gather(*(_reviewed(job, n) for n in range(1, job.total + 1)))
        files = [
            (Path(job.rows[n - 1]["name"]).name, path)  # type: ignore[index]
            for n, path in enumerate(made, 1)
            if isinstance(path, Path)
        ]
        if not files:
            return problem(request, "这一批没有可生成审阅版的报告。", 409)
        data = await asyncio.to_thread(_zip_reviewed, files)
        return Response(data, media_type="application/zip", headers=_attachment("审阅版.zip"))

    async def review_report_suggest(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        n = _report_index(job, request)
        source = next(job.inputs.glob(f"{n:04d}.*"), None)
        if source is None:
            return problem(request, "这份报告未能读取，无法提出建议。", 409)
        result = await runner().call(work.suggest_for, str(source), job.rows[n - 1]["name"])  # type: ignore[index]
        return templates.page(
            "suggest_result.html", **ctx(request, tab="suggest", result=result, back=f"/review/{job.id}")
        )

    async def review_json(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        payloads = await asyncio.to_thread(_payloads, job)
        body = json.dumps({"version": 1, "reports": payloads}, ensure_ascii=False, indent=2)
        return Response(body, media_type="application/json", headers=_attachment("审核结果.json"))

    async def review_xlsx(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "review")
        rows = [r for r in job.rows if r is not None]
        data = await asyncio.get_running_loop().run_in_executor(
            None, batch.summary_xlsx, rows, _payloads(job)
        )
        return Response(data, media_type=XLSX, headers=_attachment("审核汇总.xlsx"))

    # -- draft ---------------------------------------------------------------------------------

    async def draft_form(request: Request) -> Response:
        return templates.page("draft_form.html", **ctx(request, tab="draft"))

    async def draft_start(request: Request) -> Response:
        return await _single(request, "draft", DATA_SUFFIXES)

    async def suggest_form(request: Request) -> Response:
        return templates.page("suggest_form.html", **ctx(request, tab="suggest"))

    async def suggest_start(request: Request) -> Response:
        return await _single(request, "suggest", SUGGEST_SUFFIXES)

    async def _single(request: Request, kind: Any, suffixes: tuple[str, ...]) -> Response:
        try:
            form = await read_form(request)
            files = uploads(form, "file")
            if len(files) != 1:
                raise UploadError("请选择一个文件。")
            job = store.create(kind)
            try:
                stored = await asyncio.to_thread(
                    store_reports, files, job.inputs, settings, suffixes=suffixes
                )
            except UploadError:
                store.remove(job.id)
                raise
        except UploadError as exc:
            return problem(request, exc.message, exc.status)
        item = stored[0]
        if item.path is None:
            store.remove(job.id)
            return problem(request, f"{item.name}：{item.error}", 400)
        llm = bool(form.get("llm")) and settings.llm is not None
        try:
            if kind == "draft":
                job.result = await runner().call(
                    work.draft_data,
                    str(item.path),
                    item.name,
                    str(job.outputs),
                    settings.llm if llm else None,
                )
            else:
                job.result = await runner().call(work.suggest_for, str(item.path), item.name)
        except Exception as exc:
            store.remove(job.id)
            return problem(
                request, f"处理时发生内部错误（{type(exc).__name__}），请将此文件反馈给 drafter 维护者。", 500
            )
        job.total = job.done = 1
        job.finished = store.clock()
        return RedirectResponse(f"/{kind}/{job.id}", status_code=303)

    async def draft_page(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "draft")
        result = job.result or {}
        return templates.page(
            "draft_result.html",
            **ctx(request, tab="draft", job=job, result=result, lines=_yaml_lines(result)),
        )

    async def draft_download(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "draft")
        what = request.path_params["what"]
        files = {
            "report.docx": ("自评报告.docx", DOCX),
            "report.md": ("自评报告.md", "text/markdown; charset=utf-8"),
            "data.yaml": ("data.yaml", "application/yaml; charset=utf-8"),
        }
        if what not in files or not (job.outputs / what).exists():
            raise HTTPException(404, "没有这个文件：数据有错误时不会起草报告。")
        name, media = files[what]
        stem = Path((job.result or {}).get("name", "")).stem
        download = f"{stem}.{name}" if stem and what != "data.yaml" else name
        return FileResponse(job.outputs / what, media_type=media, headers=_attachment(download))

    async def suggest_page(request: Request) -> Response:
        job = job_or_404(request.path_params["job"], "suggest")
        return templates.page(
            "suggest_result.html", **ctx(request, tab="suggest", result=job.result or {}, back="/suggest")
        )

    async def template_download(request: Request) -> Response:
        what = request.path_params["what"]
        if what == "data.yaml":
            from drafter.data.starter import starter_text

            return Response(
                starter_text(name="data.yaml"),
                media_type="application/yaml; charset=utf-8",
                headers=_attachment("data.yaml"),
            )
        kinds = {
            "dept.xlsx": ("部门整体", "部门整体支出自评表.xlsx"),
            "project.xlsx": ("项目支出", "项目支出绩效自评表.xlsx"),
        }
        if what not in kinds:
            raise HTTPException(404, "没有这个模板。")
        kind, name = kinds[what]
        data = await asyncio.get_running_loop().run_in_executor(None, _template_bytes, kind, settings.workdir)
        return Response(data, media_type=XLSX, headers=_attachment(name))

    async def login(request: Request) -> Response:
        if request.method == "GET" or settings.token is None:
            return RedirectResponse("/", status_code=303)
        form = await request.form(max_files=0, max_fields=5, max_part_size=4096)
        target = str(form.get("next") or "/")
        if not target.startswith("/") or target.startswith("//"):
            target = "/"
        if not token_ok(str(form.get("token") or ""), settings.token):
            return RedirectResponse(f"{target}?token=", status_code=303)
        response = RedirectResponse(target, status_code=303)
        response.raw_headers.append((b"set-cookie", cookie_header(settings.token)))
        return response

    # -- errors --------------------------------------------------------------------------------

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", "")
        messages = {404: "没有这个页面。", 405: "不支持这种请求方式。"}
        message = (
            detail if isinstance(detail, str) and not detail.isascii() else messages.get(status, "请求有误。")
        )
        return problem(request, message, status)

    async def server_error(request: Request, exc: Exception) -> Response:
        return problem(request, "服务器内部错误，请稍后重试；如反复出现，请反馈给 drafter 维护者。", 500)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = new_pool(settings.workers)
        state["runner"] = Runner(pool, settings.workers, pool_factory=lambda: new_pool(settings.workers))
        sweeper = asyncio.get_running_loop().create_task(_sweep(store, settings.retention_seconds))
        try:
            yield
        finally:
            sweeper.cancel()
            for task in list(background):
                task.cancel()
            state["runner"].shutdown()

    routes = [
        Route("/", index),
        Route("/review", review_start, methods=["POST"]),
        Route("/review", index),
        Route("/review/{job}", review_page),
        Route("/review/{job}/rows", review_rows),
        Route("/review/{job}/status", review_status),
        Route("/review/{job}/审核结果.json", review_json),
        Route("/review/{job}/results.json", review_json),
        Route("/review/{job}/summary.xlsx", review_xlsx),
        Route("/review/{job}/reviewed.zip", review_zip),
        Route("/review/{job}/{n:int}", review_report),
        Route("/review/{job}/{n:int}/report.json", review_report_json),
        Route("/review/{job}/{n:int}/reviewed.docx", review_report_docx),
        Route("/review/{job}/{n:int}/suggest", review_report_suggest),
        Route("/draft", draft_start, methods=["POST"]),
        Route("/draft", draft_form),
        Route("/draft/{job}", draft_page),
        Route("/draft/{job}/{what}", draft_download),
        Route("/suggest", suggest_start, methods=["POST"]),
        Route("/suggest", suggest_form),
        Route("/suggest/{job}", suggest_page),
        Route("/templates/{what}", template_download),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.add_middleware(SecurityMiddleware, settings=settings)
    app.state.store = store
    return app


async def _take_data_file(form: Any, job: Job, settings: ServeSettings) -> Path | None:
    item = form.get("data")
    if not isinstance(item, UploadFile) or not (item.filename or item.size):
        return None
    stored = store_reports(
        [Incoming(item.filename or "", item.file, item.size or 0)],
        job.folder / "data",
        settings,
        suffixes=DATA_SUFFIXES,
    )
    if stored[0].path is None:
        raise UploadError(f"评价数据文件 {stored[0].name}：{stored[0].error}")
    return stored[0].path


def _zip_reviewed(files: list[tuple[str, Path]]) -> bytes:
    """The reviewed copies in one .zip, named after the uploads (``甲单位.审阅.docx``)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    taken: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in files:
            stem = Path(name).stem or "报告"
            entry, k = f"{stem}.审阅.docx", 2
            while entry in taken:
                entry, k = f"{stem}.审阅-{k}.docx", k + 1
            taken.add(entry)
            archive.write(path, entry)
    return buffer.getvalue()


def _batch_view(job: Job) -> dict[str, Any]:
    rows = [r for r in job.rows if r is not None]
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in batch.VERDICTS}
    ordered = sorted(
        rows,
        key=lambda r: (batch.VERDICT_RANK.get(r["verdict"], 9), -r["errors"], -r["warnings"], r["index"]),
    )
    return {"rows": ordered, "counts": counts, "pending": job.total - job.done}


def _payloads(job: Job) -> list[dict[str, Any]]:
    out = []
    for i, row in enumerate(job.rows, 1):
        if row is None:
            continue
        path = job.outputs / f"{i:04d}.json"
        with contextlib.suppress(OSError, ValueError):
            out.append(json.loads(path.read_text(encoding="utf-8")))
    return out


def _yaml_lines(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The data's YAML, line by line, with each validation message beside its line."""
    by_line: dict[int, list[dict[str, Any]]] = {}
    for f in result.get("findings", []):
        by_line.setdefault(f.get("line") or 0, []).append(f)
    text = result.get("yaml", "")
    lines = [
        {"no": no, "text": line, "findings": by_line.get(no, [])}
        for no, line in enumerate(text.split("\n"), 1)
    ]
    return lines


def _template_bytes(kind: str, workdir: Path) -> bytes:
    import tempfile

    from drafter.office.xlsx import write_template

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        target = Path(tmp) / "t.xlsx"
        write_template(target, kind)
        return target.read_bytes()


def _limits(settings: ServeSettings) -> dict[str, int]:
    return {
        "file_mib": settings.max_file_bytes // MiB,
        "files": settings.max_files,
        "request_mib": settings.max_request_bytes // MiB,
    }


async def _sweep(store: JobStore, retention: int) -> None:
    interval = max(5, min(300, retention // 10))
    while True:
        store.sweep()
        await asyncio.sleep(interval)
