"""Time `exolint check` as whole processes on the generated corpus (see README.md).

    python bench/run.py [--scale 1] [--runs 3] [--big-mb 50] [--json out.json]

Every measurement is a fresh process, the way a user or CI runs exolint: median wall time over
`--runs` (and median CPU time, user + system of the whole process tree, which a busy machine
disturbs less), MB/s and files/s of the corpus, and the peak RSS of the largest single process (workers
included) from `getrusage(RUSAGE_CHILDREN)` taken in a small wrapper process per run. Measured in
the same session: Python's bare start, one small file, the parse-only floor (no rules), `-j1`,
the default job count, a cold and a warm result cache and, when installed (`pip install .[bench]`),
proselint on the same files. Children get a private bytecode cache (`PYTHONPYCACHEPREFIX`), as
an installed exolint has compiled `.pyc` files, and a private compiled-rules cache, warmed first.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

# Runs a command, then prints its wall time and the peak RSS of any process in its tree.
_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
rss_mb = ru.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru.ru_maxrss / 1024
print(json.dumps({"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "rss_mb": rss_mb, "rc": p.returncode,
                  "err": p.stderr.decode()[-2000:]}))
"""


def measure(cmd: list[str], env: dict[str, str], runs: int, ok=(0, 1)) -> dict:
    walls, cpus, rss = [], [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _WRAPPER, *cmd], env=env, capture_output=True, text=True,
                             check=True)
        r = json.loads(out.stdout)
        if r["rc"] not in ok:
            raise SystemExit(f"failed ({r['rc']}): {shlex.join(cmd)}\n{r['err']}")
        walls.append(r["wall"])
        cpus.append(r["cpu"])
        rss.append(r["rss_mb"])
    return {"median": statistics.median(walls), "runs": walls, "cpu": statistics.median(cpus), "rss_mb": max(rss)}


def corpus_stats(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix in (".md", ".html", ".txt")]
    return len(files), sum(p.stat().st_size for p in files)


def ensure_corpus(root: Path, scale: int) -> Path:
    stamp = root / ".stamp"
    want = f"{scale}:{(HERE / 'generate.py').stat().st_size}:{(HERE / 'snippets.py').stat().st_size}"
    if not stamp.is_file() or stamp.read_text() != want:
        shutil.rmtree(root, ignore_errors=True)
        generate.generate(root, scale)
        stamp.write_text(want)
    return root


def child_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(PYTHONPYCACHEPREFIX=str(tmp / "pycache"), EXOLINT_RULE_CACHE_DIR=str(tmp / "rules"),
               EXOLINT_NO_PROGRESS="1")
    env.pop("EXOLINT_CACHE_DIR", None)
    env.pop("EXOLINT_NO_CACHE", None)
    return env


def has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=None, help="default: <tmp>/exolint-bench-corpus-<scale>x")
    ap.add_argument("--exolint", default=f"{shlex.quote(sys.executable)} -m exolint",
                    help="the command that runs exolint")
    ap.add_argument("--jobs", type=int, default=0, help="jobs of the parallel runs (default: exolint's default)")
    ap.add_argument("--proselint-runs", type=int, default=1, help="0 skips proselint")
    ap.add_argument("--big-mb", type=int, default=0, help="also lint one Markdown file of this many MB")
    ap.add_argument("--only", default="", help="comma-separated subset of measurements")
    ap.add_argument("--json", type=Path, default=None, help="write the results here too")
    a = ap.parse_args(argv)

    root = ensure_corpus(a.corpus or Path(tempfile.gettempdir()) / f"exolint-bench-corpus-{a.scale}x", a.scale)
    n_files, n_bytes = corpus_stats(root)
    exo = shlex.split(a.exolint)
    jobs = ["-j", str(a.jobs)] if a.jobs else []
    only = {x.strip() for x in a.only.split(",") if x.strip()}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="exolint-bench-") as td:
        tmp = Path(td)
        env = child_env(tmp)
        (tmp / "no-rules").mkdir()
        small = tmp / "small.md"
        small.write_text(generate.to_markdown(*generate.page_blocks(7), 7), encoding="utf-8")
        # warm the bytecode and compiled-rules caches
        measure([*exo, "check", "--no-cache", str(small)], env, 1)

        def run(name: str, cmd: list[str], runs: int = a.runs, **kw) -> None:
            if only and name not in only:
                return
            print(f"  {name} ...", file=sys.stderr, flush=True)
            results[name] = measure(cmd, env, runs, **kw)

        run("python start", [sys.executable, "-c", "pass"])
        run("import exolint.cli", [sys.executable, "-c", "import exolint.cli"])
        run("one small file (warm caches)", [*exo, "check", "--cache-dir", str(tmp / "small-cache"), str(small)])
        run("parse-only floor -j1", [*exo, "check", "--no-cache", "-j1", "--no-builtin-rules",
                                     "--rules", str(tmp / "no-rules"), str(root)])
        run("exolint -j1", [*exo, "check", "--no-cache", "-j1", str(root)])
        run("exolint default jobs", [*exo, "check", "--no-cache", *jobs, str(root)])
        if not only or "cold cache" in only:
            colds, warms = [], []
            for i in range(a.runs):
                cache = ["--cache-dir", str(tmp / f"cache{i}")]
                colds.append(measure([*exo, "check", *jobs, *cache, str(root)], env, 1))
                warms.append(measure([*exo, "check", *jobs, *cache, str(root)], env, 1))
            for name, rs in (("cold cache", colds), ("warm cache", warms)):
                results[name] = {"median": statistics.median(r["median"] for r in rs),
                                 "runs": [r["median"] for r in rs], "cpu": statistics.median(r["cpu"] for r in rs),
                                 "rss_mb": max(r["rss_mb"] for r in rs)}
        if a.proselint_runs and has_module("proselint") and (not only or "proselint" in only):
            run("proselint", [sys.executable, "-m", "proselint", "check", str(root)], a.proselint_runs,
                ok=(0, 1, 2))
        if a.big_mb:
            # a tenth of the size too: a rule whose cost grows faster than the page shows as a
            # lower MB/s on the large file (only whole runs over a large page reveal it)
            for mb in dict.fromkeys((max(1, a.big_mb // 10), a.big_mb)):
                big = tmp / f"big{mb}.md"
                size = generate.generate_big(big, mb)
                run(f"one {mb} MB file -j1", [*exo, "check", "--no-cache", "-j1", str(big)], 1)
                if f"one {mb} MB file -j1" in results:
                    results[f"one {mb} MB file -j1"]["bytes"] = size
                big.unlink()

    report(results, n_files, n_bytes, a)
    if a.json:
        a.json.write_text(json.dumps({"files": n_files, "bytes": n_bytes, "scale": a.scale,
                                      "machine": machine(), "date": time.strftime("%Y-%m-%d"),
                                      "results": results}, indent=2))


def machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model}, {cpus} CPUs usable, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def report(results: dict[str, dict], n_files: int, n_bytes: int, a: argparse.Namespace) -> None:
    print(f"corpus: {n_files} files, {n_bytes / 1e6:.2f} MB (scale {a.scale}x); {a.runs} run(s) each; "
          f"{time.strftime('%Y-%m-%d')}; {machine()}")
    print(f"{'measurement':<32}{'median s':>10}{'CPU s':>8}{'MB/s':>9}{'files/s':>10}{'peak RSS MB':>13}")
    for name, r in results.items():
        whole = not name.startswith(("python", "import", "one"))
        size = r.get("bytes", n_bytes if whole else 0)
        mbs = f"{size / 1e6 / r['median']:.2f}" if size else "-"
        fps = f"{n_files / r['median']:.0f}" if whole else "-"
        print(f"{name:<32}{r['median']:>10.3f}{r['cpu']:>8.2f}{mbs:>9}{fps:>10}{r['rss_mb']:>13.1f}")
    m = {k: v["median"] for k, v in results.items()}

    # the "done when" targets of the performance issue (bench/README.md), judged on this run
    def verdict(value: float, target: float, at_least: bool) -> str:
        met = value >= target if at_least else value <= target
        return f"   (target {'>=' if at_least else '<='} {target:g}: {'met' if met else 'not met'})"

    def ratio(label: str, x: str, y: str, target: float) -> None:
        if x in m and y in m:
            print(f"  {label}: {m[y] / m[x]:.2f}x" + verdict(m[y] / m[x], target, True))

    ratio("exolint -j1 throughput / proselint", "exolint -j1", "proselint", 10)
    ratio("exolint default jobs throughput / proselint", "exolint default jobs", "proselint", 20)
    ratio("default jobs speed-up over -j1 (2 CPUs)", "exolint default jobs", "exolint -j1", 1.7)
    if "exolint -j1" in m and "parse-only floor -j1" in m:
        x = m["exolint -j1"] / m["parse-only floor -j1"]
        print(f"  -j1 time / parse-only floor: {x:.2f}x" + verdict(x, 2, False))
    if "warm cache" in m and "cold cache" in m:
        x = 100 * m["warm cache"] / m["cold cache"]
        print(f"  warm re-run / cold run: {x:.1f}%" + verdict(x, 10, False))
    small = "one small file (warm caches)"
    if small in m:
        print(f"  one small file: {m[small]:.3f} s" + verdict(m[small], 0.35, False))
    by_size = {r["bytes"]: r for name, r in results.items() if name.startswith("one ") and "bytes" in r}
    if len(by_size) == 2:
        lo, hi = sorted(by_size)
        x = (hi / by_size[hi]["median"]) / (lo / by_size[lo]["median"])
        print(f"  one large file's MB/s over one a tenth of its size: {x:.2f}   (no target: well under 1 means "
              "that something grows faster than the page)")

if __name__ == "__main__":
    main()
