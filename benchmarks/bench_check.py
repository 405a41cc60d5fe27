"""Speed of ``drafter check`` (issue 3 and the batch part of issue 5). One command prints every figure:

    python benchmarks/bench_check.py [--docx-folder 1000] [--runs 10]

1. in one process: .txt reports of the sample's size per second (target ≥ 500/s);
2. in one process: .docx reports per second (target ≥ 100/s);
3. whole process: ``drafter check report.txt`` (target < 0.25 s), and the bare start-up;
4. a folder of 1,000 .docx reports checked with ``drafter check DIR`` (target < 15 s), both cores;
5. in-process vs worker processes for growing batches (how PARALLEL_MIN_FILES was chosen).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"
sys.path.insert(0, str(REPO))

TXT_PER_S = 500
DOCX_PER_S = 100
ONE_REPORT_S = 0.25
FOLDER_S = 15.0


def _variants(n: int) -> list[str]:
    """``n`` reports of the sample's size, each a little different (numbers and names change)."""
    base = SAMPLE.read_text(encoding="utf-8")
    out = []
    for i in range(n):
        text = base.replace("3115.27", f"{3115 + i % 7}.27").replace(
            "国土规划局", "国土规划环保局" if i % 2 else "国土规划局"
        )
        out.append(text.replace("96分", f"{90 + i % 7}分"))
    return out


def _write_docx(text: str, path: Path) -> None:
    from docx import Document

    doc = Document()
    body = doc.element.body
    for p in list(body):
        if p.tag.endswith("}p"):
            body.remove(p)
    for line in text.rstrip("\n").split("\n"):
        doc.add_paragraph(line)
    doc.save(str(path))


def _make_folder(folder: Path, n: int, suffix: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = _variants(min(n, 50))
    paths = []
    if suffix == ".docx":
        for i, text in enumerate(texts):
            _write_docx(text, folder / f"r{i:04d}.docx")
        for i in range(len(texts), n):  # copies of the first 50, in sub-folders like real batches
            sub = folder / f"dept{i // 200}"
            sub.mkdir(exist_ok=True)
            shutil.copy(folder / f"r{i % len(texts):04d}.docx", sub / f"r{i:04d}.docx")
        paths = sorted(folder.rglob("*.docx"))
    else:
        for i in range(n):
            p = folder / f"r{i:04d}.txt"
            p.write_text(texts[i % len(texts)], encoding="utf-8")
            paths.append(p)
    return paths


def _rate_in_process(paths: list[Path]) -> tuple[float, float]:
    """Reports per second by the wall clock, and by this process's CPU time (which other work on
    a shared machine does not inflate)."""
    from drafter.check.run import Checker

    checker = Checker.prepare()
    cache: dict[str, object] = {}
    checker.check_file(paths[0], _cache=cache)  # warm: imports, regex compilation
    start, cpu = time.perf_counter(), time.process_time()
    for p in paths:
        result = checker.check_file(p, _cache=cache)
        assert result.error is None, result.error
    return len(paths) / (time.perf_counter() - start), len(paths) / (time.process_time() - cpu)


def _whole_process(args: list[str], runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as pycache:
        # Children keep compiled bytecode, as an installed package has it (some shells set
        # PYTHONDONTWRITEBYTECODE, which would time the compiler instead); the first run warms it.
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "PYTHONPYCACHEPREFIX": pycache,
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cmd = [sys.executable, *args]
        subprocess.run(cmd, env=env, capture_output=True)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(cmd, env=env, capture_output=True)
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):  # 1: findings; 2: a refused input or output, timed for nothing
                raise SystemExit(
                    f"{' '.join(args)} 退出码 {done.returncode}：{done.stderr.decode(errors='replace')}"
                )
        return times


def _verdict(ok: bool) -> str:
    return "达标" if ok else "未达标"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="whole-process repetitions")
    parser.add_argument("--txt", type=int, default=1000, help="number of .txt reports in one process")
    parser.add_argument("--docx", type=int, default=300, help="number of .docx reports in one process")
    parser.add_argument(
        "--docx-folder", type=int, default=1000, help="size of the .docx folder for the batch"
    )
    parser.add_argument("--skip-crossover", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"机器：{os.cpu_count()} 核，Python {sys.version.split()[0]}；1 分钟负载 {load:.1f}")
    if load > 1:
        print("注意：机器正忙，墙钟时间会偏长；“按 CPU 时间”一栏不受其他进程影响。")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        txt = _make_folder(root / "txt", args.txt, ".txt")
        rate, cpu_rate = _rate_in_process(txt)
        failed |= rate < TXT_PER_S
        print(
            f"1. 单进程 .txt：{rate:7.0f} 份/秒（按 CPU 时间 {cpu_rate:.0f}；目标 ≥ {TXT_PER_S}）  {_verdict(rate >= TXT_PER_S)}"
        )

        docx = _make_folder(root / "docx", args.docx, ".docx")
        rate, cpu_rate = _rate_in_process(docx)
        failed |= rate < DOCX_PER_S
        print(
            f"2. 单进程 .docx：{rate:6.0f} 份/秒（按 CPU 时间 {cpu_rate:.0f}；目标 ≥ {DOCX_PER_S}）  {_verdict(rate >= DOCX_PER_S)}"
        )

        start_up = statistics.median(_whole_process(["-c", "pass"], args.runs))
        one = _whole_process(["-m", "drafter", "check", str(SAMPLE), "--format", "json"], args.runs)
        med = statistics.median(one)
        failed |= med >= ONE_REPORT_S
        print(
            f"3. 整个进程 drafter check 一份报告：中位 {med:.3f} 秒，最快 {min(one):.3f}，最慢 {max(one):.3f}"
            f"（目标 < {ONE_REPORT_S}；python 启动本身 {start_up:.3f}）  {_verdict(med < ONE_REPORT_S)}"
        )

        folder = root / "batch"
        _make_folder(folder, args.docx_folder, ".docx")
        out = root / "batch.json"
        batch = _whole_process(
            ["-m", "drafter", "check", str(folder), "--format", "json", "--force", "-o", str(out)], 1
        )[0]
        failed |= batch >= FOLDER_S
        print(
            f"4. 文件夹 {args.docx_folder} 份 .docx（drafter check DIR，整个进程）：{batch:.2f} 秒"
            f"（目标 < {FOLDER_S:.0f}）  {_verdict(batch < FOLDER_S)}"
        )

        if not args.skip_crossover:
            from drafter.check.run import PARALLEL_MIN_FILES, Checker, check_paths

            checker = Checker.prepare()
            print(f"5. 单进程与多进程（当前阈值 PARALLEL_MIN_FILES = {PARALLEL_MIN_FILES}），.docx：")
            for n in (32, 64, 128, 200, 400, 800):
                sub = sorted(folder.rglob("*.docx"))[:n]
                t0 = time.perf_counter()
                check_paths(sub, checker=checker, jobs=1)
                serial = time.perf_counter() - t0
                t0 = time.perf_counter()
                check_paths(sub, checker=checker, jobs=os.cpu_count() or 2)
                parallel = time.perf_counter() - t0
                print(f"   {n:4d} 份：单进程 {serial:.3f} 秒，多进程 {parallel:.3f} 秒")
    print("结论：" + ("全部达标" if not failed else "有未达标项"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
