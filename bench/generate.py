"""Deterministic benchmark corpus: clinic pages about aesthetic treatments, most with defects.

    python bench/generate.py OUT [--scale 1|4|16] [--big-mb 50]

Scale 1 is 1,500 Markdown pages of about 3 KB, plus 300 HTML and 300 plain-text variants of
pages, in folders of 100. Page `i` depends only on the seed and `i`, so a larger scale is the
smaller corpus plus more pages and MB/s can be compared across scales. About 60% of the pages
carry 1-4 defects (see `snippets.DEFECTS`); the others are clean but still full of trigger
words (exosome, FDA, nm, %) so the prefilter has real work. `--big-mb` writes one large
Markdown file instead (for the memory check).
"""
from __future__ import annotations

import argparse
import html
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import snippets as S  # noqa: E402

SEED = 20261122
PAGES_PER_SCALE = 1500
VARIANT_EVERY = 5  # every 5th page also exists as HTML and as plain text
TARGET_BYTES = 3000


def fill(text: str, rnd: random.Random, t: str) -> str:
    values = {
        "t": t, "T": t[0].upper() + t[1:], "clinic": rnd.choice(S.CLINICS), "city": rnd.choice(S.CITIES),
        "n": str(rnd.randint(12, 240)), "pct": str(rnd.choice([38, 47, 62, 71, 85, 92, 97, 100])),
        "year": str(rnd.randint(2012, 2025)), "author": rnd.choice(S.AUTHORS), "journal": rnd.choice(S.JOURNALS),
        "area": rnd.choice(S.AREAS),
    }
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def page_blocks(i: int) -> tuple[str, list[tuple[str, object]]]:
    """The title and the blocks of page `i`: ("h2", text), ("p", text), ("ul", [items]),
    ("table", rows), ("ol", [items])."""
    rnd = random.Random(SEED * 100_003 + i)
    t = rnd.choice(S.TREATMENTS)
    title = fill(rnd.choice(["{T} in {city}", "{T} at {clinic}", "{T}: what to know"]), rnd, t)
    defects = rnd.sample(S.DEFECTS, rnd.randint(1, 4)) if rnd.random() < 0.6 else []
    blocks: list[tuple[str, object]] = []

    def para(pool: list[str], k: int = 2) -> str:
        parts = [fill(x, rnd, t) for x in rnd.sample(pool, min(k, len(pool)))]
        if rnd.random() < 0.5:
            parts.append(fill(rnd.choice(S.FILLER), rnd, t))
        if defects and rnd.random() < 0.45:
            parts.insert(rnd.randrange(len(parts) + 1), fill(defects.pop(), rnd, t))
        return " ".join(parts)

    def heading(key: str) -> None:
        blocks.append(("h2", fill(rnd.choice(S.HEADINGS[key]), rnd, t)))

    blocks.append(("p", para(S.CLEAN_WHAT, 1)))
    heading("what")
    blocks.append(("p", para(S.CLEAN_WHAT)))
    heading("how")
    blocks.append(("p", para(S.CLEAN_HOW)))
    blocks.append(("ul", [fill(x, rnd, t) for x in rnd.sample(S.FILLER, 3)]))
    heading("results")
    blocks.append(("p", para(S.CLEAN_RESULTS)))
    heading("safety")
    blocks.append(("p", para(S.CLEAN_SAFETY)))
    heading("price")
    rows = [["Treatment", "Sessions", "Price"]] + [
        [fill(rnd.choice(S.TREATMENTS), rnd, t), str(k), f"£{rnd.randint(9, 60) * 10}"] for k in (1, 3, 6)]
    blocks.append(("table", rows))
    heading("faq")
    for q, a in rnd.sample(S.CLEAN_FAQ, 3):
        blocks.append(("h3", q))
        blocks.append(("p", para([a], 1)))
    while defects:  # whatever did not land in a paragraph goes into a list of highlights
        blocks.insert(rnd.randrange(2, len(blocks)), ("ul", [fill(defects.pop(), rnd, t)]))
    if rnd.random() < 0.08:
        blocks.insert(rnd.randrange(1, len(blocks)), ("p", fill(S.STUFFING, rnd, t).strip()))
    if rnd.random() < 0.08:  # a duplicated paragraph
        ps = [b for b in blocks if b[0] == "p"]
        blocks.append(rnd.choice(ps))
    size = sum(len(str(b[1])) for b in blocks)
    while size < TARGET_BYTES - 600:
        blocks.insert(rnd.randrange(2, len(blocks)), ("p", para(S.FILLER + S.CLEAN_HOW, 3)))
        size = sum(len(str(b[1])) for b in blocks)
    heading("refs")
    blocks.append(("ol", [fill(x, rnd, t) for x in rnd.sample(S.REFERENCES, 3)]))
    return title, blocks


def to_markdown(title: str, blocks: list[tuple[str, object]], i: int) -> str:
    out = []
    if i % 3 == 0:
        out.append(f"---\ntitle: \"{title}\"\ndescription: \"{title} - treatments, prices and aftercare\"\n---\n")
    out.append(f"# {title}\n")
    for kind, body in blocks:
        if kind in ("h2", "h3"):
            out.append(f"{'#' * int(kind[1])} {body}\n")
        elif kind == "p":
            out.append(_wrap(str(body)) + "\n")
        elif kind == "ul":
            out.append("\n".join(f"- {x}" for x in body) + "\n")  # type: ignore[union-attr]
        elif kind == "ol":
            out.append("\n".join(f"{k}. {x}" for k, x in enumerate(body, 1)) + "\n")  # type: ignore[arg-type]
        elif kind == "table":
            rows = body  # type: ignore[assignment]
            out.append("| " + " | ".join(rows[0]) + " |\n|" + "---|" * len(rows[0]) + "\n"
                       + "\n".join("| " + " | ".join(r) + " |" for r in rows[1:]) + "\n")
    out.append("[Book a consultation](https://example.com/book) · [Back to treatments](../index.md)\n")
    return "\n".join(out)


def _wrap(text: str, width: int = 100) -> str:
    lines, cur = [], ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return "\n".join(lines + [cur])


_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def _inline_html(text: str) -> str:
    esc = html.escape(text, quote=False)
    return _MD_LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', esc).replace("*", "")


def to_html(title: str, blocks: list[tuple[str, object]]) -> str:
    body = []
    for kind, b in blocks:
        if kind in ("h2", "h3", "p"):
            body.append(f"<{kind}>{_inline_html(str(b))}</{kind}>")
        elif kind in ("ul", "ol"):
            body.append(f"<{kind}>" + "".join(f"<li>{_inline_html(x)}</li>" for x in b) + f"</{kind}>")  # type: ignore
        elif kind == "table":
            rows = b  # type: ignore[assignment]
            body.append("<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in rows[0]) + "</tr>"
                        + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                                  for r in rows[1:]) + "</table>")
    t = html.escape(title)
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n"
            f"<meta name=\"description\" content=\"{t} - prices and aftercare\">\n"
            "<style>body{font-family:sans-serif}</style>\n<script>window.dataLayer=[];</script>\n</head>\n<body>\n"
            "<nav><a href=\"/\">Home</a> <a href=\"/treatments\">Treatments</a></nav>\n<main>\n"
            f"<h1>{t}</h1>\n" + "\n".join(body) + "\n</main>\n<footer><p>&copy; 2026 Clinic</p></footer>\n"
            "</body>\n</html>\n")


def to_text(title: str, blocks: list[tuple[str, object]]) -> str:
    out = [title, ""]
    for kind, b in blocks:
        if kind in ("h2", "h3", "p"):
            out += [_MD_LINK.sub(r"\1", str(b)), ""]
        elif kind in ("ul", "ol"):
            out += [_MD_LINK.sub(r"\1", f"* {x}") for x in b] + [""]  # type: ignore[union-attr]
        elif kind == "table":
            out += ["  ".join(r) for r in b] + [""]  # type: ignore[union-attr]
    return "\n".join(out)


def generate(out: Path, scale: int = 1) -> dict[str, int]:
    """Write the corpus under `out`; returns counts of files and bytes."""
    counts = {"files": 0, "bytes": 0}

    def write(p: Path, text: str) -> None:
        p.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        p.write_bytes(data)
        counts["files"] += 1
        counts["bytes"] += len(data)

    for i in range(PAGES_PER_SCALE * scale):
        title, blocks = page_blocks(i)
        folder = out / f"site{i // 100:03d}"
        write(folder / f"page{i:05d}.md", to_markdown(title, blocks, i))
        if i % VARIANT_EVERY == 1:
            write(folder / f"page{i:05d}.html", to_html(title, blocks))
        elif i % VARIANT_EVERY == 3:
            write(folder / f"page{i:05d}.txt", to_text(title, blocks))
    return counts


def generate_big(path: Path, megabytes: int) -> int:
    """One Markdown file of about `megabytes` MB: pages one after another."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size, i = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while size < megabytes * 1_000_000:
            title, blocks = page_blocks(i)
            text = to_markdown(title, blocks, 1) + "\n"
            f.write(text)
            size += len(text.encode("utf-8"))
            i += 1
    return size


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--big-mb", type=int, default=0, help="write one Markdown file of this many MB instead")
    a = ap.parse_args(argv)
    if a.big_mb:
        n = generate_big(a.out, a.big_mb)
        print(f"{a.out}: {n / 1e6:.1f} MB")
        return
    c = generate(a.out, a.scale)
    print(f"{a.out}: {c['files']} files, {c['bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
