"""Render a page of a drafted .docx to PNG (LibreOffice headless + pdftoppm) to look at the 公文 layout.

    python benchmarks/render_docx_page.py [DATA.yaml] [--page N] [--out page.png] [--dpi 100]

Drafts the report from DATA (default: the bundled yangxi example) as .docx, converts it to PDF
with ``libreoffice --headless --convert-to pdf`` and one page to PNG with ``pdftoppm``, then
prints the figures: page count, page size (mm), time per step, and where the PNG is. Needs the
Debian packages libreoffice-writer and poppler-utils (fonts-noto-cjk for Chinese glyphs).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# 1 pt = 25.4/72 mm; the A4 check allows half a millimetre for PDF rounding.
MM_PER_PT = 25.4 / 72


def tools() -> tuple[str, str] | None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    pdftoppm = shutil.which("pdftoppm")
    return (office, pdftoppm) if office and pdftoppm else None


def docx_to_pdf(docx: Path, outdir: Path, office: str) -> Path:
    """Convert with a private LibreOffice profile, so a running or fresh user profile never interferes."""
    profile = outdir / "lo-profile"
    cmd = [
        office,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        str(docx),
    ]
    for _ in range(2):  # the very first start on a machine sometimes exits before converting
        subprocess.run(cmd, capture_output=True, timeout=180, check=False)
        pdf = outdir / (docx.stem + ".pdf")
        if pdf.exists():
            return pdf
    raise RuntimeError(f"LibreOffice did not convert {docx}")


def pdf_page_to_png(pdf: Path, page: int, out: Path, pdftoppm: str, dpi: int = 100) -> Path:
    stem = out.with_suffix("")
    subprocess.run(
        [
            pdftoppm,
            "-f",
            str(page),
            "-l",
            str(page),
            "-r",
            str(dpi),
            "-png",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return stem.with_suffix(".png")


def render(data_path: Path, page: int, out: Path, dpi: int = 100) -> dict[str, object]:
    from pypdf import PdfReader

    from drafter.data.load import load_data
    from drafter.draft.report import draft_report
    from drafter.draft.write import write_report

    found = tools()
    if found is None:
        raise SystemExit(
            "需要 libreoffice 与 pdftoppm：apt-get install -y libreoffice-writer poppler-utils fonts-noto-cjk"
        )
    office, pdftoppm = found
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        docx = write_report(draft_report(load_data(data_path)), work / "report.docx")
        t1 = time.perf_counter()
        pdf = docx_to_pdf(docx, work, office)
        t2 = time.perf_counter()
        png = pdf_page_to_png(pdf, page, out, pdftoppm, dpi)
        t3 = time.perf_counter()
        reader = PdfReader(str(pdf))
        box = reader.pages[0].mediabox
        return {
            "pages": len(reader.pages),
            "page_mm": (round(float(box.width) * MM_PER_PT, 1), round(float(box.height) * MM_PER_PT, 1)),
            "first_page_text": reader.pages[0].extract_text(),
            "draft_docx_s": round(t1 - t0, 3),
            "to_pdf_s": round(t2 - t1, 3),
            "to_png_s": round(t3 - t2, 3),
            "png": str(png),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT / "examples" / "yangxi-2023" / "data.yaml"))
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--out", default="page.png")
    parser.add_argument("--dpi", type=int, default=100)
    args = parser.parse_args()
    figures = render(Path(args.data), args.page, Path(args.out).resolve(), args.dpi)
    figures.pop("first_page_text")
    for key, value in figures.items():
        print(f"{key:>14}: {value}")


if __name__ == "__main__":
    main()
