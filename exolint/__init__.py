"""exolint: a linter for health and aesthetic-medicine content."""
from __future__ import annotations

__version__ = "0.1.0"

from .hookspecs import hookimpl  # noqa: E402

__all__ = ["__version__", "hookimpl", "lint_text", "lint_paths", "lint"]


def __getattr__(name: str):
    # The API pulls in the engine; keep `import exolint` (and plugin imports of `hookimpl`) light.
    if name in ("lint_text", "lint_paths", "lint"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
