"""Which answer fits a resident's case for an identity document, and what to ask when it is unclear."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from mairie.catalogue.model import AgeGroup, Procedure, ProcedureCase, Situation

ADULT_AGE = 18


class Detail(StrEnum):
    """What the skill may ask to choose a case (the names of the intent's slots)."""

    SITUATION = "situation"
    PERSON = "person"
    AGE = "age"


@dataclass(frozen=True)
class CaseQuery:
    """What the resident told us; any part may be unknown."""

    situation: Situation | None = None
    age: int | None = None
    for_child: bool = False
    for_self: bool = False

    @property
    def age_group(self) -> AgeGroup | None:
        if self.age is not None:
            return AgeGroup.ADULT if self.age >= ADULT_AGE else AgeGroup.MINOR
        if self.for_child:
            return AgeGroup.MINOR
        return AgeGroup.ADULT if self.for_self else None


def find_case(procedure: Procedure, query: CaseQuery) -> ProcedureCase | None:
    """The most specific case matching the query, or None when the query says too little.

    A case matches when the query's situation and age group are among the case's, and the age
    (if known) falls within the case's bounds. Without a situation, renewal is assumed only when
    the age group is known (the most common request); without an age group, an adult is assumed
    only when the situation is known ("j'ai perdu ma carte"); without either, no case is chosen.
    A minor without an age gets a case only when no other case differs by age.
    """
    situation = query.situation
    group = query.age_group
    if situation is None and group is None:
        return None
    situation = situation or Situation.RENEWAL
    group = group or AgeGroup.ADULT
    candidates = _candidates(procedure, situation, group)
    if query.age is None:
        return candidates[0] if len(candidates) == 1 else None
    return next((case for case in candidates if _age_fits(case, query.age)), None)


def missing_detail(procedure: Procedure, query: CaseQuery, asked: Collection[str] = ()) -> Detail | None:
    """The one question worth asking before answering a resident's case, or None to answer now.

    `asked`: the details already asked in this dialog (never asked twice). Nothing is asked for a
    procedure without cases. With nothing known, the situation is asked (the answer first gives what
    every case shares); once the situation is known, an adult is assumed (most requests are for
    oneself) rather than asking a second question; for a minor whose cases differ by age, the age.
    """
    if not procedure.cases:
        return None
    group = query.age_group
    if query.situation is None and group is None and Detail.SITUATION not in asked:
        return Detail.SITUATION
    if group == AgeGroup.MINOR and query.age is None and Detail.AGE not in asked:
        situation = query.situation or Situation.RENEWAL
        if len(_candidates(procedure, situation, AgeGroup.MINOR)) > 1:
            return Detail.AGE
    return None


def _candidates(procedure: Procedure, situation: Situation, group: AgeGroup) -> list[ProcedureCase]:
    return [
        case
        for case in procedure.cases
        if (not case.situations or situation in case.situations) and (not case.age_groups or group in case.age_groups)
    ]


def _age_fits(case: ProcedureCase, age: int) -> bool:
    if case.min_age is not None and age < case.min_age:
        return False
    return not (case.max_age is not None and age > case.max_age)
