"""Applying fixes to a text, and writing fixed files back without ever leaving a half-written one.

Fixes are non-overlapping replacements applied back to front; a fix that overlaps one already
chosen waits for the next pass (the caller re-lints and loops). A file is written through a
temporary file in its own folder, fsynced and moved over the original with `os.replace`, so a
crash, a full disk or a killed process leaves either the old file or the new one. The bytes go
back in the file's own encoding, with its BOM, its newlines (offsets are on the decoded text,
which keeps `\\r\\n`) and its permission bits.
"""
from __future__ import annotations

import codecs
import difflib
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

from .finding import Finding, Replacement

_BOMS = (  # longest first: a UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class FixError(Exception):
    """A file's fixes could not be written (it was left as it was)."""


class FileChangedError(FixError):
    """The file changed on disk after exolint read it; writing would lose someone's edit."""


def select_fixes(findings: Iterable[Finding], *, unsafe: bool = False) -> tuple[list[Replacement], list[Finding]]:
    """Replacements to apply now and the findings they fix; a finding is fixed whole or not at all."""
    chosen: list[Replacement] = []
    fixed: list[Finding] = []
    cands = [f for f in findings if f.fix is not None and f.fix.replacements and (f.fix.safe or unsafe)]
    # (every candidate has a fix, which the type checker cannot tell from the filter above)
    cands.sort(key=lambda f: min((r.start, r.end) for r in f.fix.replacements))  # type: ignore[union-attr]
    for f in cands:
        reps = sorted(f.fix.replacements, key=lambda r: (r.start, r.end))  # type: ignore[union-attr]
        if (any(_overlap(r, c) for r in reps for c in chosen)
                or any(_overlap(a, b) for a, b in zip(reps, reps[1:], strict=False))):
            continue  # overlapping fixes: the first wins, the rest wait for the next pass
        chosen.extend(reps)
        fixed.append(f)
    chosen.sort(key=lambda r: (r.start, r.end))
    return chosen, fixed


def _overlap(a: Replacement, b: Replacement) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash only at the same point or inside
        return (a.start == b.start) or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def apply_replacements(text: str, reps: list[Replacement]) -> str:
    parts, last = [], 0
    for r in sorted(reps, key=lambda r: (r.start, r.end)):
        parts += [text[last:r.start], r.text]
        last = r.end
    parts.append(text[last:])
    return "".join(parts)


def apply_fixes(text: str, findings: Iterable[Finding], *, unsafe: bool = False) -> str:
    """The text with every non-overlapping (safe, or also unsafe) fix applied, in one pass."""
    reps, _ = select_fixes(findings, unsafe=unsafe)
    return apply_replacements(text, reps)


# -- encoding back ---------------------------------------------------------------------------------
def encode_like(new_text: str, original: bytes, old_text: str, fallback: str | Sequence[str] | None = None) -> bytes:
    """`new_text` as bytes the way `original` was written: same codec, same BOM.

    The codec is the BOM's, else the `fallback` ones (what `exolint.decode.detect` tried: a
    declared charset, the configured encoding), else UTF-8; it is only
    trusted when it turns `original` back into exactly `old_text`, so a file whose decoding
    exolint cannot reproduce is never rewritten.
    """
    bom, codec = b"", None
    for mark, name in _BOMS:
        if original.startswith(mark):
            bom, codec = mark, name
            break
    body = original[len(bom):]
    extra = [fallback] if isinstance(fallback, str) else list(fallback or ())
    candidates = [codec] if codec else [*extra, "utf-8"]
    old = old_text[1:] if old_text.startswith("\ufeff") else old_text
    new = new_text[1:] if new_text.startswith("\ufeff") else new_text
    for name in candidates:
        try:
            if body.decode(name) != old:
                continue
            return bom + new.encode(name)
        except UnicodeDecodeError:
            continue
        except UnicodeEncodeError as exc:
            raise FixError(f"the fixed text cannot be written in {name}: {exc.reason}") from None
    raise FixError("cannot tell which encoding reproduces the file exactly; fixes not written "
                   "(set `encoding` in the configuration)")


# -- writing ----------------------------------------------------------------------------------------
def atomic_write(path: str | Path, data: bytes, *, expected: bytes | None) -> None:
    """Replace `path` with `data` atomically, keeping its mode.

    With `expected`, the file must still hold exactly those bytes right before the replace
    (raises FileChangedError otherwise). On any failure the original is intact and the temporary
    file is gone.
    """
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".exolint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if expected is not None and path.read_bytes() != expected:
            raise FileChangedError(f"{path}: changed on disk while exolint was fixing it; not written")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def unified_diff(path: str, old: str, new: str) -> str:
    """A `diff -u` of a fix, with git's a/ and b/ prefixes, for `--diff`."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, f"a/{path}", f"b/{path}"):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
