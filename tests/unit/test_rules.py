"""Conditions over profile facts: all / any / not, nested, validated."""

import pytest
from pydantic import ValidationError

from content.rules import Condition, holds


def cond(data: dict) -> Condition:
    return Condition.model_validate(data)


def test_all_any_not_and_nesting():
    c = cond({"all": ["hr:positive", {"any": ["site:liver", "site:lung"]}], "not": "her2:positive"})
    assert c.holds(frozenset({"hr:positive", "site:lung"}))
    assert not c.holds(frozenset({"hr:positive", "site:lung", "her2:positive"}))
    assert not c.holds(frozenset({"hr:positive"}))
    assert c.facts_used() == {"hr:positive", "site:liver", "site:lung", "her2:positive"}


def test_no_condition_never_flags():
    assert not holds(None, frozenset({"hr:positive"}))


@pytest.mark.parametrize(
    "bad", [{}, {"all": ["left_handed"]}, {"any": [{"not": "hr:maybe"}]}, {"some": ["hr:positive"]}]
)
def test_bad_conditions_are_refused(bad):
    with pytest.raises(ValidationError):
        cond(bad)
