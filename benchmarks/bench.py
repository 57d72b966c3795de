"""`make bench`: build synthetic sites of N articles with the project's full configuration
and with a bare one, and time a `make serve` rebuild (tools/serve.py) after one page is edited.

Not a test: it takes minutes and its numbers depend on the machine. It prints a Markdown
table and writes every measurement to benchmarks/results/bench.json (git-ignored).

    .venv/bin/python benchmarks/bench.py                       # N = 10, 200, 1000
    .venv/bin/python benchmarks/bench.py --sizes 200 --runs 3  # a quicker look
    .venv/bin/python benchmarks/bench.py --variants full,bare,bibtex-only   # with mkdocs-bibtex alone
    .venv/bin/python benchmarks/bench.py --variants warm,content,bare       # the site's code against its text
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from synthetic_site import SyntheticSite, generate_site, write_config

ROOT = Path(__file__).resolve().parent.parent
# Fewer runs where one build takes tens of seconds, so the whole benchmark takes minutes,
# not an hour, on two cores (MAINTAINING.md gives its time).
DEFAULT_RUNS = {10: 5, 200: 5, 1000: 3}
# "full" starts with no cache at all (cold), "warm" with the one the build before left;
# "content" is bare Material building the pages' text as the site's hooks leave it, so
# full ÷ content is what the site's code costs, content ÷ bare what its pages' text does.
VARIANTS = ("full", "warm", "bare", "bibtex-only", "content")
# `make serve` (tools/serve.py) serves only a configuration that lists the site's hooks: it
# takes one without them for a mkdocs.yml cut short, and waits for the fix. ("warm" would
# time the same serve again: a serve keeps the cache it started with.)
SERVED_VARIANTS = ("full",)
SAMPLE_INTERVAL = 0.02  # seconds between samples of the build's process tree memory


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system time of the build and every process it started
    peak_rss_mib: float  # the build's processes together (MkDocs and pandoc run at once)
    mkdocs_rss_mib: float  # the MkDocs process alone
    pandoc_runs: int  # pandoc processes that formatted citations (not `--version` checks)


@dataclass
class Result:
    articles: int
    pages: int
    citation_blocks: int
    variant: str
    runs: list[Run] = field(default_factory=list)

    def median(self, name: str) -> float:
        return statistics.median(getattr(run, name) for run in self.runs)

    def peak(self, name: str) -> float:
        return max(getattr(run, name) for run in self.runs)


def main() -> None:
    args = arguments()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=args.workdir))
    wrapper = _pandoc_counter(work)
    results: list[Result] = []
    rebuilds: list[dict] = []
    try:
        for size in args.sizes:
            site = generate_site(
                args.project, work / f"site-{size}", articles=size, entries=args.entries, blocks=args.blocks
            )
            pages = sum(1 for _ in (site.root / "docs").rglob("*.md"))
            print(
                f"N = {size}: {pages} pages, {site.citation_blocks} citation blocks in the generated articles, {site.entries} generated entries",
                flush=True,
            )
            configs = {v: write_config(site, f"bench-{v}.yml", variant=v) for v in VARIANTS if v != "warm"}
            configs["warm"] = configs["full"]
            if "content" in args.variants:
                _capture_content(site, write_config(site, "bench-capture.yml", variant="capture"), wrapper, work)
            by_variant = {v: Result(size, pages, site.citation_blocks, v) for v in args.variants}
            runs = args.runs or DEFAULT_RUNS.get(size, 3)
            # Variants alternate run by run, so a slow spell of the machine hits them alike.
            for number in range(1, runs + 1):
                for variant in args.variants:
                    if variant == "bibtex-only" and number > args.baseline_runs:
                        continue
                    cache = site.root / ".cache"  # citations, the checked bibliography, templates
                    if variant == "full":
                        shutil.rmtree(cache, ignore_errors=True)
                    elif variant == "warm" and not cache.exists():
                        _timed_build(site, configs[variant], wrapper, work / "pandoc-calls.log")  # fills it
                    run = _timed_build(site, configs[variant], wrapper, work / "pandoc-calls.log")
                    by_variant[variant].runs.append(run)
                    print(
                        f"  {variant:<12} run {number}: {run.wall_s:6.2f} s wall, {run.cpu_s:6.2f} s CPU, {run.peak_rss_mib:5.0f} MiB, "
                        f"{run.pandoc_runs} pandoc runs (load average {os.getloadavg()[0]:.1f})",
                        flush=True,
                    )
            results += by_variant.values()
            if size == args.serve_size:
                for variant in args.serve_variants:
                    rebuilds += serve_rebuilds(site, configs[variant], variant=variant, trials=args.serve_trials)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    ratios = _ratios(results)
    report: dict[str, Any] = {  # the JSON document written below
        "measured": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "commit": _commit(args.project),
        "results": [
            {
                **{k: v for k, v in asdict(r).items() if k != "runs"},
                "median_wall_s": r.median("wall_s"),
                "median_cpu_s": r.median("cpu_s"),
                "peak_rss_mib": r.peak("peak_rss_mib"),
                "peak_mkdocs_rss_mib": r.peak("mkdocs_rss_mib"),
                "runs": [asdict(run) for run in r.runs],
            }
            for r in results
        ],
        "ratios": ratios,
        "serve_rebuilds": rebuilds,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print()
    print(_table(results, ratios))
    if rebuilds:
        print()
        print(_rebuild_table(rebuilds))
    print(f"\n{report['machine']['summary']}; results in {args.out}")


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda s: [int(n) for n in s.split(",")],
        default=[10, 200, 1000],
        help="article counts, e.g. 10,200,1000",
    )
    parser.add_argument("--runs", type=int, help="runs per variant and size (default: 5, 5, 3 for N = 10, 200, 1000)")
    parser.add_argument(
        "--variants",
        type=lambda s: s.split(","),
        default=["full", "warm", "bare", "content"],
        help=f"from {', '.join(VARIANTS)}",
    )
    parser.add_argument(
        "--baseline-runs", type=int, default=1, help="runs of bibtex-only, which starts pandoc per page (default 1)"
    )
    parser.add_argument("--entries", type=int, default=500, help="generated bibliography entries")
    parser.add_argument("--blocks", type=int, help="citation blocks per article (default: 2 to 5)")
    parser.add_argument("--serve-size", type=int, default=200, help="N at which a serve rebuild is timed (0: none)")
    parser.add_argument(
        "--serve-variants",
        type=lambda s: s.split(","),
        default=["full"],
        help=f"configurations whose serve rebuild is timed, from {', '.join(SERVED_VARIANTS)}",
    )
    parser.add_argument("--serve-trials", type=int, default=3, help="edits of each kind at that N")
    parser.add_argument("--project", type=Path, default=ROOT, help="project to measure (default: this checkout)")
    parser.add_argument("--workdir", type=Path, help="where the synthetic sites go (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic sites")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "bench.json")
    args = parser.parse_args(argv)
    unknown = (set(args.variants) | set(args.serve_variants)) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants {sorted(unknown)}; choose from {', '.join(VARIANTS)}")
    if unserved := set(args.serve_variants) - set(SERVED_VARIANTS):
        parser.error(
            f"--serve-variants {','.join(sorted(unserved))}: make serve builds only a configuration with the "
            f"site's hooks; choose from {', '.join(SERVED_VARIANTS)}"
        )
    if args.serve_size and args.serve_size not in args.sizes:
        print(f"make serve's rebuild is not timed: --serve-size {args.serve_size} is not among --sizes", flush=True)
    return args


# A stand-in `pandoc` that logs each call, then runs the real one; pypandoc takes the
# executable from PYPANDOC_PANDOC. Costs a `sh` start (about a millisecond) per call.
def _pandoc_counter(work: Path) -> Path:
    import pypandoc

    wrapper = work / "pandoc"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "$PANDOC_CALL_LOG"\nexec "{pypandoc.get_pandoc_path()}" "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def _environment(wrapper: Path, log: Path) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYPANDOC_PANDOC": str(wrapper), "PANDOC_CALL_LOG": str(log)}


def _timed_build(site: SyntheticSite, config: Path, wrapper: Path, log: Path) -> Run:
    log.write_text("")
    site_dir = site.root / f"out-{config.stem}"
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--quiet",
        "-f",
        str(config),
        "--site-dir",
        str(site_dir),
    ]
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=site.root, env=_environment(wrapper, log), stdout=output, stderr=output)
        sampler = _TreeMemory(process.pid)
        sampler.start()
        # wait4 reports this child's own peak RSS (which sampling could miss) and the CPU
        # time of it and of every process it waited for.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        if process.returncode != 0:
            output.seek(0)
            raise SystemExit(
                f"{config.name} failed to build ({process.returncode}):\n{output.read().decode(errors='replace')}"
            )
    runs = [line for line in log.read_text().splitlines() if "--citeproc" in line]
    mib = 2**20
    return Run(
        wall_s=round(wall, 3),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
        peak_rss_mib=round(max(usage.ru_maxrss * 1024, sampler.peak) / mib, 1),
        mkdocs_rss_mib=round(sampler.own_peak / mib, 1),
        pandoc_runs=len(runs),
    )


# The pages as the full build hands them to Markdown, into content-docs/ (the other files
# of docs/ copied as they are), for the `content` variant.
def _capture_content(site: SyntheticSite, config: Path, wrapper: Path, work: Path) -> None:
    shutil.rmtree(site.root / "content-docs", ignore_errors=True)
    shutil.copytree(site.root / "docs", site.root / "content-docs")
    _timed_build(site, config, wrapper, work / "pandoc-calls.log")


class _TreeMemory(threading.Thread):
    """Peak of the summed RSS of a process and its descendants (pandoc runs beside
    Python, so the sum is what the machine must hold), and the process's own peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.own_peak = 0
        self._done = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def run(self) -> None:
        while not self._done.wait(SAMPLE_INTERVAL):
            self.peak = max(self.peak, sum(self._rss(pid) for pid in self._tree(self.pid)))
            # VmHWM: the kernel's own high-water mark of the MkDocs process.
            hwm = re.search(r"^VmHWM:\s+(\d+) kB", self._read(f"/proc/{self.pid}/status"), re.MULTILINE)
            if hwm:
                self.own_peak = max(self.own_peak, int(hwm.group(1)) * 1024)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def _tree(self, pid: int) -> list[int]:
        pids = [pid]
        for tid in self._read(f"/proc/{pid}/task").split():
            for child in self._read(f"/proc/{pid}/task/{tid}/children").split():
                pids += self._tree(int(child))
        return pids

    def _rss(self, pid: int) -> int:
        fields = self._read(f"/proc/{pid}/statm").split()
        return int(fields[1]) * self._page if len(fields) > 1 else 0

    @staticmethod
    def _read(path: str) -> str:
        try:
            if os.path.isdir(path):
                return " ".join(os.listdir(path))
            with open(path) as file:
                return file.read()
        except OSError:  # the process ended between two reads
            return ""


# `make serve` (tools/serve.py) as an editor runs it: edit one page, wait for the rebuild's
# log lines, then fetch the page and check the edit is served. Two kinds of edit: prose
# only, and a new citation block, which takes a pandoc run; each must render that page
# alone (a page-only rebuild).
def serve_rebuilds(site: SyntheticSite, config: Path, *, variant: str, trials: int) -> list[dict]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    serve = site.root / "tools" / "serve.py"
    command = [sys.executable, str(serve), "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command, cwd=site.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
    assert process.stderr is not None  # stderr=PIPE above
    threading.Thread(target=_queue_lines, args=(process.stderr, lines), daemon=True).start()
    src_uri = site.articles[len(site.articles) // 2]
    page = site.root / "docs" / src_uri
    url = f"http://127.0.0.1:{port}/{src_uri.removesuffix('.md')}/"
    cited = re.search(r"@([\w-]+)", page.read_text(encoding="utf-8"))
    assert cited is not None  # synthetic_site gives every article two to five citation blocks
    key = cited.group(1)
    measurements = []
    try:
        _wait_for(lines, "Serving on", timeout=600)
        time.sleep(2)  # the polling watcher takes its first snapshot of docs/
        for trial in range(1, trials + 1):
            for kind, addition in (
                ("prose edit", f"Edited for the benchmark, marker bench-prose-{trial}."),
                ("new citation", f"Edited for the benchmark [@{key}, p. {9000 + trial}], marker bench-cite-{trial}."),
            ):
                marker = addition.rsplit("marker ", 1)[1].rstrip(".")
                with page.open("a", encoding="utf-8") as file:
                    file.write(f"\n{addition}\n")
                edited = time.perf_counter()
                detected, _ = _wait_for(lines, "Detected file changes", timeout=60)
                building, _ = _wait_for(lines, "Building documentation", timeout=60)
                _, scope = _wait_for(lines, "Rebuilding ", timeout=60)
                if not scope.endswith(f"Rebuilding only the pages saved since the last build: docs/{src_uri}"):
                    raise SystemExit(f"serve did not render the edited page alone: {scope}")
                # MkDocs drops a log line equal to the one before, so "Documentation built
                # in 0.23 seconds" may be missing: the livereload line is always there.
                reloaded, _, between = _wait_for(lines, "Reloading browsers", timeout=120, keep=True)
                built = next(
                    (re.search(r"built in ([\d.]+) seconds", line) for line in between if "built in" in line), None
                )
                served = urllib.request.urlopen(url, timeout=30).read().decode()
                if marker not in served:
                    raise SystemExit(f"serve rebuilt, but {url} does not show the edit {marker!r}")
                measurements.append(
                    {
                        "variant": variant,
                        "kind": kind,
                        "trial": trial,
                        "articles": len(site.articles),
                        "edit_to_served_s": round(reloaded - edited, 3),
                        "watcher_s": round(detected - edited, 3),
                        "rebuild_s": round(reloaded - building, 3),
                        "mkdocs_build_s": float(built.group(1)) if built else None,
                    }
                )
                print(
                    f"  serve {variant}, {kind} {trial}: rebuilt in {reloaded - building:.2f} s, {reloaded - edited:.2f} s from save to served",
                    flush=True,
                )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return measurements


def _queue_lines(stream: IO[str], lines: queue.Queue[tuple[float, str | None]]) -> None:
    """Each line `stream` prints, with the time it arrived, for _wait_for; None once it ends."""
    for line in stream:
        lines.put((time.perf_counter(), line.rstrip()))
    lines.put((time.perf_counter(), None))


def _wait_for(lines: queue.Queue, text: str, *, timeout: float, keep: bool = False):
    """The time and line of the next log line holding `text` (and, with `keep`, the lines
    before it)."""
    deadline = time.perf_counter() + timeout
    seen: list[str] = []
    while True:
        try:
            stamp, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            raise SystemExit(f"serve: no {text!r} within {timeout} s; it printed:\n" + "\n".join(seen[-20:])) from None
        if line is None:
            raise SystemExit(f"serve exited before {text!r}; it printed:\n" + "\n".join(seen[-20:]))
        if "ERROR" in line or "Aborted" in line:
            raise SystemExit(f"serve: {line}")
        if text in line:
            return (stamp, line, seen) if keep else (stamp, line)
        seen.append(line)


def _ratios(results: list[Result]) -> list[dict]:
    by_key = {(r.articles, r.variant): r for r in results}
    ratios = []
    for (size, variant), result in by_key.items():
        bare = by_key.get((size, "bare"))
        if bare and variant != "bare":
            ratios.append(
                {
                    "articles": size,
                    "variant": variant,
                    "wall": round(result.median("wall_s") / bare.median("wall_s"), 2),
                    "cpu": round(result.median("cpu_s") / bare.median("cpu_s"), 2),
                    "memory": round(result.peak("peak_rss_mib") / bare.peak("peak_rss_mib"), 2),
                    "mkdocs_memory": round(result.peak("mkdocs_rss_mib") / bare.peak("mkdocs_rss_mib"), 2),
                }
            )
    return ratios


def _table(results: list[Result], ratios: list[dict]) -> str:
    by_key = {(r["articles"], r["variant"]): r for r in ratios}
    rows = [
        "| N | pages | citation blocks | variant | runs | median wall (s) | median CPU (s) | peak RSS, all (MiB) | peak RSS, MkDocs (MiB) | pandoc runs | wall ÷ bare | CPU ÷ bare | RSS all ÷ bare | RSS MkDocs ÷ bare |",
        "| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        ratio = by_key.get((r.articles, r.variant))
        columns = [ratio[name] if ratio else "–" for name in ("wall", "cpu", "memory", "mkdocs_memory")]
        rows.append(
            f"| {r.articles} | {r.pages} | {r.citation_blocks} | {r.variant} | {len(r.runs)} | {r.median('wall_s'):.2f} | {r.median('cpu_s'):.2f} | "
            f"{r.peak('peak_rss_mib'):.0f} | {r.peak('mkdocs_rss_mib'):.0f} | {r.runs[0].pandoc_runs} | "
            + " | ".join(map(str, columns))
            + " |"
        )
    return "\n".join(rows)


def _rebuild_table(rebuilds: list[dict]) -> str:
    rows = [
        "| `make serve`, N | variant | edit | trials | median rebuild (s) | median save → served (s) | of which watcher (s) |",
        "| ---: | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for variant, kind in dict.fromkeys((m["variant"], m["kind"]) for m in rebuilds):
        of_kind = [m for m in rebuilds if (m["variant"], m["kind"]) == (variant, kind)]
        median = {
            name: statistics.median(m[name] for m in of_kind) for name in ("rebuild_s", "edit_to_served_s", "watcher_s")
        }
        rows.append(
            f"| {of_kind[0]['articles']} | {variant} | {kind} | {len(of_kind)} | {median['rebuild_s']:.2f} | "
            f"{median['edit_to_served_s']:.2f} | {median['watcher_s']:.2f} |"
        )
    return "\n".join(rows)


def _machine() -> dict:
    memory = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    cores = os.cpu_count()
    summary = f"{cores} cores ({cpu}), {memory / 2**20:.0f} GiB, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    return {
        "cores": cores,
        "cpu": cpu,
        "memory_gib": round(memory / 2**20, 1),
        "python": platform.python_version(),
        "summary": summary,
    }


def _commit(project: Path) -> str | None:
    found = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=project, capture_output=True, text=True)
    return found.stdout.strip() or None


if __name__ == "__main__":
    main()
