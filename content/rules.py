"""Conditions over the whole profile: all / any / not over profile facts.

A profile is turned into a set of plain fact strings (see workbook/tags.py),
such as "hr:positive", "her2:negative", "esr1:unknown" or "site:liver".
Content writes conditions over those facts, so "HR-positive and HER2-negative"
is `{all = ["hr:positive", "her2:negative"]}`. A condition only ever decides
what is *highlighted*; nothing is hidden because of it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

BIOMARKERS = ("esr1", "pik3ca_akt1_pten", "brca", "pdl1")
SITES = ("bone", "lung", "liver", "brain", "lymph_nodes", "skin", "other")

# Every fact a profile can produce. "unknown" means not given, not sure or not
# tested; "known" means a clear yes or no. HER2 low, ultralow and zero are also
# "her2:negative" (not HER2-positive).
FACTS = frozenset(
    {f"hr:{v}" for v in ("positive", "negative", "unknown")}
    | {f"her2:{v}" for v in ("positive", "low", "ultralow", "zero", "negative", "unknown")}
    | {f"{m}:{v}" for m in BIOMARKERS for v in ("yes", "no", "not_tested", "not_sure", "unknown", "known")}
    | {f"menopause:{v}" for v in ("before", "after", "not_sure", "does_not_apply", "unknown")}
    | {f"site:{s}" for s in SITES}
)


class Condition(BaseModel):
    """all: every part holds; any: at least one holds; not: this part does not hold.

    A part is a fact string or another condition. Keys given together must all hold.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    all: tuple[str | Condition, ...] = ()
    any: tuple[str | Condition, ...] = ()
    not_: str | Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if not (self.all or self.any or self.not_ is not None):
            raise ValueError("a condition needs 'all', 'any' or 'not'")
        return self

    @field_validator("all", "any")
    @classmethod
    def _known_parts(cls, parts: tuple[str | Condition, ...]) -> tuple[str | Condition, ...]:
        for part in parts:
            _check_fact(part)
        return parts

    @field_validator("not_")
    @classmethod
    def _known_not(cls, part: object) -> object:
        if part is not None:
            _check_fact(part)
        return part

    def holds(self, facts: frozenset[str]) -> bool:
        return (
            all(_holds(p, facts) for p in self.all)
            and (not self.any or any(_holds(p, facts) for p in self.any))
            and (self.not_ is None or not _holds(self.not_, facts))
        )

    def facts_used(self) -> set[str]:
        parts = list(self.all) + list(self.any) + ([self.not_] if self.not_ is not None else [])
        used: set[str] = set()
        for p in parts:
            used |= {p} if isinstance(p, str) else p.facts_used()
        return used


def _check_fact(part: object) -> None:
    if isinstance(part, str) and part not in FACTS:
        raise ValueError(f"unknown fact '{part}'; facts look like 'hr:positive', 'esr1:unknown', 'site:bone'")


def _holds(part: str | Condition, facts: frozenset[str]) -> bool:
    return part in facts if isinstance(part, str) else part.holds(facts)


def holds(condition: Condition | None, facts: frozenset[str]) -> bool:
    """No condition never flags: highlighting needs a reason."""
    return condition is not None and condition.holds(facts)
