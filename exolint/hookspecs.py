"""What a plugin may register. Every hook takes a `register` callback (the simonw/llm style), so the
core owns the registries, rejects duplicates and records which plugin supplied what.

There is deliberately no per-document hook: formats, kinds and reporters are collected once per
run and called directly, so the hot path never dispatches through pluggy.
"""
from __future__ import annotations

from typing import Any, Callable, TypeVar, cast

import pluggy

F = TypeVar("F", bound=Callable[..., Any])

hookspec = pluggy.HookspecMarker("exolint")
hookimpl = cast(Callable[[F], F], pluggy.HookimplMarker("exolint"))


@hookspec
def register_formats(register: Callable[..., None]) -> None:
    """Register document formats.

    `register(name, parse, *, extensions=(), description="")` where
    `parse(source: str, path: str, options: dict) -> Document` builds the prose and its offset map
    (see `exolint.document.DocumentBuilder`). `extensions` are lower-case, with the dot.
    """


@hookspec
def register_rule_kinds(register: Callable[..., None]) -> None:
    """Register rule kinds (the `kind:` of a YAML rule).

    `register(name, compile, *, schema, doc="")` where `compile(rule: Rule, ctx: CompileContext)
    -> CompiledRule` and `schema` is a JSON Schema `properties` mapping for the kind's own keys.
    """


@hookspec
def register_reporters(register: Callable[..., None]) -> None:
    """Register output formats: `register(name, factory)`; `factory(stream, options) -> Reporter`."""


@hookspec
def register_rule_packs(register: Callable[..., None]) -> None:
    """Register directories of YAML rule files: `register(name, path)`."""


@hookspec(firstresult=True)
def detect_format(path: str, sample: bytes) -> str | None:
    """Name the format of a file whose extension does not; the first non-None answer wins."""
