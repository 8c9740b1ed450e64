"""Pages of one odd shape at two sizes: which rules' cost grows faster than the page.

`run.py` times a realistic corpus; a cost that grows with the square of something (headings
times matches, sizes times mentions, a sentence as long as its block) hides there and shows only
on a large page of the wrong shape. This lints each shape at `--size-kb` and at `--factor` times
that, in this process with the full built-in pack, and prints the lint time of both, their ratio
(about the factor when the cost is linear), and every rule whose own time grew by more than
1.5 times the factor. Keep both sizes on the same side of a million characters (Markdown pages
above it are parsed in pieces and scanned in chunks, which changes the constant).

    python bench/shapes.py                    # every shape, 200 KB and 800 KB
    python bench/shapes.py --size-kb 1200 sizes-paragraph headings

All texts are written for this benchmark.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable

from exolint.api import load_rules
from exolint.engine import Engine, Timings
from exolint.registry import get_registry

SENTENCES = [
    "Exosome therapy boosts collagen by 28% in four weeks.", "Our clinic in Leeds offers PRP and exosome facials.",
    "The FDA has approved our exosome serum.", "Exosomes are 30-100 nm across.", "Studies show it works.",
    "Book your exosome facial Leeds today for £199.", "It is absolutely safe and non-invasive.",
    "A landmark study proved regrowth (Smith et al., 2019).", "Results vary; ask your GP.",
    "Exosomes are injected into the scalp.", "Best exosome facial Leeds clinic.", "See reference [3] and (4).",
    "\"FDA-approved\" is a phrase some clinics use.", "Is it safe? No treatment is risk free.",
    "Each vesicle is 10,000-200,000 nm wide.", "Research shows 9 out of 10 patients agree.",
]


def _shapes(rnd: random.Random) -> dict[str, tuple[str, Callable[[int], str]]]:
    """Shape name -> (file extension, a function of the size in characters that writes the page)."""
    def prose(n: int) -> str:
        return " ".join(rnd.choice(SENTENCES) for _ in range(n))

    def repeat(unit: Callable[[int], str], head: str = "", tail: str = "") -> Callable[[int], str]:
        def make(size: int) -> str:
            out, total, i = [head], len(head), 0
            while total < size:
                out.append(unit(i))
                total += len(out[-1])
                i += 1
            return "".join(out) + tail
        return make

    def pick(*options: str) -> str:
        return rnd.choice(options)

    references = "\n\n## References\n\n" + "".join(f"{i + 1}. Journal of Skin, 2019\n" for i in range(50))
    stuffed = ("Our exosome facial in Leeds is the best exosome facial Leeds has to offer, and it boosts "
               "collagen by 28% in four weeks with no downtime at all.\n\n")
    question = ('{"@type":"Question","name":"Is exosome therapy FDA-approved?","acceptedAnswer":'
                '{"@type":"Answer","text":"Yes, the FDA has approved it and it boosts collagen by 28%."}}')
    return {
        "one-paragraph": ("md", repeat(lambda i: prose(1) + " ")),
        "headings": ("md", repeat(lambda i: f"## {pick(*SENTENCES)}\n\n")),
        "headings-and-paragraphs": ("md", repeat(lambda i: f"## Exosome facial Leeds {i}\n\n{prose(3)}\n\n")),
        "table": ("md", repeat(
            lambda i: f"| Exosome diameter {i} | {pick('30-100 nm', '10,000 nm', '28%')} | clinic |\n",
            "| Item | Size | Source |\n|---|---|---|\n")),
        "list": ("md", repeat(lambda i: f"- {pick(*SENTENCES)}\n")),
        "nested-list": ("md", repeat(lambda i: "  " * (i % 40) + f"- Exosomes boost collagen by {i % 90}% {i}\n")),
        "reference-list": ("md", repeat(lambda i: f"{i + 1}. Smith J. Exosome title {i}. J Skin. 2020;{i}:1-9.\n",
                                        prose(20) + " [1] [2] (3)\n\n## References\n\n")),
        "citation-markers": ("md", repeat(lambda i: f"Exosomes boost collagen by {i % 90}% [{i % 50 + 1}]. ",
                                          tail=references)),
        "duplicated-paragraphs": ("md", repeat(lambda i: prose(6) + "\n\n" if i % 2 else stuffed)),
        "quotations": ("md", repeat(lambda i: f'Some clinics say "{pick(*SENTENCES)}" but that is wrong. ')),
        "faq": ("md", repeat(lambda i: f"## Is exosome therapy FDA-approved {i}?\n\nNo. {prose(2)}\n\n")),
        "unpunctuated": ("md", repeat(lambda i: "FDA-approved exosome ")),
        "no-spaces": ("md", repeat(lambda i: "exosome%FDA", prose(5) + "\n\n", "\n\n" + prose(5))),
        "links": ("md", repeat(lambda i: f"[Exosome facial near Leeds {i}](https://x.example/{i}) | ")),
        "sizes-paragraph": ("md", repeat(
            lambda i: f"Exosomes are {pick('30-100', '40-160', '10,000-200,000', '5')} nm and vesicles {i} nm, ")),
        "percentages-paragraph": ("md", repeat(
            lambda i: f"collagen rose by {i % 97}% and wrinkles fell by {i % 50}%, ")),
        "look-alike-letters": ("md", repeat(
            lambda i: "Ехоsоmе thеrару іs FDA-аррrоvеd; " if i % 2 else "exosome facial Leeds; ")),
        "front-matter": ("md", repeat(lambda i: "FDA-approved exosome facial Leeds ",
                                      "---\ntitle: Exosome facial\ndescription: ", "\n---\n\nBody text.\n")),
        "numbered-claims": ("md", repeat(
            lambda i: f"{i + 1}. Our exosome serum is FDA-approved and absolutely safe.\n")),
        "html-table": ("html", repeat(
            lambda i: f"<tr><td>Exosome size {i}</td><td>30-100 nm</td><td>FDA-approved</td></tr>",
            "<table>", "</table>")),
        "html-inline": ("html", repeat(
            lambda i: f"<b>Exosome</b> <i>therapy</i> <a href='/x{i}'>is FDA-approved</a> <span>and safe</span><br>",
            "<p>", "</p>")),
        "html-json-ld": ("html", repeat(lambda i: question + ",", '<html><head><script type="application/ld+json">'
                                        '{"@type":"FAQPage","mainEntity":[',
                                        question + "]}</script></head><body><p>Hi.</p></body></html>")),
        "html-long-attribute": ("html", repeat(lambda i: "FDA-approved exosome ",
                                               '<p>Exosome facials.</p><img alt="', '">')),
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shapes", nargs="*", help="shapes to run (default: all)")
    ap.add_argument("--size-kb", type=int, default=200)
    ap.add_argument("--factor", type=int, default=4)
    a = ap.parse_args(argv)
    registry = get_registry()
    engine = Engine(load_rules())
    known = _shapes(random.Random(0))
    unknown = [s for s in a.shapes if s not in known]
    if unknown:
        sys.exit(f"unknown shape(s): {', '.join(unknown)}; known: {', '.join(known)}")
    print(f"{'shape':<24}{'lint s':>9}{'lint s':>9}{'ratio':>7}  findings        errors")
    for name in a.shapes or known:
        ext, make = known[name]
        engine.lint(registry.formats["html" if ext == "html" else "markdown"].parse(make(2000), f"page.{ext}", {}))
        runs = []
        for size in (a.size_kb * 1000, a.size_kb * 1000 * a.factor):
            ext, make = _shapes(random.Random(0))[name]  # the same text stream at both sizes
            text = make(size)
            doc = registry.formats["html" if ext == "html" else "markdown"].parse(text, f"page.{ext}", {})
            timings = Timings()
            t = time.perf_counter()
            result = engine.lint(doc, timings)
            runs.append((time.perf_counter() - t, dict(timings.rules), len(result.findings), len(result.errors)))
        (t1, r1, f1, e1), (t2, r2, f2, e2) = runs
        print(f"{name:<24}{t1:>9.2f}{t2:>9.2f}{t2 / max(t1, 1e-3):>7.1f}  {f1:>6}/{f2:<8} {e1}/{e2}")
        for rule, sec in sorted(r2.items(), key=lambda x: -x[1]):
            before = r1.get(rule, 0.0)
            if sec > 0.05 and sec > 1.5 * a.factor * max(before, 1e-3):
                print(f"    {rule}: {before:.3f} s -> {sec:.3f} s")


if __name__ == "__main__":
    main()
