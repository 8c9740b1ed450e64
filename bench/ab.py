"""Compare two exolint source trees on the rule engine's CPU time, in one session, interleaved.

On a shared 2-CPU machine the same whole-process run varies by 10-15% from minute to minute, so
a change worth 5% cannot be seen by timing "before" and then "after". This script starts one
worker process per tree (`PYTHONPATH=<tree>`, run from a neutral folder so that the current
folder cannot shadow it); both parse the same files, then lint them chunk by chunk in lockstep,
alternating which goes first, and report their CPU time (`time.thread_time`) over the chunks. A
background disturbance then hits both sides alike. The printed ratio B/A still has an error of a
few percent: trust only larger differences, and run it both ways round.

    git worktree add --detach /tmp/before HEAD~3
    python bench/ab.py /tmp/before . --corpus /tmp/exolint-bench-corpus-1x --files 700 --reps 3

Each worker imports exolint from its tree, `plugins/` and `rules/` included (mapped into the
package as an installation would), so a plain `git worktree` needs no install.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = {".md": "markdown", ".html": "html", ".txt": "text"}


def worker(tree: Path, corpus: Path, limit: int, chunk: int, mode: str) -> None:
    _map_packages(tree)
    from exolint.engine import Engine
    from exolint.registry import get_registry
    from exolint.rule import CompileContext
    from exolint.ruleset import load_ruleset

    registry = get_registry()
    engine = Engine(load_ruleset(registry, [], ctx=CompileContext()))
    files = sorted(p for p in corpus.rglob("*") if p.suffix in FORMATS)[:limit]
    sources = [(str(p), FORMATS[p.suffix], p.read_text(encoding="utf-8")) for p in files]
    print("ready", flush=True)
    for line in sys.stdin:
        k = int(line)
        part = sources[k * chunk:(k + 1) * chunk]
        docs = [registry.formats[f].parse(s, p, {}) for p, f, s in part] if mode == "lint" else []
        t = time.thread_time()
        n = 0
        if mode == "lint":
            for d in docs:
                n += len(engine.lint(d).findings)
        else:
            for p, f, s in part:
                registry.formats[f].parse(s, p, {}).lower_text  # noqa: B018  (the property's work is timed)
        print(time.thread_time() - t, n, flush=True)


def _map_packages(tree: Path) -> None:
    """Make `exolint.plugins` and `exolint.rules` come from `tree` (a plain checkout), as the
    installed package-dir mapping would, without writing anything into the tree."""
    import importlib.util

    import exolint

    for name in ("plugins", "rules"):
        package = tree / name
        if (tree / "exolint" / name).exists() or not (package / "__init__.py").is_file():
            continue
        spec = importlib.util.spec_from_file_location(f"exolint.{name}", package / "__init__.py",
                                                      submodule_search_locations=[str(package)])
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        setattr(exolint, name, module)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path, help="source tree A (the baseline)")
    ap.add_argument("b", type=Path, help="source tree B")
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "exolint-bench-corpus-1x")
    ap.add_argument("--files", type=int, default=700)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--chunk", type=int, default=25)
    ap.add_argument("--mode", choices=["lint", "parse"], default="lint")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        worker(a.a, a.corpus, a.files, a.chunk, a.mode)
        return 0
    procs = {}
    for name, tree in (("A", a.a.resolve()), ("B", a.b.resolve())):
        env = dict(os.environ, PYTHONPATH=str(tree))
        procs[name] = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(tree), str(tree),
             "--corpus", str(a.corpus), "--files", str(a.files), "--chunk", str(a.chunk), "--mode", a.mode],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=tempfile.gettempdir())
        if not procs[name].stdout.readline().startswith("ready"):
            print(f"tree {name} ({tree}) failed to start", file=sys.stderr)
            return 2
    totals = {"A": [0.0] * a.reps, "B": [0.0] * a.reps}
    findings = {"A": 0, "B": 0}
    chunks = (a.files + a.chunk - 1) // a.chunk
    for r in range(a.reps):
        for k in range(chunks):
            for name in (("A", "B") if (k + r) % 2 == 0 else ("B", "A")):
                procs[name].stdin.write(f"{k}\n")
                procs[name].stdin.flush()
                seconds, n = procs[name].stdout.readline().split()
                totals[name][r] += float(seconds)
                if r == 0:
                    findings[name] += int(n)
    for p in procs.values():
        p.stdin.close()
        p.wait()
    ta, tb = min(totals["A"]), min(totals["B"])
    print(f"A {ta:.3f} s  B {tb:.3f} s  B/A {tb / ta:.3f}  (best of {a.reps}; findings A {findings['A']}, "
          f"B {findings['B']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
