"""Load on ``drafter serve``: concurrent clients uploading batches to a server on loopback.

    python benchmarks/bench_serve.py [--clients 20] [--reports 10] [--workers N] [--big 500]

Starts ``drafter serve`` on a free 127.0.0.1 port (nothing leaves this machine), then each client
uploads its reports in one batch (a mix of .txt, .md and .docx, each a little different) and
polls the batch until every report is checked; when done it downloads the summary .xlsx and one
reviewed Word copy. A probe asks for the home page every 0.2 s meanwhile, to show that the page
stays responsive while the pool works. Prints: errors (must be 0), per-report latency (upload
start → row ready: median, p95, max), throughput, the probe's latency, and the server's memory
(its own peak RSS and its worker processes'). Exit 1 on any error. Bounded: every client stops
after --timeout seconds. ``--big N`` then uploads one batch of N reports and measures the home
page and the batch's own page while it runs.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SAMPLE = REPO / "examples" / "yangxi-2023" / "report.txt"
SAMPLE_MD = REPO / "examples" / "pingchuan-agri-2023" / "report.md"
DATA = REPO / "examples" / "yangxi-2023" / "data.yaml"


def _reports(n: int, client: int, docx: bytes) -> list[tuple[str, bytes]]:
    """n different reports: the sample texts with a line of their own, and the drafted .docx."""
    txt = SAMPLE.read_text(encoding="utf-8")
    md = SAMPLE_MD.read_text(encoding="utf-8")
    out = []
    for i in range(n):
        tag = f"\n（客户端 {client} 第 {i + 1} 份）\n"
        kind = i % 3
        if kind == 0:
            out.append((f"c{client}-r{i + 1}.txt", (txt + tag).encode("utf-8")))
        elif kind == 1:
            out.append((f"c{client}-r{i + 1}.md", (md + tag).encode("utf-8")))
        else:
            out.append((f"c{client}-r{i + 1}.docx", docx))
    return out


def _drafted_docx() -> bytes:
    from drafter.data.load import load_data
    from drafter.draft.report import draft_report
    from drafter.draft.write import render_report

    return render_report(draft_report(load_data(DATA)), ".docx")


def _start_server(workdir: Path, workers: int | None) -> tuple[subprocess.Popen[str], str]:
    extra = ["--workers", str(workers)] if workers else []
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DISPLAY", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "drafter",
            "serve",
            "--port",
            "0",
            "--no-browser",
            "--workdir",
            str(workdir),
            *extra,
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=env,
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if match:
            threading.Thread(target=proc.stderr.read, daemon=True).start()  # drain
            return proc, match.group(1)
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("drafter serve did not start")


def _rss_kib(pid: int, field: str = "VmRSS") -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


class _Memory(threading.Thread):
    """Samples the server's and its workers' resident memory until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_total = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            total = sum(_rss_kib(p) for p in [self.pid, *_descendants(self.pid)])
            self.peak_total = max(self.peak_total, total)
            self.stop.wait(0.2)


def _client(
    url: str,
    n: int,
    reports: list[tuple[str, bytes]],
    timeout: float,
    latencies: list[float],
    errors: list[str],
) -> None:
    import httpx

    with httpx.Client(base_url=url, timeout=60) as http:
        start = time.perf_counter()
        files = [("files", (name, content, "application/octet-stream")) for name, content in reports]
        r = http.post("/review", files=files)
        if r.status_code != 303:
            errors.append(f"client {n}: upload answered {r.status_code}")
            return
        job = r.headers["location"]
        seen: set[int] = set()
        while time.perf_counter() - start < timeout:
            status = http.get(f"{job}/status").json()
            now = time.perf_counter() - start
            for row in status["rows"]:
                if row["index"] not in seen:
                    seen.add(row["index"])
                    latencies.append(now)
                    if row["error"]:
                        errors.append(f"client {n}: {row['name']}: {row['error']}")
            if not status["running"]:
                break
            time.sleep(0.1)
        else:
            errors.append(f"client {n}: not done in {timeout} s")
            return
        for path in (job, f"{job}/summary.xlsx", f"{job}/1/reviewed.docx", f"{job}/1"):
            r = http.get(path)
            if r.status_code != 200:
                errors.append(f"client {n}: GET {path} answered {r.status_code}")


def _probe(url: str, stop: threading.Event, times: list[float]) -> None:
    import httpx

    with httpx.Client(base_url=url, timeout=30) as http:
        while not stop.is_set():
            start = time.perf_counter()
            http.get("/")
            times.append((time.perf_counter() - start) * 1000)
            stop.wait(0.2)


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--reports", type=int, default=10, help="reports per client (one batch)")
    parser.add_argument("--workers", type=int, default=None, help="server worker processes (default: cores)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a client gives up")
    parser.add_argument("--big", type=int, default=0, help="then one batch of this many reports")
    args = parser.parse_args()

    docx = _drafted_docx()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        proc, url = _start_server(Path(tmp), args.workers)
        memory = _Memory(proc.pid)
        memory.start()
        try:
            import httpx

            httpx.get(url, timeout=30)  # the server is up
            idle_kib = sum(_rss_kib(p) for p in [proc.pid, *_descendants(proc.pid)])
            latencies: list[float] = []
            errors: list[str] = []
            probe_times: list[float] = []
            stop = threading.Event()
            probe = threading.Thread(target=_probe, args=(url, stop, probe_times), daemon=True)
            probe.start()
            threads = [
                threading.Thread(
                    target=_client,
                    args=(url, n, _reports(args.reports, n, docx), args.timeout, latencies, errors),
                )
                for n in range(args.clients)
            ]
            start = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - start
            stop.set()
            probe.join()
            big: tuple[float, list[float], list[str]] | None = None
            if args.big:
                big_latencies: list[float] = []
                big_errors: list[str] = []
                big_probe: list[float] = []
                stop = threading.Event()
                probe = threading.Thread(target=_probe, args=(url, stop, big_probe), daemon=True)
                probe.start()
                start = time.perf_counter()
                _client(url, -1, _reports(args.big, 0, docx), args.timeout, big_latencies, big_errors)
                big_wall = time.perf_counter() - start
                stop.set()
                probe.join()
                errors.extend(big_errors)
                big = (big_wall, big_probe, big_latencies)  # type: ignore[assignment]
            server_peak = _rss_kib(proc.pid, "VmHWM")
            server_cpu = _cpu_seconds(proc.pid)
            workers_cpu = sum(_cpu_seconds(p) for p in _descendants(proc.pid))
        finally:
            memory.stop.set()
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    total = args.clients * args.reports
    print(
        f"drafter serve 负载：{args.clients} 个客户端同时上传，每个 {args.reports} 份（共 {total} 份，.txt/.md/.docx 混合）"
    )
    print(f"  错误：{len(errors)}")
    for e in errors[:10]:
        print(f"    {e}")
    if latencies:
        print(
            f"  每份报告延迟（上传开始→结果就绪）：中位 {statistics.median(latencies):.2f} s，"
            f"p95 {_pct(latencies, 0.95):.2f} s，最长 {max(latencies):.2f} s"
        )
    print(f"  吞吐：{len(latencies) / wall:.1f} 份/秒（{len(latencies)} 份，用时 {wall:.1f} s）")
    if probe_times:
        print(
            f"  负载期间首页响应：中位 {statistics.median(probe_times):.0f} ms，p95 {_pct(probe_times, 0.95):.0f} ms，"
            f"最长 {max(probe_times):.0f} ms（{len(probe_times)} 次）"
        )
    if server_peak:
        print(
            f"  内存：服务进程峰值 {server_peak / 1024:.0f} MiB；服务+工作进程合计 空闲 {idle_kib / 1024:.0f} MiB，"
            f"峰值 {memory.peak_total / 1024:.0f} MiB"
        )
    if big is not None:
        big_wall, big_probe, big_latencies = big
        print(
            f"  一批 {args.big} 份：{len(big_latencies)} 份用时 {big_wall:.1f} s（{len(big_latencies) / big_wall:.1f} 份/秒）；"
            f"期间首页响应 中位 {statistics.median(big_probe):.0f} ms，p95 {_pct(big_probe, 0.95):.0f} ms，"
            f"最长 {max(big_probe):.0f} ms（{len(big_probe)} 次）"
        )
    if server_cpu:
        print(
            f"  CPU：服务进程 {server_cpu:.1f} s，工作进程 {workers_cpu:.1f} s（本机 {os.cpu_count()} 核，负载 {os.getloadavg()[0]:.1f}）"
        )
    return 1 if errors or len(latencies) != total or (big is not None and len(big[2]) != args.big) else 0


if __name__ == "__main__":
    raise SystemExit(main())
