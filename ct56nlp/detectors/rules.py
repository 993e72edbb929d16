"""Rule/lexicon detectors whose cue phrases and patterns live in data files.

Each rule in ``ct56nlp/data/rules/*.toml`` has an ``id``, an ``indicator``, a ``weight`` (the score
it contributes, 0–1), a Vietnamese ``message``, one or more ``patterns`` (regular expressions over
the lower-cased passage), and optionally ``requires`` (another pattern that must also match) and
``unless`` (patterns that silence it — a date that turns "sẽ trả lời" into a firm promise, a
mention of the directive itself).  Rules are validated on load; an error names the file and the
rule.  They double as labelling functions: :mod:`ct56nlp.ml.evaluate` reports each rule's
coverage, overlap, conflicts and precision on a labelled corpus.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..indicators import CODES
from ..types import Finding, Span
from .base import Context, Detector, PassageView, make_finding

__all__ = ["Rule", "RuleDetector", "load_rules", "parse_rules"]

@dataclass(frozen=True)
class Rule:
    id: str
    indicator: int
    weight: float
    message: str
    patterns: tuple[re.Pattern[str], ...]
    requires: tuple[re.Pattern[str], ...] = ()
    unless: tuple[re.Pattern[str], ...] = ()
    source: str = ""

    def match(self, folded: str) -> re.Match[str] | None:
        """The first cue match, if the rule fires on ``folded`` (lower-cased passage text)."""
        if any(u.search(folded) for u in self.unless):
            return None
        if self.requires and not all(r.search(folded) for r in self.requires):
            return None
        for p in self.patterns:
            m = p.search(folded)
            if m:
                return m
        return None


def _compile(patterns: object, where: str) -> tuple[re.Pattern[str], ...]:
    if isinstance(patterns, str):
        patterns = [patterns]
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{where}: patterns must be a string or a list of strings")
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p))
        except re.error as exc:
            raise ConfigError(f"{where}: invalid regular expression {p!r} ({exc})") from exc
    return tuple(out)


def parse_rules(text: str, origin: str) -> list[Rule]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML ({exc})") from exc
    defaults_unless = data.get("unless_all", [])
    rules = []
    for i, raw in enumerate(data.get("rule", [])):
        rid = raw.get("id") or f"#{i + 1}"
        where = f"{origin}, rule {rid}"
        missing = {"id", "indicator", "weight", "message", "patterns"} - raw.keys()
        if missing:
            raise ConfigError(f"{where}: missing {', '.join(sorted(missing))}")
        if raw["indicator"] not in CODES:
            raise ConfigError(f"{where}: indicator must be 1-11, not {raw['indicator']!r}")
        weight = raw["weight"]
        if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
            raise ConfigError(f"{where}: weight must be in (0, 1]")
        unless = list(raw.get("unless", [])) + ([] if raw.get("ignore_directive_context") else list(defaults_unless))
        rules.append(
            Rule(
                id=rid,
                indicator=int(raw["indicator"]),
                weight=float(weight),
                message=str(raw["message"]),
                patterns=_compile(raw["patterns"], where),
                requires=_compile(raw.get("requires", []), where),
                unless=_compile(unless, where),
                source=origin,
            )
        )
    ids = [r.id for r in rules]
    dup = {x for x in ids if ids.count(x) > 1}
    if dup:
        raise ConfigError(f"{origin}: duplicate rule ids {sorted(dup)}")
    return rules


def load_rules(paths: Sequence[str | Path] | None = None) -> list[Rule]:
    """The shipped rules (``ct56nlp/data/rules/*.toml``), or those in ``paths``."""
    rules: list[Rule] = []
    if paths is None:
        folder = resources.files("ct56nlp").joinpath("data", "rules")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                rules.extend(parse_rules(entry.read_text("utf-8"), entry.name))
    else:
        for p in paths:
            try:
                rules.extend(parse_rules(Path(p).read_text("utf-8"), str(p)))
            except OSError as exc:
                raise ConfigError(f"cannot read rule file {p}: {exc}") from exc
    ids = [r.id for r in rules]
    dup = {x for x in ids if ids.count(x) > 1}
    if dup:
        raise ConfigError(f"rule ids used twice across files: {sorted(dup)}")
    return rules


class RuleDetector(Detector):
    """Fires the data-driven rules on each passage; each rule's weight is its score."""

    name = "rules"
    indicators = tuple(CODES)

    def __init__(self, rules: Sequence[Rule] | None = None, paths: Sequence[str | Path] | None = None) -> None:
        self.rules = list(rules) if rules is not None else load_rules(paths)

    def matches(self, folded: str) -> list[tuple[Rule, re.Match[str]]]:
        out = []
        for rule in self.rules:
            m = rule.match(folded)
            if m:
                out.append((rule, m))
        return out

    def detect(self, view: PassageView, context: Context) -> Iterable[Finding]:
        for rule, m in self.matches(view.folded):
            cue = Span(view.span.start + m.start(), view.span.start + m.end())
            yield make_finding(self.name, rule.indicator, view, rule.weight, rule.message, rule=rule.id, cue=cue)
