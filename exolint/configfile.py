"""Configuration files: finding the one that applies to a file, reading and validating it.

As in Ruff, the nearest `.exolint.yaml`, `.exolint.yml` or `pyproject.toml` with a `[tool.exolint]`
table in a file's folder or above applies to it, alone: files are never merged implicitly, only
through an explicit `extends: path`, so what applies to a page can be read off one file (and
`exolint check --show-settings PAGE`). Errors are reported as `file:line:col: message`.
"""
from __future__ import annotations

import codecs
import json
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .config import Settings

if TYPE_CHECKING:
    from .ruleset import LoadError

# `.ruleset` (YAML, the rule schema) is imported where a configuration file is actually read:
# a run with no configuration file, or one served from the result cache, does not pay for it

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_NAMES = (".exolint.yaml", ".exolint.yml", "pyproject.toml")
#: keys whose values are lists on the command line too; the others are single values
LIST_KEYS = ("select", "extend-select", "ignore", "rules", "jurisdictions", "exclude", "extend-exclude",
             "frontmatter-keys")


class ConfigError(Exception):
    """One or more configuration files are invalid; `errors` has them all (exit status 2)."""

    def __init__(self, errors: list[LoadError]) -> None:
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


@dataclass
class ConfigFile:
    """A loaded configuration: its own keys over those of the file it `extends`."""

    path: Path
    data: dict[str, Any]
    #: where each key came from (a key of an extended file is reported against that file)
    origin: dict[str, Path] = field(default_factory=dict)
    node: Any = None  # YAML node tree of `path`, for marks

    @property
    def root(self) -> Path:
        return self.path.parent

    def where(self, keys: Iterable[Any]) -> tuple[str, int, int]:
        """`(file, line, column)` of a key path, for error messages about values."""
        keys = list(keys)
        path = self.origin.get(keys[0], self.path) if keys else self.path
        if path != self.path:
            return str(path), 1, 1
        return (str(path), *_position(self.path, self.node, keys))


@lru_cache(maxsize=1)
def config_schema() -> dict:
    from importlib import resources

    return json.loads(resources.files("exolint.schema").joinpath("config.json").read_text("utf-8"))


def _position(path: Path, node: Any, keys: list[Any]) -> tuple[int, int]:
    if path.name == "pyproject.toml":
        return _toml_position(path, keys)
    from .ruleset import node_at

    n = node_at(node, keys)
    return (n.start_mark.line + 1, n.start_mark.column + 1) if n is not None else (1, 1)


def _key_mark(node: Any, key: Any) -> tuple[int, int] | None:
    """Where a key itself (not its value) is written in a YAML mapping."""
    for k, _ in getattr(node, "value", ()):
        if getattr(k, "value", None) == key:
            return k.start_mark.line + 1, k.start_mark.column + 1
    return None


def _toml_position(path: Path, keys: list[Any]) -> tuple[int, int]:
    """Line of a key inside `[tool.exolint]` (a plain line scan: tomllib keeps no positions)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return (1, 1)
    in_table, table_line = False, None
    key = str(keys[0]) if keys else None
    for i, line in enumerate(lines, 1):
        s = line.strip()
        if s.startswith("["):
            name = s.strip("[]").strip()
            in_table = name == "tool.exolint" or name.startswith("tool.exolint.")
            if in_table and table_line is None:
                table_line = i
            if key and name in (f"tool.exolint.{key}", f'tool.exolint."{key}"'):
                return (i, 1)
            continue
        if in_table and key and (s.startswith(f"{key} ") or s.startswith(f"{key}=") or s.startswith(f'"{key}"')):
            return (i, line.index(s[0]) + 1)
    return (table_line or 1, 1)


def _read(path: Path) -> tuple[dict[str, Any] | None, Any]:
    """Raw keys of one file (None: a pyproject.toml without `[tool.exolint]`) and its YAML nodes.
    From `.ruleyaml`, not `.ruleset` (rule schema and examples): every run reads the pyproject.toml above it."""
    from .ruleyaml import LoadError

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([LoadError(str(path), 1, 1, f"cannot read configuration file: {exc}")]) from None
    if path.suffix == ".toml":
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line, col = getattr(exc, "lineno", 1) or 1, getattr(exc, "colno", 1) or 1
            raise ConfigError([LoadError(str(path), line, col, f"invalid TOML: {exc}")]) from None
        table = doc.get("tool", {}).get("exolint")
        return (table if isinstance(table, dict) else None), None
    from .ruleyaml import RuleLoadError, load_yaml

    try:
        data, node = load_yaml(text, str(path))
    except RuleLoadError as exc:
        raise ConfigError(exc.errors) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError([LoadError(str(path), 1, 1, "a configuration must be a mapping of keys")])
    return data, node


def validate(data: dict[str, Any], path: Path, node: Any = None) -> list[LoadError]:
    """Schema errors, then value errors the schema cannot express (an unknown encoding)."""
    import jsonschema  # only when a configuration file is read: it is slow to import

    from .ruleset import LoadError

    validator = jsonschema.Draft202012Validator(config_schema())
    errors = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        keys = list(err.absolute_path)
        msg = err.message
        if err.validator == "additionalProperties" and not keys:
            extra = sorted(k for k in data if k not in config_schema()["properties"])
            keys, msg = extra[:1], f"unknown key {extra[0]!r}" if extra else msg
            known = ", ".join(sorted(config_schema()["properties"]))
            msg += f"; known keys: {known}"
        line, col = _position(path, node, keys)
        if err.validator == "additionalProperties" and node is not None and keys:
            line, col = _key_mark(node, keys[0]) or (line, col)
        where = "/".join(map(str, keys))
        errors.append(LoadError(str(path), line, col, f"{where}: {msg}" if where else msg))
    enc = data.get("encoding")
    if isinstance(enc, str):
        try:
            codecs.lookup(enc)
        except LookupError:
            line, col = _position(path, node, ["encoding"])
            errors.append(LoadError(str(path), line, col, f"encoding: unknown encoding {enc!r}"))
    return errors


def load_config(path: Path, _seen: tuple[Path, ...] = ()) -> ConfigFile:
    """A configuration file with its `extends` chain applied; raises ConfigError."""
    from .ruleset import LoadError

    path = path.resolve()
    if path in _seen:
        chain = " -> ".join(str(p) for p in (*_seen, path))
        raise ConfigError([LoadError(str(_seen[-1]), 1, 1, f"extends: circular chain {chain}")])
    data, node = _read(path)
    if data is None:
        raise ConfigError([LoadError(str(path), 1, 1, "no [tool.exolint] table in this file")])
    errors = validate(data, path, node)
    if errors:
        raise ConfigError(errors)
    data = dict(data)
    for key in ("rules",):  # directories are relative to the file that names them
        if key in data:
            data[key] = [str((path.parent / d).resolve()) for d in data[key]]
    if "cache-dir" in data:
        data["cache-dir"] = str((path.parent / data["cache-dir"]).resolve())
    origin = {k: path for k in data}
    if "extends" in data:
        target = (path.parent / data.pop("extends")).resolve()
        if not target.is_file():
            line, col = _position(path, node, ["extends"])
            raise ConfigError([LoadError(str(path), line, col, f"extends: no such file {str(target)!r}")])
        base = load_config(target, (*_seen, path))
        merged = dict(base.data)
        merged.update(data)
        origin = {**base.origin, **{k: path for k in data}}
        data = merged
    return ConfigFile(path, data, origin, node)


def is_config(path: Path) -> bool:
    """Whether a candidate file is an exolint configuration (pyproject.toml only with its table)."""
    if not path.is_file():
        return False
    if path.name != "pyproject.toml":
        return True
    try:
        return _read(path)[0] is not None
    except ConfigError:
        return True  # a broken pyproject is reported, not silently passed over


class ConfigFinder:
    """Nearest configuration per folder, each folder and file looked at once per run."""

    def __init__(self) -> None:
        self._by_dir: dict[Path, Path | None] = {}
        self._given: dict[Path, tuple[Path | None]] = {}
        self._loaded: dict[Path, ConfigFile] = {}

    def find(self, directory: Path) -> Path | None:
        given = self._given.get(directory)
        if given is not None:
            return given[0]
        found = self._find(directory)
        self._given[directory] = (found,)
        return found

    def _find(self, directory: Path) -> Path | None:
        directory = directory.resolve()
        walked = []
        found: Path | None = None
        for d in (directory, *directory.parents):
            if d in self._by_dir:
                found = self._by_dir[d]
                break
            walked.append(d)
            hit = next((d / n for n in CONFIG_NAMES if is_config(d / n)), None)
            if hit is not None:
                found = hit
                break
        for d in walked:
            self._by_dir[d] = found
        if found is not None:
            self._by_dir[found.parent] = found
        return found

    def load(self, path: Path) -> ConfigFile:
        path = path.resolve()
        if path not in self._loaded:
            self._loaded[path] = load_config(path)
        return self._loaded[path]


def settings_for(config: ConfigFile | None, overrides: dict[str, Any]) -> Settings:
    """The config's keys with the command line's over them: `select`, `format`, `encoding`... replace;
    `extend-select`, `ignore` and `rules` add to the configuration's."""
    data: dict[str, Any] = dict(config.data) if config else {}
    for key, value in overrides.items():
        if value is None or value == () or value == []:
            continue
        if key in ("extend-select", "ignore", "rules", "extend-exclude"):
            data[key] = [*data.get(key, ()), *value]
        else:
            data[key] = value
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        attr = key.replace("-", "_")
        if key in LIST_KEYS:
            value = tuple(value)
        elif key == "per-file-ignores":
            value = {g: tuple(ids) for g, ids in value.items()}
        kwargs[attr] = value
    kwargs["config_file"] = str(config.path) if config else None
    return Settings(**kwargs)
