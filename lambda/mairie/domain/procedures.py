"""Which answer fits a resident's case for an identity document."""

from __future__ import annotations

from dataclasses import dataclass

from mairie.catalogue.model import AgeGroup, Procedure, ProcedureCase, Situation

ADULT_AGE = 18


@dataclass(frozen=True)
class CaseQuery:
    """What the resident told us; any part may be unknown."""

    situation: Situation | None = None
    age: int | None = None
    for_child: bool = False

    @property
    def age_group(self) -> AgeGroup | None:
        if self.age is not None:
            return AgeGroup.ADULT if self.age >= ADULT_AGE else AgeGroup.MINOR
        return AgeGroup.MINOR if self.for_child else None


def find_case(procedure: Procedure, query: CaseQuery) -> ProcedureCase | None:
    """The most specific case matching the query, or None when the query says too little.

    A case matches when the query's situation and age group are among the case's, and the age
    (if known) falls within the case's bounds. Without a situation, renewal is assumed only when
    the age group is known (the most common request); without either, no case is chosen.
    """
    situation = query.situation
    group = query.age_group
    if situation is None and group is None:
        return None
    situation = situation or Situation.RENEWAL
    group = group or AgeGroup.ADULT
    for case in procedure.cases:
        if situation not in case.situations or group not in case.age_groups:
            continue
        if query.age is not None and not _age_fits(case, query.age):
            continue
        return case
    return None


def _age_fits(case: ProcedureCase, age: int) -> bool:
    if case.min_age is not None and age < case.min_age:
        return False
    return not (case.max_age is not None and age > case.max_age)
