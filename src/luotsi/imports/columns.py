"""The columns of the two imports, with the headers a provider's sheet may use for them.

A header is matched without regard to case or surrounding spaces, in Finnish, Swedish or
English, or as the key itself; the sample templates use the Finnish headers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from .reader import column_letter


@dataclass(frozen=True)
class Column:
    key: str
    headers: tuple[str, ...]  # Finnish first (the template's), Swedish, English
    required: bool = False
    example: str = ""
    help: str = ""


CLIENT_COLUMNS = (
    Column("identity_code", ("Henkilötunnus", "Personbeteckning", "Identity code"), True,
           "020490-998X"),
    Column("first_name", ("Etunimi", "Förnamn", "First name"), True, "Maija"),
    Column("last_name", ("Sukunimi", "Efternamn", "Last name"), True, "Meikäläinen"),
    Column("language", ("Kieli", "Språk", "Language"), False, "fi", "fi / sv"),
    Column("phone", ("Puhelin", "Telefon", "Phone"), False, "+358 40 123 4567"),
    Column("email", ("Sähköposti", "E-post", "Email"), False, "maija@example.fi"),
    Column("address", ("Osoite", "Adress", "Address"), False, "Yrjönkatu 1, 28100 Pori"),
    Column("responsible_coach", ("Vastuuvalmentaja", "Ansvarig coach", "Responsible coach"),
           False, "aino.koskinen", "user name"),
    Column("team", ("Tiimi", "Team", "Team"), False, "Pori"),
)  # fmt: skip

DECISION_COLUMNS = (
    Column("case_number", ("Asianumero", "Ärendenummer", "Case number"), True, "TK-2026-001"),
    Column("identity_code", ("Henkilötunnus", "Personbeteckning", "Identity code"), True,
           "020490-998X"),
    Column("service", ("Palvelu", "Tjänst", "Service"), True, "TK",
           "TK, TV, TEAK-TK, TEAK-TV, TEAK-YHD, TAITO"),
    Column("received", ("Päätös saapunut", "Beslutet anlänt", "Decision received"), True,
           "5.1.2026"),
    Column("granted_days", ("Myönnetyt päivät", "Beviljade dagar", "Granted days"), False, "45"),
    Column("first_decision", ("Ensimmäinen päätös", "Första beslut", "First decision"), False,
           "kyllä", "kyllä / ei"),
    Column("medical_statement_b", ("B-lausunto", "B-utlåtande", "Medical statement B"), False,
           "12.12.2025"),
    Column("applies_allowance", ("Hakee kuntoutusrahaa", "Ansöker om rehabiliteringspenning",
                                 "Applies for allowance"), False, "kyllä", "kyllä / ei"),
    Column("in_working_life_at_start", ("Työelämässä alussa", "I arbetslivet vid start",
                                        "In working life at start"), False, "ei", "kyllä / ei"),
    # Last, so that the columns of sheets made before it keep their letters.
    Column("given", ("Päätös annettu", "Beslutet givet", "Decision given"), False,
           "30.12.2025"),
)  # fmt: skip

KINDS = {"clients": CLIENT_COLUMNS, "decisions": DECISION_COLUMNS}
KIND_LABELS = {"clients": _("Clients"), "decisions": _("Decisions")}

YES = frozenset({"kyllä", "k", "yes", "y", "ja", "j", "true", "1", "x"})
NO = frozenset({"ei", "e", "no", "n", "nej", "false", "0", ""})
LANGUAGES = {
    "fi": "fi", "suomi": "fi", "finnish": "fi", "finska": "fi",
    "sv": "sv", "ruotsi": "sv", "swedish": "sv", "svenska": "sv",
}  # fmt: skip


def match_headers(kind: str, headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column index holds each key, and the problems (unknown or missing columns)."""
    columns = KINDS[kind]
    names = {}
    for column in columns:
        for name in (column.key, *column.headers):
            names[name.strip().lower()] = column.key
    found: dict[str, int] = {}
    problems: list[str] = []
    for index, header in enumerate(headers):
        if not header:
            continue
        key = names.get(header.strip().lower())
        if key is None:
            problems.append(
                gettext_now("Unknown column “%(header)s” (column %(column)s).")
                % {"header": header, "column": column_letter(index)}
            )
        elif key in found:
            problems.append(
                gettext_now("The column “%(header)s” is there twice (column %(column)s).")
                % {"header": header, "column": column_letter(index)}
            )
        else:
            found[key] = index
    for column in columns:
        if column.required and column.key not in found:
            problems.append(
                gettext_now("The column “%(header)s” is missing.") % {"header": column.headers[0]}
            )
    return found, problems
