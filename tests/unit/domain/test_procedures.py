"""Choosing a procedure's case from what the resident said, and what to ask when it is not enough."""

from __future__ import annotations

import pytest

from mairie.catalogue.model import AgeGroup, Procedure, ProcedureCase, Situation
from mairie.domain.procedures import CaseQuery, Detail, find_case, missing_detail

RENEWAL, FIRST, LOST = Situation.RENEWAL, Situation.FIRST, Situation.LOST_OR_STOLEN


def case(
    case_id: str,
    situations: tuple[Situation, ...],
    groups: tuple[AgeGroup, ...],
    low: int | None = None,
    high: int | None = None,
) -> ProcedureCase:
    return ProcedureCase(case_id, situations, groups, low, high, f"Résumé {case_id}.", "Coût.")


def procedure(*cases: ProcedureCase) -> Procedure:
    return Procedure(
        "passeport", "le passeport", False, (), "Résumé.", ("Étape.",), ("Photo.",), "Coût.", "Délais.", cases=cases
    )


PASSPORT = procedure(
    case("majeur", (RENEWAL, FIRST), (AgeGroup.ADULT,)),
    case("perte-majeur", (LOST,), (AgeGroup.ADULT,)),
    case("mineur-15-17", (RENEWAL, FIRST, LOST), (AgeGroup.MINOR,), 15, 17),
    case("mineur-0-14", (RENEWAL, FIRST, LOST), (AgeGroup.MINOR,), 0, 14),
)
ID_CARD = procedure(case("majeur", (), (AgeGroup.ADULT,)), case("mineur", (), (AgeGroup.MINOR,)))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (CaseQuery(), None),
        (CaseQuery(situation=LOST), "perte-majeur"),  # "j'ai perdu mon passeport": the resident's own
        (CaseQuery(for_self=True), "majeur"),  # renewal assumed
        (CaseQuery(age=40), "majeur"),
        (CaseQuery(age=18, situation=FIRST), "majeur"),
        (CaseQuery(age=17), "mineur-15-17"),
        (CaseQuery(age=10, for_child=True), "mineur-0-14"),
        (CaseQuery(age=0, situation=LOST), "mineur-0-14"),
        (CaseQuery(for_child=True), None),  # the cost depends on the age
    ],
)
def test_find_case(query: CaseQuery, expected: str | None) -> None:
    found = find_case(PASSPORT, query)
    assert (found.id if found else None) == expected


def test_cases_without_situations_or_ages_match_all() -> None:
    found = find_case(ID_CARD, CaseQuery(situation=LOST, for_child=True))
    assert found is not None and found.id == "mineur"
    assert find_case(procedure(), CaseQuery(age=40)) is None


@pytest.mark.parametrize(
    ("query", "asked", "expected"),
    [
        (CaseQuery(), (), Detail.SITUATION),
        (CaseQuery(situation=FIRST), (), None),  # said at once: an adult is assumed
        (CaseQuery(situation=FIRST), ("situation",), None),  # answered: an adult is assumed, no second question
        (CaseQuery(), ("situation",), None),  # « je ne sais pas »: the general answer, no second question
        (CaseQuery(for_child=True), (), Detail.AGE),
        (CaseQuery(for_child=True), ("age",), None),
        (CaseQuery(for_child=True, age=12), (), None),
        (CaseQuery(for_self=True), (), None),
    ],
)
def test_missing_detail(query: CaseQuery, asked: tuple[str, ...], expected: Detail | None) -> None:
    assert missing_detail(PASSPORT, query, asked) == expected


def test_no_age_is_asked_when_the_minor_cases_do_not_depend_on_it() -> None:
    assert missing_detail(ID_CARD, CaseQuery(for_child=True)) is None


def test_nothing_is_asked_for_a_procedure_without_cases() -> None:
    assert missing_detail(procedure(), CaseQuery()) is None
