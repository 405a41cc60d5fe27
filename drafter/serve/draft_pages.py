"""起草 and 建议: one file in (a 自评表 or data file; a report), the draft or the suggestions out."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from drafter.serve import work
from drafter.serve.jobs import JobKind
from drafter.serve.uploads import UploadError, store_reports
from drafter.serve.web import DOCX, XLSX, Web, attachment

__all__ = ["routes"]

DATA_SUFFIXES = (".yaml", ".yml", ".xlsx")
SUGGEST_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".yaml", ".yml", ".xlsx")
DRAFT_FILES = {
    "report.docx": ("自评报告.docx", DOCX),
    "report.md": ("自评报告.md", "text/markdown; charset=utf-8"),
    "data.yaml": ("data.yaml", "application/yaml; charset=utf-8"),
}
BLANK_WORKBOOKS = {
    "dept.xlsx": ("部门整体", "部门整体支出自评表.xlsx"),
    "project.xlsx": ("项目支出", "项目支出绩效自评表.xlsx"),
}


def routes(web: Web) -> list[Route]:
    """The draft, suggest and template routes of ``web``'s application."""
    settings = web.settings

    async def single(request: Request, kind: JobKind, suffixes: tuple[str, ...]) -> Response:
        try:
            form = await web.read_form(request)
            files = web.uploads(form, "file")
            if len(files) != 1:
                raise UploadError("请选择一个文件。")
            job = web.store.create(kind)
            try:
                stored = await asyncio.to_thread(
                    store_reports, files, job.inputs, settings, suffixes=suffixes
                )
            except UploadError:
                web.store.remove(job.id)
                raise
        except UploadError as exc:
            return web.problem(exc.message, exc.status)
        item = stored[0]
        if item.path is None:
            web.store.remove(job.id)
            return web.problem(f"{item.name}：{item.error}", 400)
        llm = settings.llm if form.get("llm") and settings.llm is not None else None
        try:
            if kind == "draft":
                job.result = await web.call(work.draft_data, str(item.path), item.name, str(job.outputs), llm)
            else:
                job.result = await web.call(work.suggest_for, str(item.path), item.name)
        except Exception as exc:
            web.store.remove(job.id)
            return web.problem(
                f"处理时发生内部错误（{type(exc).__name__}），请将此文件反馈给 drafter 维护者。", 500
            )
        job.total = job.done = 1
        job.finished = web.store.clock()
        return RedirectResponse(f"/{kind}/{job.id}", status_code=303)

    async def draft_form(request: Request) -> Response:
        return web.page("draft_form.html", tab="draft")

    async def draft_start(request: Request) -> Response:
        return await single(request, "draft", DATA_SUFFIXES)

    async def draft_page(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "draft")
        result = job.result or {}
        return web.page("draft_result.html", tab="draft", job=job, result=result, lines=_yaml_lines(result))

    async def draft_download(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "draft")
        what = request.path_params["what"]
        if what not in DRAFT_FILES or not (job.outputs / what).exists():
            raise HTTPException(404, "没有这个文件：数据有错误时不会起草报告。")
        name, media = DRAFT_FILES[what]
        stem = Path((job.result or {}).get("name", "")).stem
        download = f"{stem}.{name}" if stem and what != "data.yaml" else name
        return FileResponse(job.outputs / what, media_type=media, headers=attachment(download))

    async def suggest_form(request: Request) -> Response:
        return web.page("suggest_form.html", tab="suggest")

    async def suggest_start(request: Request) -> Response:
        return await single(request, "suggest", SUGGEST_SUFFIXES)

    async def suggest_page(request: Request) -> Response:
        job = web.job_or_404(request.path_params["job"], "suggest")
        return web.page("suggest_result.html", tab="suggest", result=job.result or {}, back="/suggest")

    async def blank(request: Request) -> Response:
        what = request.path_params["what"]
        if what == "data.yaml":
            from drafter.data.starter import starter_text

            text = starter_text(name="data.yaml")
            return Response(
                text, media_type="application/yaml; charset=utf-8", headers=attachment("data.yaml")
            )
        if what not in BLANK_WORKBOOKS:
            raise HTTPException(404, "没有这个模板。")
        kind, name = BLANK_WORKBOOKS[what]
        data = await asyncio.to_thread(_workbook_bytes, kind, settings.workdir)
        return Response(data, media_type=XLSX, headers=attachment(name))

    return [
        Route("/draft", draft_start, methods=["POST"]),
        Route("/draft", draft_form),
        Route("/draft/{job}", draft_page),
        Route("/draft/{job}/{what}", draft_download),
        Route("/suggest", suggest_start, methods=["POST"]),
        Route("/suggest", suggest_form),
        Route("/suggest/{job}", suggest_page),
        Route("/templates/{what}", blank),
    ]


def _yaml_lines(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The data's YAML, line by line, with each validation message beside its line."""
    by_line: dict[int, list[dict[str, Any]]] = {}
    for f in result.get("findings", []):
        by_line.setdefault(f.get("line") or 0, []).append(f)
    text = result.get("yaml", "")
    return [
        {"no": no, "text": line, "findings": by_line.get(no, [])}
        for no, line in enumerate(text.split("\n"), 1)
    ]


def _workbook_bytes(kind: str, workdir: Path) -> bytes:
    import tempfile

    from drafter.office.xlsx_template import write_template

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        target = Path(tmp) / "t.xlsx"
        write_template(target, kind)
        return target.read_bytes()
