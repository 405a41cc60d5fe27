"""审核: upload reports, follow the batch, open each report, download what a reviewer files."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from drafter.serve import batch, work
from drafter.serve.jobs import Job
from drafter.serve.uploads import Incoming, Stored, UploadError, store_reports
from drafter.serve.web import DOCX, XLSX, Web, attachment

__all__ = ["DATA_SUFFIXES", "routes"]

DATA_SUFFIXES = (".yaml", ".yml", ".xlsx")
INTERNAL = "检查时发生内部错误（{}），请将此文件反馈给 drafter 维护者。"


def _view(job: Job) -> batch.BatchView:
    """The batch view, made again only when more reports have come back."""
    if job.view is None or job.view[0] != job.done:
        job.view = (job.done, batch.view_of(job.results))
    return job.view[1]


def _source(job: Job, n: int) -> Path | None:
    return next(job.inputs.glob(f"{n:04d}.*"), None)


def _entry(job: Job, request: Request) -> tuple[int, Any, Any, batch.BatchView]:
    n = request.path_params["n"]
    view = _view(job)
    found = view.entry(n) if 1 <= n <= job.total else None
    if found is None:
        raise HTTPException(404, "这份报告不存在或还没有检查完。")
    return n, found[0], found[1], view


def routes(web: Web) -> list[Route]:
    """The review routes of ``web``'s application."""
    settings = web.settings

    async def start(request: Request) -> Response:
        try:
            form = await web.read_form(request)
            files = web.uploads(form, "files")
            llm = bool(form.get("llm")) and settings.llm is not None
            job = web.store.create("review")
            try:
                # Copying and unpacking touch the disk: in a thread, not on the event loop.
                stored = await asyncio.to_thread(store_reports, files, job.inputs, settings)
                data_path = await asyncio.to_thread(_take_data_file, form, job, web)
            except UploadError:
                web.store.remove(job.id)
                raise
        except UploadError as exc:
            return web.problem(exc.message, exc.status)
        if data_path is not None:
            reason = await web.call(work.prepare_check, str(data_path))
            if reason:
                web.store.remove(job.id)
                return web.problem(f"评价数据文件有误：{reason}", 400)
        job.options = {"llm": llm, "data": form.get("data").filename if data_path else None}
        job.total = len(stored)
        job.results = [None] * len(stored)
        job.task = web.spawn(
            _run(job, stored, str(data_path) if data_path else None, settings.llm if llm else None)
        )
        return RedirectResponse(f"/review/{job.id}", status_code=303)

    async def _run(job: Job, stored: list[Stored], data_path: str | None, llm: Any) -> None:
        from drafter.check.run import CheckedReport

        todo: list[int] = []
        for i, item in enumerate(stored):
            if item.path is None:
                job.results[i] = CheckedReport(path=item.name, error=item.error)
                job.done += 1
            else:
                todo.append(i)

        def on_result(k: int, value: dict[str, Any]) -> None:
            i = todo[k]
            job.results[i] = value["result"]
            if value["notes"]:
                job.notes[i + 1] = value["notes"]
            job.done += 1

        def on_error(k: int, exc: BaseException) -> None:
            i = todo[k]
            job.results[i] = CheckedReport(path=stored[i].name, error=INTERNAL.format(type(exc).__name__))
            job.done += 1

        several = len(stored) > 1
        args = [(str(stored[i].path), stored[i].name, data_path, llm, several) for i in todo]
        try:
            assert web.runner is not None
            await web.runner.map_fair(work.check_report, args, on_result, on_error)
        finally:
            job.finished = web.store.clock()

    def batch_context(job: Job) -> dict[str, Any]:
        view = _view(job)
        return {
            "job": job,
            "rows": view.rows(job.notes),
            "counts": view.review.verdict_counts,
            "review": view.review,
            "pending": job.total - job.done,
        }

    async def page(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "review")
        return web.page("review_batch.html", tab="review", **batch_context(job))

    async def rows(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "review")
        return web.page("_rows.html", **batch_context(job))

    async def status(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "review")
        view = _view(job)
        return JSONResponse(
            {
                "total": job.total,
                "done": job.done,
                "running": job.running,
                "counts": view.review.verdict_counts,
                "rows": view.rows(job.notes),
            }
        )

    async def report(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "review")
        n, result, review, view = _entry(job, request)
        cache = job.outputs / f"{n:04d}.html"
        if cache.exists():
            page = cache.read_text(encoding="utf-8")
        else:
            source = _source(job, n)
            single = batch.single_review(view, review)
            page = await web.call(work.review_page, str(source) if source else None, result, single)
            if not job.running:  # the verdict no longer changes: keep the page
                cache.write_text(page, encoding="utf-8")
        nav = web.render("_report_nav.html", job=job, n=n, row=view.row(review, job.notes))
        return HTMLResponse(page.replace("<main>", "<main>" + nav, 1))

    async def report_json(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "review")
        _n, result, review, _ = _entry(job, request)
        body = json.dumps(batch.report_payload(result, review), ensure_ascii=False, indent=2)
        return Response(
            body, media_type="application/json", headers=attachment(Path(result.path).stem + ".json")
        )

    async def reviewed(job: Job, n: int, result: Any) -> Path | str:
        """The reviewed Word copy of report ``n`` (made once, in the pool), or why there is none."""
        if result.error:
            return f"这份报告未能读取，无法生成审阅版：{result.error}"
        target = job.outputs / f"{n:04d}.审阅.docx"
        if target.exists():
            return target
        source = _source(job, n)
        if source is None:
            return "这份报告的原文件已不在服务器上，请重新上传。"
        if source.suffix.lower() == ".xlsx":
            return "Excel 自评表没有 Word 审阅版；请下载 JSON 或汇总表。"
        try:
            await web.call(
                work.annotate_report,
                str(source),
                list(result.findings),
                str(target),
                getattr(result, "document", None),
            )
        except Exception as exc:  # a bug in annotating one report must not take the page down
            return f"生成审阅版时出错（{type(exc).__name__}）。"
        return target

    async def report_docx(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "review")
        n, result, _, _ = _entry(job, request)
        made = await reviewed(job, n, result)
        if isinstance(made, str):
            return web.problem(made, 409)
        from starlette.responses import FileResponse

        return FileResponse(made, media_type=DOCX, headers=attachment(Path(result.path).stem + ".审阅.docx"))

    async def all_docx(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "review")
        if job.running:
            return web.problem("这一批还在检查中，请检查完成后再下载全部审阅版。", 409)
        made = await asyncio.gather(*(reviewed(job, n, r) for n, r in enumerate(job.results, 1)))
        files = [
            (Path(r.path).name, p) for r, p in zip(job.results, made, strict=True) if isinstance(p, Path)
        ]
        if not files:
            return web.problem("这一批没有可生成审阅版的报告。", 409)
        data = await asyncio.to_thread(_zip_reviewed, files)
        return Response(data, media_type="application/zip", headers=attachment("审阅版.zip"))

    async def report_suggest(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "review")
        n, result, _, _ = _entry(job, request)
        source = _source(job, n)
        if source is None or result.error:
            return web.problem("这份报告未能读取，无法提出建议。", 409)
        found = await web.call(work.suggest_for, str(source), result.path)
        return web.page("suggest_result.html", tab="suggest", result=found, back=f"/review/{job.id}")

    async def whole_json(request: Request) -> Response:
        from drafter.render import render_json

        job = web.job_or_404(request.path_params["job"], "review")
        view = _view(job)
        body = await asyncio.to_thread(render_json, view.results, review=view.review)
        return Response(body, media_type="application/json", headers=attachment("审核结果.json"))

    async def xlsx(request: Request) -> Response:
        from drafter.review.xlsx import review_workbook

        job = web.job_or_404(request.path_params["job"], "review")
        view = _view(job)
        data = await asyncio.to_thread(review_workbook, view.review, view.results)
        return Response(data, media_type=XLSX, headers=attachment("审核汇总.xlsx"))

    async def form(request: Request) -> Response:
        return web.page("review_form.html", tab="review")

    return [
        Route("/", form),
        Route("/review", start, methods=["POST"]),
        Route("/review", form),
        Route("/review/{job}", page),
        Route("/review/{job}/rows", rows),
        Route("/review/{job}/status", status),
        Route("/review/{job}/results.json", whole_json),
        Route("/review/{job}/summary.xlsx", xlsx),
        Route("/review/{job}/reviewed.zip", all_docx),
        Route("/review/{job}/{n:int}", report),
        Route("/review/{job}/{n:int}/report.json", report_json),
        Route("/review/{job}/{n:int}/reviewed.docx", report_docx),
        Route("/review/{job}/{n:int}/suggest", report_suggest),
    ]


def _take_data_file(form: Any, job: Job, web: Web) -> Path | None:
    item = form.get("data")
    if not isinstance(item, UploadFile) or not (item.filename or item.size):
        return None
    upload = Incoming(item.filename or "", item.file, item.size or 0)
    stored = store_reports([upload], job.folder / "data", web.settings, suffixes=DATA_SUFFIXES)
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
