"""Drafting the yangxi example with the LLM backend against a loopback server with 1 s latency.

Targets (issue 6): with concurrency 4, a cold run takes at most ⌈sections ÷ 4⌉ × 1 s + 1 s;
a warm re-run makes zero requests and takes under 0.5 s. Both are measured on the drafting call
(``polish_report``) in a process that has already imported the LLM stack; the one-time import of
langchain-openai/openai and the whole ``drafter draft --backend llm`` process are printed too, so
nothing is hidden.

    python benchmarks/bench_llm.py [--latency 1.0] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"
sys.path[:0] = [str(REPO), str(REPO / "tests")]

WARM_TARGET = 0.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="drafter-bench-llm-")
    os.environ["DRAFTER_HOME"] = home

    from llm_server import LoopbackLLM, Reply, skeleton_of

    started = time.perf_counter()
    import langchain_openai  # noqa: F401 - timed on purpose: the one-time cost of the LLM path

    import_s = time.perf_counter() - started

    from drafter.data.load import load_data
    from drafter.draft.report import draft_report
    from drafter.llm.drafting import polish_report
    from drafter.llm.options import load_options

    offline = draft_report(load_data(DATA))
    sections = len(offline.sections)

    def reworded(request):  # a well-behaved model: same facts, different wording
        return Reply.text(skeleton_of(request).replace("本单位", "我单位"))

    ok = True
    with LoopbackLLM(responder=reworded, latency=args.latency) as server:
        options = load_options(base_url=server.url, model="loopback-model", concurrency=args.concurrency)
        t0 = time.perf_counter()
        cold = polish_report(offline, options, progress=False)
        cold_s = time.perf_counter() - t0
        cold_requests = server.count()
        t0 = time.perf_counter()
        warm = polish_report(offline, options, progress=False)
        warm_s = time.perf_counter() - t0
        warm_requests = server.count() - cold_requests

        def cli(extra_home: str) -> tuple[float, int]:
            before = server.count()
            env = {**os.environ, "DRAFTER_HOME": extra_home,
                   "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
            out = Path(extra_home) / "report.md"
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "drafter", "draft", str(DATA), "--backend", "llm", "--base-url", server.url,
                 "--model", "loopback-model", "--concurrency", str(args.concurrency), "-o", str(out)],
                env=env, capture_output=True, check=True,
            )
            return time.perf_counter() - t, server.count() - before

        cli_home = tempfile.mkdtemp(prefix="drafter-bench-llm-cli-")
        cli_cold_s, cli_cold_n = cli(cli_home)
        cli_warm_s, cli_warm_n = cli(cli_home)

    sent = sum(1 for o in cold.outcomes if o.attempts)
    budget = math.ceil(sections / args.concurrency) * args.latency + 1.0
    cold_ok = cold_s <= budget and cold_requests == sent
    warm_ok = warm_s < WARM_TARGET and warm_requests == 0 and warm.report == cold.report
    ok = cold_ok and warm_ok
    print(f"loopback latency {args.latency:g} s per request, concurrency {args.concurrency}, "
          f"{sections} sections ({sent} sent to the model, {sections - sent} too short to polish)")
    print(f"cold  polish_report: {cold_s:6.2f} s, {cold_requests} requests   "
          f"target ≤ ⌈{sections}/{args.concurrency}⌉×{args.latency:g}+1 = {budget:.2f} s   {'OK' if cold_ok else 'OVER'}")
    print(f"warm  polish_report: {warm_s:6.3f} s, {warm_requests} requests   "
          f"target < {WARM_TARGET} s and 0 requests   {'OK' if warm_ok else 'OVER'}")
    print(f"one-time import of langchain-openai + openai in this process: {import_s:.2f} s")
    print(f"whole process `drafter draft --backend llm -o report.md` (includes that import, offline drafting, "
          f"and the check of the result): cold {cli_cold_s:.2f} s / {cli_cold_n} requests, "
          f"warm {cli_warm_s:.2f} s / {cli_warm_n} requests")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
