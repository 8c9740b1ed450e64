"""Loading, validating and compiling YAML rules into a `RuleSet`.

Built-in packs, packs registered by plugins and user directories go through the same loader.
Every error of a rule file is reported at once as `path:line:col: message` (marks come from
PyYAML's composed node tree, semgrep's approach); duplicate keys are rejected.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import yaml

from .examples import parse_examples
from .registry import KindSpec, Registry
from .rule import CompileContext, CompiledRule, Rule

if TYPE_CHECKING:  # slow to import: `_validator` imports it when a rule is validated
    import jsonschema

BASE_KEYS = frozenset(
    "id name aliases kind category severity message description references as_of jurisdiction "
    "scope window languages triggers examples reported_quotes".split()
)


class RuleSpecError(Exception):
    """Raised by a kind's `compile` for a bad option; `path` names the offending key (e.g. ("patterns", 2))."""

    def __init__(self, message: str, path: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.path = tuple(path)


from .ruleyaml import LoadError, RuleLoadError, _mark, load_yaml, node_at  # noqa: E402,F401  (re-exported)


# -- schema ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def base_schema() -> dict:
    return json.loads(resources.files("exolint.schema").joinpath("rule.base.json").read_text("utf-8"))


def kind_schema(spec: KindSpec) -> dict:
    """The full schema of a rule of one kind: the shared fields plus the kind's own, nothing else."""
    base = base_schema()
    schema = dict(base)
    props = dict(base["properties"])
    props.update(spec.schema.get("properties", spec.schema) if "properties" in spec.schema else spec.schema)
    schema["properties"] = props
    schema["required"] = sorted(set(base["required"]) | set(spec.schema.get("required", [])))
    schema["additionalProperties"] = False
    return schema


@lru_cache(maxsize=64)
def _validator(schema_json: str) -> jsonschema.protocols.Validator:
    import jsonschema  # slow to import (~60 ms): only the cold path, which validates YAML, needs it

    schema = json.loads(schema_json)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


# -- loading --------------------------------------------------------------------------------------------
def rule_files(directory: Path) -> list[Path]:
    """Rule files below a directory; `facts/` holds the fact base, not rules; `_*` files are skipped."""
    out = []
    for p in sorted(directory.rglob("*")):
        if p.suffix not in (".yaml", ".yml") or not p.is_file():
            continue
        rel = p.relative_to(directory).parts
        if "facts" in rel[:-1] or p.name.startswith("_") or any(x.startswith(".") for x in rel):
            continue
        out.append(p)
    return out


def parse_rule(data: Any, node: yaml.Node | None, path: Path, registry: Registry,
               pack: str = "") -> tuple[Rule | None, list[LoadError]]:
    sp = str(path)
    if not isinstance(data, dict):
        line, col = _mark(node, ())
        return None, [LoadError(sp, line, col, "a rule must be a mapping with id, name, kind, ...")]
    kind = data.get("kind")
    spec = registry.kinds.get(kind) if isinstance(kind, str) else None
    if spec is None:
        line, col = _mark(node, ("kind",))
        known = ", ".join(sorted(registry.kinds))
        return None, [LoadError(sp, line, col, f"kind: unknown rule kind {kind!r}; known kinds: {known}")]
    assert isinstance(kind, str)  # a kind that is no string has no spec
    validator = _validator(json.dumps(kind_schema(spec), sort_keys=True))
    errors = []
    for err in sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        where = "/".join(map(str, err.absolute_path)) or "(rule)"
        keys = list(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = [k for k in data if k not in kind_schema(spec)["properties"]] if not keys else []
            if extra:
                keys = [extra[0]]
                where = extra[0]
                msg = f"unknown key {extra[0]!r} for a rule of kind {kind!r}"
                line, col = _mark(node, keys)
                errors.append(LoadError(sp, line, col, f"{where}: {msg}"))
                continue
        line, col = _mark(node, keys)
        errors.append(LoadError(sp, line, col, f"{where}: {err.message}"))
    if errors:
        return None, errors
    try:
        bad, good = parse_examples(data["examples"])
    except ValueError as exc:
        line, col = _mark(node, ("examples",))
        return None, [LoadError(sp, line, col, f"examples: {exc}")]
    scope = data.get("scope")
    if isinstance(scope, str):
        scope = [scope]
    jur = data.get("jurisdiction", ())
    if isinstance(jur, str):
        jur = (jur,)
    rule = Rule(
        id=data["id"], name=data["name"], kind=kind, category=data["category"],
        severity=data["severity"], message=data["message"], description=data["description"],
        path=path, options={k: v for k, v in data.items() if k not in BASE_KEYS},
        references=tuple(data.get("references", ())), scope=frozenset(scope) if scope else None,
        window=data.get("window", "sentence"), languages=tuple(data.get("languages", ("en",))),
        reported_quotes=data.get("reported_quotes", "skip"),
        jurisdiction=tuple(j.lower() for j in jur), aliases=tuple(data.get("aliases", ())),
        as_of=data.get("as_of"), bad=bad, good=good, pack=pack, raw=data,
    )
    return rule, []


def load_rule_file(path: Path, registry: Registry,
                   pack: str = "") -> tuple[list[Rule], list[LoadError], yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [LoadError(str(path), 1, 1, f"cannot read rule file: {exc}")], None
    try:
        data, node = load_yaml(text, str(path))
    except RuleLoadError as exc:
        return [], exc.errors, None
    if isinstance(data, dict) and "rules" in data and "id" not in data:
        items = data["rules"] if isinstance(data["rules"], list) else []
        rules, errors = [], []
        for i, item in enumerate(items):
            sub = node_at(node, ("rules", i))
            r, errs = parse_rule(item, sub, path, registry, pack)
            errors += errs
            if r:
                rules.append(r)
        return rules, errors, node
    rule, errors = parse_rule(data, node, path, registry, pack)
    return ([rule] if rule else []), errors, node


@dataclass
class RuleSet:
    """Rules compiled once per run; selection returns a new RuleSet sharing the compiled rules."""

    rules: list[CompiledRule]
    context: CompileContext = field(default_factory=CompileContext)

    def __post_init__(self) -> None:
        self.by_id = {c.rule.id: c for c in self.rules}

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self):
        return iter(self.rules)

    def filter(self, keep) -> "RuleSet":
        return RuleSet([c for c in self.rules if keep(c.rule)], self.context)


def compile_rule(rule: Rule, registry: Registry, ctx: CompileContext) -> CompiledRule:
    """One rule compiled by its kind, after its `$name` list items are replaced by the fact base's
    vocabularies (`exolint.vocabularies`). Raises RuleSpecError."""
    from .vocabularies import expand

    # with no fact base a `$name` is still an error, not a literal
    rule = expand(rule, getattr(ctx.facts, "vocabularies", None) or {})
    return registry.kinds[rule.kind].compile(rule, ctx)


def compile_rules(rules: list[Rule], nodes: dict[Path, yaml.Node | None], registry: Registry,
                  ctx: CompileContext) -> tuple[list[CompiledRule], list[LoadError]]:
    compiled, errors = [], []
    for rule in rules:
        try:
            compiled.append(compile_rule(rule, registry, ctx))
        except RuleSpecError as exc:
            line, col = _mark(nodes.get(rule.path), exc.path)
            errors.append(LoadError(str(rule.path), line, col, f"{'/'.join(map(str, exc.path)) or rule.id}: {exc}"))
    return compiled, errors


def load_ruleset(registry: Registry, extra_dirs: Sequence[Path | str] = (), *, builtin: bool = True,
                 ctx: CompileContext | None = None) -> RuleSet:
    """Load every pack (built-in and plugin-registered) and user directory; raise RuleLoadError with
    all errors of all files, or return the compiled RuleSet."""
    from .facts import load_facts

    ctx = ctx or CompileContext()
    dirs: list[tuple[str, Path]] = []
    if builtin:
        dirs += [(name, spec.path) for name, spec in registry.packs.items()]
    for d in extra_dirs:
        d = Path(d)
        if not d.is_dir():
            raise RuleLoadError([LoadError(str(d), 1, 1, "rule directory does not exist")])
        dirs.append(("user", d))
    rules: list[Rule] = []
    errors: list[LoadError] = []
    nodes: dict[Path, yaml.Node | None] = {}
    for pack, d in dirs:
        for f in rule_files(d):
            rs, errs, node = load_rule_file(f, registry, pack)
            rules += rs
            errors += errs
            nodes[f] = node
    seen: dict[str, Rule] = {}
    for r in rules:
        if r.id in seen:
            line, col = _mark(nodes.get(r.path), ("id",))
            errors.append(LoadError(str(r.path), line, col, f"id: {r.id} is already used by {seen[r.id].path}"))
        seen[r.id] = r
    if ctx.facts is None:
        ctx.facts, fact_errors = load_facts([d for _, d in dirs], today=ctx.today)
        errors += fact_errors
    if errors:
        raise RuleLoadError(sorted(errors, key=lambda e: (e.path, e.line, e.column)))
    compiled, errors = compile_rules(rules, nodes, registry, ctx)
    if errors:
        raise RuleLoadError(errors)
    compiled.sort(key=lambda c: c.rule.id)
    return RuleSet(compiled, ctx)


def with_options(rule: Rule, overrides: dict[str, Any]) -> Rule:
    """A copy of a rule with configuration overrides (`rule-options`) for window, scope or kind keys."""
    opts = dict(rule.options)
    changes: dict[str, Any] = {}
    for k, v in overrides.items():
        if k == "window":
            changes["window"] = v
        elif k == "scope":
            changes["scope"] = frozenset([v] if isinstance(v, str) else v)
        elif k == "severity":
            changes["severity"] = v
        else:
            opts[k] = v
    return replace(rule, options=opts, **changes)


def compile_rule_file(path: Path | str, registry: Registry | None = None,
                      ctx: CompileContext | None = None) -> CompiledRule:
    """Load, validate and compile the one rule in a file (for tools and tests that try one rule).
    Without a fact base in `ctx`, the rule reads that of its pack: the nearest of the file's directory
    and the two above it that holds a `facts/` directory (`rules/<topic>/X.yaml` -> `rules/facts`)."""
    from .facts import load_facts
    from .registry import get_registry

    registry = registry or get_registry()
    rules, errors, node = load_rule_file(Path(path), registry)
    if not errors and len(rules) != 1:
        errors = [LoadError(str(path), 1, 1, f"expected one rule, found {len(rules)}")]
    if errors:
        raise RuleLoadError(errors)
    ctx = ctx or CompileContext()
    if ctx.facts is None:
        pack = next((d for d in Path(path).resolve().parents[:3] if (d / "facts").is_dir()), None)
        if pack is not None:
            ctx.facts, errors = load_facts([pack], today=ctx.today)
            if errors:
                raise RuleLoadError(errors)
    compiled, errors = compile_rules(rules, {Path(path): node}, registry, ctx)
    if errors:
        raise RuleLoadError(errors)
    return compiled[0]
