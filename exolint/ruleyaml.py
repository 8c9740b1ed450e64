"""Reading rule YAML with positions: duplicate keys rejected, every node's line and column kept.

Semantic errors found later (schema, regex, unknown kind) are mapped back to `path:line:col`
through the composed node tree, as semgrep does.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import yaml


@dataclass(frozen=True)
class LoadError:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class RuleLoadError(Exception):
    """One or more rule files are invalid; `errors` has them all."""

    def __init__(self, errors: list[LoadError]) -> None:
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


class _StrictLoader(yaml.SafeLoader):
    pass


def _no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, yaml.Node] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})",
                key_node.start_mark)
        seen[key] = key_node
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)
# dates stay strings: a rule's `as_of` is compared as ISO text, and JSON Schema sees strings
_StrictLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, path: str) -> tuple[Any, yaml.Node | None]:
    """Data and composed node tree (for marks). Raises RuleLoadError on a syntax error."""
    try:
        node = yaml.compose(text, Loader=_StrictLoader)
        data = yaml.load(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise RuleLoadError([LoadError(path, line, col, msg)]) from None
    except yaml.YAMLError as exc:
        raise RuleLoadError([LoadError(path, 1, 1, str(exc))]) from None
    return data, node


def node_at(node: yaml.Node | None, keys: Iterable[Any]) -> yaml.Node | None:
    """The node at a JSON path, or the deepest one that exists (for marks)."""
    for key in keys:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == key), None)
            if nxt is None:
                return node
            node = nxt
        else:
            return node
    return node


def _mark(node: yaml.Node | None, keys: Iterable[Any]) -> tuple[int, int]:
    n = node_at(node, keys)
    if n is None:
        return (1, 1)
    return n.start_mark.line + 1, n.start_mark.column + 1


