"""The web page in a real browser: Debian's Chromium, headless, driven by Playwright.

Uploads the sample report and sees its seven findings, downloads the reviewed Word copy and
counts its comments; uploads the example 自评表 and downloads the drafted .docx. Skips (with the
reason) only where Chromium or Playwright cannot be installed. Set DRAFTER_UPDATE_SCREENSHOT=1 to
refresh the README's screenshot of the review page (examples/serve-review.png).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests._serve_helpers import REPO, SAMPLE, LiveServer, example_workbook

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOT = REPO / "examples" / "serve-review.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="needs Chromium (apt-get install chromium fonts-noto-cjk)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    live = LiveServer(tmp_path_factory.mktemp("jobs"))
    yield live
    live.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (pip install playwright)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        accept_downloads=True, viewport={"width": 1100, "height": 760}, locale="zh-CN"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == [], f"the page logged errors (a CSP violation, a script error): {errors}"


def test_review_the_sample_in_the_browser(server: LiveServer, page: Any, tmp_path: Path) -> None:
    import docx

    page.goto(server.url)
    page.set_input_files("input[name=files]", str(SAMPLE))
    page.click("#review-form button[type=submit]")
    page.wait_for_selector("body[data-done='1']", timeout=60_000)
    rows = page.locator("#rows tr")
    assert rows.count() == 1
    assert "退回修改" in rows.first.inner_text()
    page.click("#rows tr a[href$='/1']")
    page.wait_for_selector("aside.finding")
    assert page.locator("aside.finding").count() == 7
    assert page.locator("table.findings tbody tr").count() == 7
    if os.environ.get("DRAFTER_UPDATE_SCREENSHOT"):
        top = page.locator("#r1-L25").bounding_box()["y"] - 8
        page.screenshot(
            path=str(SCREENSHOT), full_page=True, clip={"x": 0, "y": top, "width": 1100, "height": 640}
        )
        if shutil.which("pngquant"):  # keep the committed picture small
            subprocess.run(
                ["pngquant", "--quality", "60-85", "--force", "--output", str(SCREENSHOT), str(SCREENSHOT)],
                check=True,
            )
    with page.expect_download() as download_info:
        page.click("text=下载审阅版 Word（带批注）")
    download = download_info.value
    assert download.suggested_filename == "report.审阅.docx"
    target = tmp_path / "reviewed.docx"
    download.save_as(str(target))
    assert len(list(docx.Document(str(target)).comments)) == 7


def test_sorting_and_progress_of_a_batch(server: LiveServer, page: Any, tmp_path: Path) -> None:
    good = SAMPLE.read_bytes()
    files = [
        {"name": "乙单位.txt", "mimeType": "text/plain", "buffer": good},
        {"name": "甲单位.docx", "mimeType": "application/octet-stream", "buffer": "不是 Word 文件".encode()},
        {"name": "丙单位.md", "mimeType": "text/markdown", "buffer": good},
    ]
    page.goto(server.url)
    page.set_input_files("input[name=files]", files)
    page.click("#review-form button[type=submit]")
    page.wait_for_selector("body[data-done='1']", timeout=60_000)
    names = page.locator("#rows tr td.name a")
    assert names.count() == 3
    page.click("th[data-key=name]")  # Chinese names sort by pinyin: bing, jia, yi
    assert [names.nth(i).inner_text() for i in range(3)] == ["丙单位.md", "甲单位.docx", "乙单位.txt"]
    page.click("th[data-key=name]")
    assert [names.nth(i).inner_text() for i in range(3)] == ["乙单位.txt", "甲单位.docx", "丙单位.md"]
    page.click("th[data-key=verdict]")  # the reports to send back first
    assert [page.locator("#rows tr").nth(i).get_attribute("data-verdict") for i in range(3)] == [
        "0",
        "0",
        "1",
    ]
    page.click("th[data-key=verdict]")
    assert "未能审核" in page.locator("#rows tr").first.inner_text()


def test_draft_from_the_example_workbook_in_the_browser(
    server: LiveServer, page: Any, tmp_path: Path
) -> None:
    import docx

    book = example_workbook(tmp_path)
    page.goto(server.url + "draft")
    page.set_input_files("input[name=file]", str(book))
    page.click("#draft-form button[type=submit]")
    page.wait_for_selector("#drafted", timeout=60_000)
    with page.expect_download() as download_info:
        page.click("#dl-docx")
    target = tmp_path / "draft.docx"
    download_info.value.save_as(str(target))
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "部门整体支出绩效自评报告" in text and "阳西县高新技术产业开发区" in text


def test_copy_button_on_the_suggest_page(server: LiveServer, page: Any) -> None:
    page.goto(server.url + "suggest")
    page.set_input_files("input[name=file]", str(SAMPLE))
    page.click("#suggest-form button[type=submit]")
    page.wait_for_selector("#section-four")
    assert "四、存在的问题、原因分析及改进措施" in page.inner_text("#section-four")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("button[data-copy=section-four]")
    page.wait_for_selector("button[data-copy=section-four]:has-text('已复制')")
    assert page.evaluate("navigator.clipboard.readText()") == page.inner_text("#section-four")
    page.click("button[data-copy=measures]")
    page.wait_for_selector("button[data-copy=measures]:has-text('已复制')")
    table = page.evaluate("navigator.clipboard.readText()")
    assert table.split("\n")[0] == "问题\t措施\t责任\t时限" and table.count("\n") >= 1
