"""``drafter serve`` through Starlette's test client: every page and download, and bad uploads.

One app (one worker process) serves the whole module; apps with other settings (small limits,
a token) are made where a test needs them and never start their pool.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests._office_helpers import comments
from tests._serve_helpers import (
    SAMPLE,
    YANGXI_DATA,
    example_workbook,
    make_client,
    upload,
    wait_done,
    zip_bytes,
)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with make_client(tmp_path_factory.mktemp("serve")) as c:
        yield c


@pytest.fixture(scope="module")
def sample_job(client: Any) -> str:
    r = upload(client, ("阳西高新区2023年度自评报告.txt", SAMPLE.read_bytes()))
    assert r.status_code == 303
    url = r.headers["location"]
    wait_done(client, url)
    return url


def _problem(r: Any) -> str:
    match = re.search(r'id="problem">(.*?)</p>', r.text, re.S)
    assert match, r.text[:500]
    return match.group(1)


# -- pages and headers ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/draft", "/suggest"])
def test_pages_are_chinese_with_security_headers(client: Any, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert 'lang="zh-CN"' in r.text and CHINESE.search(r.text)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert "<script>" not in r.text  # the only script is /static/app.js


def test_static_script_is_served(client: Any) -> None:
    r = client.get("/static/app.js")
    assert r.status_code == 200 and "pollBatch" in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


def test_unknown_page_is_a_chinese_404(client: Any) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and _problem(r) == "没有这个页面。"


# -- review ------------------------------------------------------------------------------------


def test_sample_report_summary(client: Any, sample_job: str) -> None:
    status = client.get(f"{sample_job}/status").json()
    assert status["total"] == status["done"] == 1 and status["running"] is False
    row = status["rows"][0]
    assert row["name"] == "阳西高新区2023年度自评报告.txt"
    assert row["year"] == 2023 and row["unit"].startswith("阳西县高新技术产业开发区")
    assert row["stated_total"] == row["computed_total"] == "96"
    assert (row["errors"], row["warnings"]) == (1, 6)
    assert row["verdict"] == "退回修改" and "FG005" in row["reasons"][0]
    page = client.get(sample_job)
    assert page.status_code == 200
    assert "阳西高新区2023年度自评报告.txt" in page.text and "退回修改" in page.text
    assert page.headers["cache-control"] == "no-store"


def test_review_view_shows_the_seven_findings(client: Any, sample_job: str) -> None:
    r = client.get(f"{sample_job}/1")
    assert r.status_code == 200
    assert r.text.count('<aside class="finding') == 7
    assert "返回本批审核结果" in r.text and "reviewed.docx" in r.text


def test_reviewed_docx_has_a_comment_per_finding(client: Any, sample_job: str, tmp_path: Path) -> None:
    r = client.get(f"{sample_job}/1/reviewed.docx")
    assert r.status_code == 200
    assert "filename*=UTF-8''" in r.headers["content-disposition"]
    target = tmp_path / "reviewed.docx"
    target.write_bytes(r.content)
    notes = comments(target)
    assert len(notes) == 7 and all(n["author"] == "drafter" for n in notes.values())
    again = client.get(f"{sample_job}/1/reviewed.docx")  # made once, then served from the job folder
    assert again.content == r.content


def test_report_json_carries_unit_year_totals_verdict(client: Any, sample_job: str) -> None:
    r = client.get(f"{sample_job}/1/report.json")
    assert r.status_code == 200
    payload = r.json()
    assert payload["path"] == "阳西高新区2023年度自评报告.txt"
    assert len(payload["findings"]) == 7
    assert payload["verdict"] == "退回修改" and payload["year"] == 2023
    assert payload["stated_total"] == payload["computed_total"] == 96
    whole = client.get(f"{sample_job}/results.json").json()
    assert whole["version"] == 1 and whole["reports"][0]["findings"] == payload["findings"]


def test_summary_xlsx(client: Any, sample_job: str) -> None:
    import openpyxl

    r = client.get(f"{sample_job}/summary.xlsx")
    assert r.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames[:3] == ["汇总", "退回修改", "问题清单"]
    head = [c.value for c in wb["汇总"][1]]
    assert "单位" in head and "结论" in head
    row = [c.value for c in wb["汇总"][2]]
    assert "阳西高新区2023年度自评报告.txt" in row and "退回修改" in row
    assert wb["问题清单"].max_row == 1 + 7
    assert wb["退回修改"].max_row == 2


def test_suggest_from_a_reviewed_report(client: Any, sample_job: str) -> None:
    r = client.get(f"{sample_job}/1/suggest")
    assert r.status_code == 200
    assert "四、存在的问题、原因分析及改进措施" in r.text and 'data-copy="section-four"' in r.text


def test_batch_of_many_with_zip_and_gbk(client: Any) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    gbk = text.encode("gbk")
    archive = zip_bytes(
        {"报告/甲单位.txt": text.encode(), "报告/乙单位.md": text.encode(), "说明.jpg": b"x"}, utf8=False
    )
    r = upload(client, ("丙单位（GBK）.txt", gbk), ("一批.zip", archive))
    assert r.status_code == 303
    status = wait_done(client, r.headers["location"])
    names = [row["name"] for row in sorted(status["rows"], key=lambda x: x["index"])]
    assert names == ["丙单位（GBK）.txt", "一批.zip/甲单位.txt", "一批.zip/乙单位.md"]
    assert all(row["errors"] == 1 and row["warnings"] == 6 for row in status["rows"])
    rows = client.get(f"{r.headers['location']}/rows")
    assert rows.text.count("<tr") == 3
    bundle = client.get(f"{r.headers['location']}/reviewed.zip")
    assert bundle.status_code == 200
    with zipfile.ZipFile(io.BytesIO(bundle.content)) as z:
        assert sorted(z.namelist()) == ["丙单位（GBK）.审阅.docx", "乙单位.审阅.docx", "甲单位.审阅.docx"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("空.txt", b"", "文件是空的"),
        ("假的.docx", "这其实是一份文本文件。".encode(), ".docx"),
        ("图片.png", b"\x89PNG\r\n", "不支持的文件类型“.png”"),
        ("坏的.pdf", b"%PDF-1.4 not really", "PDF"),
    ],
)
def test_bad_file_in_a_batch_gets_a_chinese_reason(
    client: Any, name: str, content: bytes, message: str
) -> None:
    r = upload(client, (name, content), ("好的.txt", SAMPLE.read_bytes()))
    assert r.status_code == 303
    status = wait_done(client, r.headers["location"])
    bad, good = sorted(status["rows"], key=lambda x: x["index"])
    assert bad["verdict"] == "未能审核" and message in bad["error"] and CHINESE.search(bad["error"])
    assert "Traceback" not in bad["error"] and "/in/" not in bad["error"]
    assert good["verdict"] == "退回修改"
    page = client.get(f"{r.headers['location']}/1")
    assert page.status_code == 200 and "无法读取" in page.text
    assert client.get(f"{r.headers['location']}/1/reviewed.docx").status_code == 409


def test_batch_flags_copies_and_a_year_apart(client: Any) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    copy = text.replace("阳西县高新技术产业开发区管理委员会", "清河县高新技术产业开发区管理委员会")
    old = text.replace("2023", "2022")
    other = (SAMPLE.parent.parent / "pingchuan-agri-2023" / "report.md").read_bytes()
    r = upload(
        client,
        ("阳西.txt", text.encode()),
        ("清河.txt", copy.encode()),
        ("平川.md", other),
        ("旧.txt", old.encode()),
    )
    status = wait_done(client, r.headers["location"])
    rows = {row["name"]: row for row in status["rows"]}
    assert any("相同" in reason and "清河.txt" in reason for reason in rows["阳西.txt"]["reasons"])
    assert rows["旧.txt"]["year_differs"] is True
    assert any("2022" in reason for reason in rows["旧.txt"]["reasons"])
    page = client.get(r.headers["location"]).text
    assert "正文近乎相同的报告" in page and "本批年度：2023" in page


def test_report_text_is_escaped(client: Any) -> None:
    hostile = (
        SAMPLE.read_text(encoding="utf-8") + '\n<script>alert("x")</script><img src=x onerror=alert(1)>\n'
    )
    r = upload(client, ('<b>名字</b>".txt', hostile.encode()))
    url = r.headers["location"]
    wait_done(client, url)
    for page in (client.get(url).text, client.get(f"{url}/1").text, client.get(f"{url}/rows").text):
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>名字" not in page
    assert "&lt;script&gt;alert" in client.get(f"{url}/1").text


def test_upload_names_are_never_paths(client: Any, tmp_path: Path) -> None:
    r = upload(client, ("../../../../tmp/evil.txt", SAMPLE.read_bytes()))
    url = r.headers["location"]
    status = wait_done(client, url)
    assert status["rows"][0]["name"] == "evil.txt"
    job = client.app.state.store.get(url.rsplit("/", 1)[-1])
    assert sorted(p.name for p in job.inputs.iterdir()) == ["0001.txt"]


@pytest.mark.parametrize(
    ("files", "status", "message"),
    [
        ([], 400, "没有收到文件"),
        ([("坏.zip", b"PK\x03\x04 broken")], 400, "不是有效的 .zip 压缩包"),
        ([("空.zip", zip_bytes({"a.jpg": b"1"}))], 400, "中没有可检查的报告"),
    ],
)
def test_bad_uploads_refused_whole(
    client: Any, files: list[tuple[str, bytes]], status: int, message: str
) -> None:
    r = upload(client, *files)
    assert r.status_code == status
    assert message in _problem(r)


def test_zip_bomb_is_refused(client: Any) -> None:
    bomb = zip_bytes({"炸弹.txt": b"0" * (600 * 1024 * 1024 // 100)})  # 6 MiB of zeros: ratio ~1000
    r = upload(client, ("bomb.zip", bomb))
    assert r.status_code == 413 and "压缩炸弹" in _problem(r)


def test_limits(tmp_path: Path) -> None:
    with make_client(tmp_path, max_file_bytes=1000, max_files=2, max_request_bytes=50_000) as small:
        r = upload(small, ("大.txt", SAMPLE.read_bytes()))  # 9 kB > 1000 bytes
        assert r.status_code == 303
        row = wait_done(small, r.headers["location"])["rows"][0]
        assert "不像是一份报告" in row["error"]
        r = upload(small, ("1.txt", b"a"), ("2.txt", b"b"), ("3.txt", b"c"))
        assert r.status_code == 413 and "一次最多上传 2 份" in _problem(r)
        r = upload(small, ("big.txt", b"x" * 60_000))
        assert r.status_code == 413 and "超过" in _problem(r)


def test_unknown_or_malformed_job_ids(client: Any, sample_job: str) -> None:
    for url in (
        "/review/AAAAAAAAAAAAAAAAAAAAAAAA",
        "/review/../../etc",
        "/review/x/1",
        "/draft/AAAAAAAAAAAAAAAAAAAAAAAA",
    ):
        r = client.get(url)
        assert r.status_code == 404
    r = client.get("/review/AAAAAAAAAAAAAAAAAAAAAAAA")
    assert "没有这个任务" in _problem(r)
    job_id = sample_job.rsplit("/", 1)[-1]
    assert client.get(f"/draft/{job_id}").status_code == 404  # a review job is not a draft job
    assert client.get(f"{sample_job}/9").status_code == 404


def test_check_against_uploaded_data(client: Any) -> None:
    r = upload(client, ("报告.txt", SAMPLE.read_bytes()), data=("data.yaml", YANGXI_DATA.read_bytes()))
    status = wait_done(client, r.headers["location"])
    assert status["rows"][0]["verdict"] in ("退回修改", "通过")
    assert "已对照评价数据 data.yaml" in client.get(r.headers["location"]).text
    bad = upload(client, ("报告.txt", SAMPLE.read_bytes()), data=("data.yaml", b"meta: [\n"))
    assert bad.status_code == 400 and "评价数据文件有误" in _problem(bad)


# -- draft ---------------------------------------------------------------------------------------


def _draft(client: Any, name: str, content: bytes) -> Any:
    return client.post("/draft", files=[("file", (name, content, "application/octet-stream"))])


def test_draft_from_yaml(client: Any, tmp_path: Path) -> None:
    r = _draft(client, "data.yaml", YANGXI_DATA.read_bytes())
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert 'id="drafted"' in page.text
    assert page.text.count('<aside class="finding warning') == 3  # the data's three warnings, by their lines
    docx = client.get(f"{r.headers['location']}/report.docx")
    assert docx.status_code == 200
    import docx as python_docx

    (tmp_path / "r.docx").write_bytes(docx.content)
    text = "\n".join(p.text for p in python_docx.Document(str(tmp_path / "r.docx")).paragraphs)
    assert "部门整体支出绩效自评报告" in text
    md = client.get(f"{r.headers['location']}/report.md")
    assert md.status_code == 200 and md.text.startswith("#")


def test_draft_from_the_example_workbook(client: Any, tmp_path: Path) -> None:
    book = example_workbook(tmp_path)
    r = _draft(client, book.name, book.read_bytes())
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert 'id="drafted"' in page.text, page.text[:2000]
    assert client.get(f"{r.headers['location']}/report.docx").status_code == 200
    yaml_text = client.get(f"{r.headers['location']}/data.yaml").text
    assert "阳西县高新技术产业开发区" in yaml_text


def test_draft_with_errors_shows_them_beside_the_fields(client: Any) -> None:
    text = YANGXI_DATA.read_text(encoding="utf-8").replace("fiscal_year: 2023", "fiscal_year: 二〇二三", 1)
    r = _draft(client, "data.yaml", text.encode())
    page = client.get(r.headers["location"])
    assert 'id="not-drafted"' in page.text
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if "fiscal_year" in ln)
    block = page.text.split(f'id="L{line}"', 1)[1].split('<div class="ln', 1)[0]
    assert '<aside class="finding error' in block and "fiscal_year" in block
    assert client.get(f"{r.headers['location']}/report.docx").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.yaml", b"", "文件是空的"),
        ("x.docx", b"x", "不支持的文件类型"),
        ("坏.xlsx", "不是工作簿".encode(), ".xlsx"),
    ],
)
def test_draft_bad_inputs(client: Any, name: str, content: bytes, message: str) -> None:
    r = _draft(client, name, content)
    if r.status_code == 303:
        r = client.get(r.headers["location"])
    assert message in _problem(r) and "Traceback" not in r.text


@pytest.mark.parametrize(
    ("what", "check"),
    [("dept.xlsx", "自评表"), ("project.xlsx", "项目支出绩效自评表"), ("data.yaml", "meta")],
)
def test_blank_templates(client: Any, what: str, check: str) -> None:
    r = client.get(f"/templates/{what}")
    assert r.status_code == 200
    if what.endswith(".xlsx"):
        import openpyxl

        assert check in openpyxl.load_workbook(io.BytesIO(r.content)).sheetnames
    else:
        assert check in r.text
    assert client.get("/templates/../../etc/passwd").status_code == 404


# -- suggest -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "path"), [("report.txt", SAMPLE), ("data.yaml", YANGXI_DATA)])
def test_suggest_page(client: Any, name: str, path: Path) -> None:
    r = client.post("/suggest", files=[("file", (name, path.read_bytes(), "application/octet-stream"))])
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert "四、存在的问题、原因分析及改进措施" in page
    assert 'id="measures"' in page and 'data-format="tsv"' in page


# -- access ----------------------------------------------------------------------------------------


def test_token_is_required_when_set(tmp_path: Path) -> None:
    token = "s3cret-token-123"
    with make_client(tmp_path, token=token) as c:
        r = c.get("/")
        assert r.status_code == 401 and "访问令牌" in r.text
        assert c.get("/static/app.css").status_code == 200  # the login page's own style
        r = c.get("/?token=wrong")
        assert r.status_code == 401 and "不对" in r.text
        r = c.get(f"/?token={token}")
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
        assert c.get("/").status_code == 200  # the cookie now carries it
        c.cookies.clear()
        assert c.get("/", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        r = c.post("/login", data={"token": token, "next": "//evil.example/"})
        assert r.status_code == 303 and r.headers["location"] == "/"


def test_loopback_server_refuses_other_host_names(client: Any) -> None:
    r = client.get("/", headers={"Host": "attacker.example:8000"})
    assert r.status_code == 421 and "本机" in r.text
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200


def test_posts_from_another_site_are_refused(client: Any) -> None:
    files = [("files", ("r.txt", SAMPLE.read_bytes()))]
    r = client.post("/review", files=files, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and "其他网站" in r.text
    r = client.post("/review", files=files, headers={"Origin": "http://127.0.0.1:8000"})
    assert r.status_code == 303


def test_jobs_expire_and_are_deleted(tmp_path: Path) -> None:
    from drafter.serve.jobs import JobStore

    now = [1000.0]
    store = JobStore(tmp_path / "jobs", 60, clock=lambda: now[0])
    job = store.create("review")
    assert len(job.id) == 24 and store.get(job.id) is job
    (tmp_path / "jobs" / "left-by-an-earlier-run").mkdir()
    now[0] += 61
    assert store.get(job.id) is None
    assert store.sweep() >= 1 and not job.folder.exists()


def test_status_json_never_carries_server_paths(client: Any, sample_job: str) -> None:
    text = json.dumps(client.get(f"{sample_job}/status").json(), ensure_ascii=False)
    assert "/in/" not in text and str(client.app.state.store.root) not in text


def test_zip_names_from_chinese_windows(client: Any) -> None:
    archive = zip_bytes({"县财政局.txt": SAMPLE.read_bytes()}, utf8=False)
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        assert z.namelist() != ["县财政局.txt"]  # stored as GBK bytes, read back as CP437
    r = upload(client, ("a.zip", archive))
    assert wait_done(client, r.headers["location"])["rows"][0]["name"] == "a.zip/县财政局.txt"


def test_a_running_batch_shows_its_progress(client: Any) -> None:
    store = client.app.state.store
    job = store.create("review")
    job.total, job.results = 3, [None, None, None]  # as _run leaves it before any report is back
    page = client.get(f"/review/{job.id}")
    assert page.status_code == 200
    assert '<progress id="progress" max="3" value="0">' in page.text and "正在检查：0 / 3" in page.text
    assert 'data-running="1"' in page.text and '<meta http-equiv="refresh"' in page.text  # without script too
    status = client.get(f"/review/{job.id}/status").json()
    assert status == {"total": 3, "done": 0, "running": True, "counts": status["counts"], "rows": []}
    assert client.get(f"/review/{job.id}/1").status_code == 404  # not checked yet
    assert client.get(f"/review/{job.id}/reviewed.zip").status_code == 409


def test_zip_in_a_zip_and_hidden_files(client: Any) -> None:
    inner = zip_bytes({"内层.txt": SAMPLE.read_bytes()})
    outer = zip_bytes(
        {
            "批/报告.txt": SAMPLE.read_bytes(),
            "批/再打包.zip": inner,
            "__MACOSX/批/._报告.txt": b"\x00\x05",
            "批/~$报告.docx": b"lock",
            "批/.hidden.txt": b"x",
        }
    )
    r = upload(client, ("外层.zip", outer))
    rows = {row["name"]: row for row in wait_done(client, r.headers["location"])["rows"]}
    assert sorted(rows) == ["外层.zip/再打包.zip", "外层.zip/报告.txt"]
    assert "压缩包里的压缩包不会再解开" in rows["外层.zip/再打包.zip"]["error"]
    assert rows["外层.zip/报告.txt"]["errors"] == 1


def test_a_dead_worker_costs_one_task_not_the_pool() -> None:
    import asyncio
    import os
    from concurrent.futures.process import BrokenProcessPool

    from drafter.serve.jobs import Runner, new_pool

    async def scenario() -> tuple[str, int]:
        runner = Runner(new_pool(1), 1, lambda: new_pool(1))
        try:
            try:
                await runner.call(os._exit, 3)  # a worker killed (say, out of memory on a hostile file)
                outcome = "survived"
            except BrokenProcessPool:
                outcome = "broken"
            return outcome, await runner.call(abs, -5)  # the next task gets a fresh pool
        finally:
            runner.shutdown()

    assert asyncio.run(scenario()) == ("broken", 5)
