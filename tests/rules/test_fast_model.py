"""The msgspec structs against the pydantic models (``luotsi.rules.model`` vs ``.schema``).

The pydantic models define what a valid case file is. ``parse_case`` decodes with msgspec
first and falls back on the models whenever msgspec refuses; so what must hold is:

- msgspec never accepts an input the models reject, and when both accept, the values are
  the same, types included (``6`` and ``6.0``, ``1`` and ``True`` are told apart);
- ``parse_case`` gives what the models give: the same values, or the same ``CaseFileError``.

The structs' fields are derived from the models' (names, aliases, defaults, required,
and types: vocabularies, optionality, bounds, nested models), so the models stay the one
definition of the format. The behaviour is then checked on generated valid case files,
on the same files mutated in every way a file can be wrong (wrong types, unknown,
missing and misnamed fields, out-of-range numbers, bad dates, ``to`` before ``from``,
bad codes, ``null``, duplicate keys, NaN, huge numbers, broken JSON), as JSON text and
as already decoded dicts, and on a table of edge cases.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import types
import typing
from decimal import Decimal
from typing import Any

import annotated_types
import msgspec
import msgspec.inspect
import pydantic
import pydantic.fields
import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, example, given, settings
from hypothesis import strategies as st

from luotsi.rules import CaseFileError, evaluate, model, parse_case, schema
from tests.conftest import examples
from tests.rules.strategies import cases, eval_dates

# FAST_MODEL_EXAMPLES=20000 for a longer search (``--hypothesis-show-statistics`` shows how
# many inputs each path took).
EXAMPLES = int(os.environ.get("FAST_MODEL_EXAMPLES", examples(400)))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))


class Pairs(list[tuple[str, Any]]):
    """A JSON object written as these key/value pairs, in order (duplicate keys allowed)."""


class Raw(str):
    """A JSON token written as it is (``NaN``, ``1e400``, ``-0``, ``1.0``)."""


def to_json(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{json.dumps(k)}:{to_json(v)}" for k, v in value) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def to_python(value: Any) -> Any:
    """The dict ``json.loads`` would make of ``to_json(value)`` (without the raw tokens)."""
    if isinstance(value, Pairs):
        return {k: to_python(v) for k, v in value}
    if isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_python(v) for v in value]
    if isinstance(value, Raw):
        return json.loads(value)
    return value


# --- the two parsers, and what "the same" means ------------------------------------------


def fast(data: bytes | dict[str, Any]) -> model.Case | None:
    """msgspec alone: the structs, or None when msgspec refuses."""
    try:
        if isinstance(data, dict):
            return model._convert_dict(data)
        return model._DECODER.decode(data)
    except model._REFUSED:
        return None


def reference(data: bytes | dict[str, Any]) -> model.Case | str:
    """The pydantic models alone: their values as structs, or their error message."""
    try:
        return model._from_model(schema.validate(data, "case.json"))
    except CaseFileError as exc:
        return str(exc)
    except ValueError as exc:  # what the models let through (a lone surrogate in a dict)
        return f"{type(exc).__name__}: {exc}"


def shown(case: model.Case | str) -> str:
    """Type-exact: ``repr`` tells ``6`` from ``6.0`` and ``True`` from ``1``."""
    return case if isinstance(case, str) else repr(case)


def through_parse_case(data: bytes | dict[str, Any]) -> model.Case | str:
    try:
        return parse_case(data, "case.json")
    except CaseFileError as exc:
        return str(exc)
    except ValueError as exc:
        return f"{type(exc).__name__}: {exc}"


def check(data: bytes | dict[str, Any]) -> model.Case | str:
    expected = reference(data)
    decoded = fast(data)
    if decoded is not None:
        # ``!a``: the error may quote a lone surrogate, which pytest-xdist cannot send.
        assert not isinstance(expected, str), (
            f"msgspec accepted what pydantic rejects: {expected!a}"
        )
        assert repr(decoded) == repr(expected)
    kind = "dict" if isinstance(data, dict) else "JSON"
    if not currently_in_test_context():
        pass
    elif decoded is not None:
        event(f"{kind}: msgspec accepts")
    elif isinstance(expected, str):
        event(f"{kind}: both reject")
    else:
        event(f"{kind}: only pydantic accepts")
    got = through_parse_case(data)
    assert shown(got) == shown(expected)
    if not isinstance(got, str):
        assert isinstance(expected, model.Case)
        assert got == expected
        assert got.to_json_dict() == schema.validate(data).to_json_dict()
    return got


def check_both(document: Any) -> None:
    """As JSON text (duplicate keys and raw tokens kept) and as the dict json.loads makes."""
    check(to_json(document).encode())
    try:
        decoded = to_python(document)
    except ValueError:
        return
    if isinstance(decoded, dict):
        check(decoded)


# --- generated files -------------------------------------------------------------------

WEIRD = [
    None, True, False, 0, 1, -1, 5, 6, 6.0, 6.5, 7, 24, 24.0, 24.5, -0.0, 0.5, 2**63, 2**64,
    10**30, -(2**63) - 1, "", "6", "6.5", "true", "x", "sickness", "2026-02-30", "2026-01-05",
    "2026-1-5", "2026-01-05T00:00:00", "2026-01-05T10:00:00", "20260105", " 2026-01-05",
    "0000-01-01", "9999-12-31", "020490-998X", "020490-998Y", "1234567-1", "1234567-2",
    [], {}, ["a"], [1], {"type": "end"}, "\u00e4", "luotsi-case/1", "TK",
    Raw("NaN"), Raw("Infinity"), Raw("-Infinity"), Raw("1e400"), Raw("-0"), Raw("1.0"),
    Raw("6.0e0"), Raw("1E2"), Raw("100000000000000000000000"), Raw('"\\ud800"'),
    Raw('"2026-01-0\\u0035"'), Raw("6.00000000000000000001"), Raw("23.999999999999999999"),
]  # fmt: skip
KEYS = [
    "type", "date", "from", "from_", "to", "hours", "workplace_hours", "minutes", "quantity",
    "price_type", "days_per_week", "hours_per_day", "reason", "phase", "kind", "mode",
    "identity_code", "business_id", "offices", "received", "granted_days",
    "medical_statement_b", "birth_date", "language", "events", "colour", "",
]  # fmt: skip

# (copied: the mutations change lists and dicts in place)
weird = (
    st.sampled_from(WEIRD).map(copy.deepcopy) | st.integers() | st.floats() | st.text(max_size=12)
)


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every container (dict, list) in the document."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, Pairs):
        return found  # already mutated: left as it is
    if isinstance(value, dict):
        found.append(path)
        for key, item in value.items():
            found += _nodes(item, (*path, key))
    elif isinstance(value, list):
        found.append(path)
        for index, item in enumerate(value):
            found += _nodes(item, (*path, index))
    return found


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


@st.composite
def full_cases(draw: st.DrawFn) -> dict[str, Any]:
    """Valid files with the optional header fields too."""
    data = draw(cases())
    client = data["client"]
    if draw(st.booleans()):
        client["identity_code"] = draw(st.sampled_from(["020490-998X", "131052-308T"]))
    if draw(st.booleans()):
        client["birth_date"] = "1990-04-02"
        client["language"] = draw(st.sampled_from(["fi", "sv"]))
        client["in_working_life_at_start"] = draw(st.booleans())
        client["name"] = draw(st.text(st.characters(exclude_categories=("Cc", "Cf")), max_size=8))
    if draw(st.booleans()):
        data["contract"].update(provider="Kuntoutus Oy", business_id="1234567-1")
    decision = data["decision"]
    if draw(st.booleans()):
        decision["granted_days"] = draw(st.sampled_from([0, 30, 60]))
        decision["first_decision"] = draw(st.booleans())
        decision["medical_statement_b"] = draw(st.sampled_from([None, True, False, "2026-01-05"]))
    if draw(st.booleans()):
        del data["client"]
    if draw(st.booleans()):
        del data["contract"]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A valid file with 1-3 mutations anywhere in it."""
    document: Any = draw(full_cases())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        nodes = _nodes(document)
        if not nodes:
            break
        path = draw(st.sampled_from(nodes))
        node = _at(document, path)
        action = draw(st.sampled_from(["set", "set", "delete", "add", "rename", "dup", "wrap"]))
        if isinstance(node, list):
            if action == "delete" and node:
                del node[draw(st.integers(min_value=0, max_value=len(node) - 1))]
            elif node:
                node[draw(st.integers(min_value=0, max_value=len(node) - 1))] = draw(weird)
            else:
                node.append(draw(weird))
            continue
        if isinstance(node, Pairs):
            continue
        keys = list(node)
        key = draw(st.sampled_from(keys)) if keys else draw(st.sampled_from(KEYS))
        if action == "set":
            node[key] = draw(weird)
        elif action == "delete" and keys:
            del node[key]
        elif action == "add":
            node[draw(st.sampled_from(KEYS))] = draw(weird)
        elif action == "rename" and keys:
            node[draw(st.sampled_from(KEYS))] = node.pop(key)
        elif action == "dup" and keys:
            pairs = Pairs(node.items())
            pairs.insert(draw(st.integers(0, len(pairs))), (key, draw(weird | st.just(node[key]))))
            if path:
                _at(document, path[:-1])[path[-1]] = pairs
            else:
                document = pairs
        elif action == "wrap" and keys:
            node[key] = [node[key]] if draw(st.booleans()) else {"value": node[key]}
    return document


@SETTINGS
@given(full_cases())
def test_valid_files_same_values(document: dict[str, Any]) -> None:
    check_both(document)
    assert fast(to_json(document).encode()) is not None  # the fast path takes valid files


@SETTINGS
@given(mutated())
@example(Pairs([("format", "luotsi-case/1"), ("format", "x")]))
@example(  # a lone surrogate: refused by pydantic in a dict as in JSON (found by this test)
    {"format": "luotsi-case/1", "id": Raw('"\\ud800"'), "service": "TK",
     "decision": {"received": "2026-01-05"}, "events": []}
)  # fmt: skip
def test_mutated_files_same_result(document: Any) -> None:
    check_both(document)


PY_WEIRD = [
    dt.date(2026, 1, 5), dt.datetime(2026, 1, 5), dt.datetime(2026, 1, 5, 10), Decimal("6"),
    Decimal("6.5"), float("nan"), float("inf"), ("a",), (1,), b"2026-01-05", 6 + 0j,
    {1: "x"}, frozenset(), object(),
]  # fmt: skip


@SETTINGS
@given(full_cases(), st.data())
def test_python_values_in_dicts(document: dict[str, Any], data: st.DataObject) -> None:
    """Dicts can hold what JSON cannot: dates, datetimes, tuples, decimals, NaN..."""
    path = data.draw(st.sampled_from([p for p in _nodes(document) if p]))
    node = _at(document, path)
    value = data.draw(st.sampled_from(PY_WEIRD))
    if isinstance(node, list):
        if node:
            node[data.draw(st.integers(0, len(node) - 1))] = value
    else:
        node[data.draw(st.sampled_from([*node, *KEYS]))] = value
    check(document)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
@given(full_cases(), eval_dates)
def test_engine_output_same_on_both(document: dict[str, Any], on: dt.date) -> None:
    """What the engine makes of the structs and of the models' values is the same."""
    via_models = model._from_model(schema.validate(document))
    for parsed in (parse_case(document), parse_case(json.dumps(document).encode())):
        for lang, explain in (("en", True), ("fi", False)):
            assert json.dumps(evaluate(parsed, on).to_dict(lang, explain)) == json.dumps(
                evaluate(via_models, on).to_dict(lang, explain)
            )


# --- the edge-case table -----------------------------------------------------------------


def _case(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "luotsi-case/1",
        "id": "E-1",
        "service": "TK",
        "decision": {"received": "2026-01-05"},
        "events": [{"type": "rehab_day", "date": "2026-02-02"}],
    }
    data.update(changes)
    return data


def _event(**fields: Any) -> str:
    return to_json(_case(events=[fields]))


FAST = "fast"  # msgspec takes it
LAX = "lax"  # only the models take it (parse_case falls back on them)

EDGES: list[tuple[str, str, str]] = [
    # (what, JSON text, FAST | LAX | the start of the error)
    ("valid", to_json(_case()), FAST),
    ("int hours", _event(type="rehab_day", date="2026-02-02", hours=6), FAST),
    ("string hours", _event(type="rehab_day", date="2026-02-02", hours="6"), LAX),
    ("bool hours", _event(type="rehab_day", date="2026-02-02", hours=True), LAX),
    ("hours over 24", _event(type="rehab_day", date="2026-02-02", hours=24.5),
     "case.json: /events/0/hours: Input should be less than or equal to 24"),
    ("hours NaN", to_json(_case(events=[{"type": "rehab_day", "date": "2026-02-02",
                                         "hours": Raw("NaN")}])),
     "case.json: /events/0/hours: Input should be less than or equal to 24"),
    ("quantity 1e400", to_json(_case(events=[{"type": "invoice_line", "date": "2026-02-02",
                                              "quantity": Raw("1e400")}])), LAX),
    ("float minutes", _event(type="meeting", date="2026-02-02", minutes=60.0), LAX),
    ("fractional minutes", _event(type="meeting", date="2026-02-02", minutes=60.5),
     "case.json: /events/0/minutes: Input should be a valid integer"),
    ("negative minutes", _event(type="meeting", date="2026-02-02", minutes=-1),
     "case.json: /events/0/minutes: Input should be greater than or equal to 0"),
    ("huge price type", _event(type="invoice_line", date="2026-02-02", price_type=10**30), FAST),
    ("from_ by name", _event(type="pause", from_="2026-02-02"), LAX),
    ("to before from", _event(type="pause", **{"from": "2026-02-02", "to": "2026-02-01"}),
     'case.json: /events/0: "to" 2026-02-01 is before "from" 2026-02-02'),
    ("certificate to before from",
     _event(type="certificate", date="2026-02-02", **{"from": "2026-02-02", "to": "2026-02-01"}),
     'case.json: /events/0: "to" 2026-02-01 is before "from" 2026-02-02'),
    ("datetime for a date", _event(type="end", date="2026-02-02T00:00:00"), LAX),
    # The events' dates and texts are checked when the case is built (model._check_events).
    ("event date before 1900", _event(type="end", date="1899-12-31"),
     "case.json: /events/0/date: date 1899-12-31 is outside 1900-01-01"),
    ("certificate to after 2100",
     _event(type="certificate", date="2026-02-02", **{"from": "2026-02-02", "to": "2101-01-01"}),
     "case.json: /events/0/to: date 2101-01-01 is outside"),
    ("invisible character in an office", _event(type="meeting", date="2026-02-02",
                                                office="Pori\u202e"),
     "case.json: /events/0/office: text holds an invisible control character (U+202E"),
    ("invisible character in a reason", _event(type="kela_agreement", date="2026-02-02",
                                               rule="A", reason="ok\u200b"),
     "case.json: /events/0/reason: text holds an invisible control character (U+200B"),
    ("long employer", _event(type="workplace", **{"from": "2026-02-02"}, employer="x" * 2001),
     "case.json: /events/0/employer: text longer than 2000 characters"),
    ("texts and dates fine in every event",
     to_json(_case(events=[{"type": "meeting", "date": "2026-02-02", "office": "Pori"},
                           {"type": "workplace", "from": "1900-01-01", "to": "2100-12-31",
                            "employer": "x" * 2000}])), FAST),

    ("bad date", _event(type="end", date="2026-02-30"),
     'case.json: /events/0/date: invalid date "2026-02-30"'),
    ("null date", _event(type="end", date=None), "case.json: /events/0/date: invalid date null"),
    ("unknown field", _event(type="end", date="2026-02-02", colour="red"),
     "case.json: /events/0/colour: unknown field"),
    ("unknown type", _event(type="holiday", date="2026-02-02"),
     'case.json: /events/0/type: unknown event type "holiday"'),
    ("no type", _event(date="2026-02-02"), 'case.json: /events/0: event has no "type"'),
    ("duplicate type", '{"format":"luotsi-case/1","id":"E","service":"TK","decision":'
     '{"received":"2026-01-05"},"events":[{"type":"end","type":"phase","date":"2026-02-02"}]}',
     LAX),
    ("duplicate date, the last counts", '{"format":"luotsi-case/1","id":"E","service":"TK",'
     '"decision":{"received":"2026-01-05"},"events":[{"type":"end","date":"2026-02-02",'
     '"date":"2026-02-03"}]}', FAST),
    ("medical statement true", to_json(_case(decision={"received": "2026-01-05",
                                                       "medical_statement_b": True})), FAST),
    ("medical statement date", to_json(_case(decision={"received": "2026-01-05",
                                                       "medical_statement_b": "2026-01-02"})),
     FAST),
    ("medical statement 'true'", to_json(_case(decision={"received": "2026-01-05",
                                                         "medical_statement_b": "true"})), LAX),
    ("bad identity code", to_json(_case(client={"identity_code": "020490-998Y"})),
     'case.json: /client/identity_code: invalid identity code "020490-998Y"'),
    ("bad business ID", to_json(_case(contract={"business_id": "1234567-2"})),
     'case.json: /contract/business_id: invalid business ID "1234567-2"'),
    ("empty id", to_json(_case(id="")),
     "case.json: /id: String should have at least 1 character"),
    ("offices not a list", to_json(_case(contract={"offices": "Pori"})),
     "case.json: /contract/offices: Input should be a valid array"),
    ("events null", to_json(_case(events=None)),
     "case.json: /events: Input should be a valid array"),
    ("escaped key and value", '{"format":"luotsi-case/1","id":"E","service":"TK","decision":'
     '{"received":"2026-01-05"},"events":[{"\\u0074ype":"end","date":"2026-02-0\\u0032"}]}',
     FAST),
    ("escaped from", '{"format":"luotsi-case/1","id":"E","service":"TK","decision":'
     '{"received":"2026-01-05"},"events":[{"type":"pause","fro\\u006d":"2026-02-02"}]}', FAST),
    ("byte order mark", "\ufeff" + to_json(_case()), LAX),  # dropped (issue 12)
    ("lone surrogate in a name", to_json(_case(client={"name": Raw('"\\ud800"')})),
     "case.json: /: Invalid JSON: unexpected end of hex escape"),
    ("not JSON", '{"format": ', "case.json: /: not valid JSON"),
    ("trailing garbage", to_json(_case()) + " x", "case.json: /: not valid JSON"),
    ("not an object", "[]", "case.json: /: Input should be an object"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "text", "outcome"), EDGES, ids=[e[0] for e in EDGES])
def test_edge_cases(what: str, text: str, outcome: str) -> None:
    blob = text.encode("utf-8", "surrogatepass")
    got = check(blob)
    check(text)  # and as a str
    if outcome == FAST:
        assert fast(blob) is not None
    elif outcome == LAX:
        assert fast(blob) is None and isinstance(got, model.Case)
    else:
        assert isinstance(got, str) and got.startswith(outcome), got


def test_values_keep_their_types() -> None:
    case = parse_case(_event(type="rehab_day", date="2026-02-02", hours=7).encode())
    day = case.events[0]
    assert isinstance(day, model.RehabDay) and day.type == "rehab_day"
    assert repr(day.hours) == "7.0" and repr(day.workplace_hours) == "5"  # the default stays
    lax = parse_case(_event(type="rehab_day", date="2026-02-02", hours="7").encode())
    assert repr(lax) == repr(case)


def test_struct_types_are_the_models() -> None:
    """Each struct has the fields of its model: the same names, aliases and defaults."""
    for pydantic_cls, struct_cls in model._STRUCTS.items():
        fields = pydantic_cls.model_fields
        names = [n for n in fields if n != "type"]
        assert sorted(struct_cls.__struct_fields__) == sorted(names), struct_cls
        for info in msgspec.structs.fields(struct_cls):
            assert info.encode_name == (fields[info.name].alias or info.name)
            pydantic_default = fields[info.name].get_default(call_default_factory=True)
            if info.required:
                assert fields[info.name].is_required(), (struct_cls, info.name)
            elif isinstance(pydantic_default, pydantic.BaseModel):
                assert repr(model._convert(pydantic_default)) == repr(info.default)
            else:
                assert repr(pydantic_default) == repr(info.default), (struct_cls, info.name)
        if "type" in fields:
            tag = struct_cls.__struct_config__.tag
            assert (tag,) == typing.get_args(fields["type"].annotation)
            assert getattr(struct_cls, "type") == tag  # noqa: B009  (events only)


def test_to_json_dict_of_a_built_case() -> None:
    built = model.Case(
        format="luotsi-case/1",
        id="B-1",
        service="TK",
        decision=model.Decision(received=dt.date(2026, 1, 5)),
        events=(model.Pause(from_=dt.date(2026, 2, 2)),),
    )
    out = built.to_json_dict()
    assert out["events"][0] == {"type": "pause", "from": "2026-02-02", "to": None,
                                "reason": None, "interim_tasks": False}  # fmt: skip
    assert parse_case(out) == built


# --- the structs derive from the models ---------------------------------------------------

_CONSTRAINTS = {
    annotated_types.Ge: "ge",
    annotated_types.Gt: "gt",
    annotated_types.Le: "le",
    annotated_types.Lt: "lt",
    annotated_types.MinLen: "min_length",
    annotated_types.MaxLen: "max_length",
}


def derived_type(annotation: Any, constraints: dict[str, Any]) -> Any:
    """The msgspec type a pydantic field's annotation stands for: each model becomes its
    struct, the field's constraints (``Field(ge=…)``) a ``msgspec.Meta`` on the constrained
    type, everything else (Literal vocabularies, dates, bools) is kept as it is."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:  # the event union's ``Field(discriminator="type")``
        extra = [a for a in args[1:] if not isinstance(a, pydantic.fields.FieldInfo)]
        assert not extra, annotation
        return derived_type(args[0], constraints)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(derived_type(a, constraints) for a in args)]  # noqa: UP007
    if origin is tuple:
        assert args[1:] == (Ellipsis,), annotation
        return tuple[derived_type(args[0], {}), ...]  # type: ignore[misc]
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return model._STRUCTS[annotation]
    if constraints and annotation in (int, float, str):
        return typing.Annotated[annotation, msgspec.Meta(**constraints)]
    return annotation


def _constraints(info: pydantic.fields.FieldInfo) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in info.metadata:
        name = _CONSTRAINTS[type(item)]  # a KeyError names a constraint this test cannot map
        out[name] = getattr(item, name)
    return out


def test_struct_field_types_derive_from_the_models() -> None:
    """Each struct field's type is the one derived from its pydantic field: the same
    vocabularies (Literal values, in order), the same optionality, the same numeric and
    length bounds, and each nested model as its struct. Together with
    ``test_struct_types_are_the_models`` (names, aliases, defaults, required) the structs
    are the pydantic models' definition, field for field."""
    for pydantic_cls, struct_cls in model._STRUCTS.items():
        hints = typing.get_type_hints(struct_cls, include_extras=True)
        for name, info in pydantic_cls.model_fields.items():
            if name == "type":  # the tag: a class attribute (test_struct_types_are_the_models)
                continue
            expected = msgspec.inspect.type_info(derived_type(info.annotation, _constraints(info)))
            actual = msgspec.inspect.type_info(hints[name])
            assert actual == expected, (struct_cls.__name__, name, actual, expected)


def test_the_derivation_tells_a_changed_field() -> None:
    """The comparison above fails for a struct field that differs from its model's."""
    info = schema.Meeting.model_fields["minutes"]
    expected = msgspec.inspect.type_info(derived_type(info.annotation, _constraints(info)))
    for wrong in (
        int | None,  # the bound lost
        typing.Annotated[int, msgspec.Meta(ge=1)] | None,  # another bound
        typing.Annotated[int, msgspec.Meta(ge=0)],  # no longer optional
        typing.Annotated[float, msgspec.Meta(ge=0)] | None,  # another type
    ):
        assert msgspec.inspect.type_info(wrong) != expected
    mode = msgspec.inspect.type_info(
        derived_type(schema.Meeting.model_fields["mode"].annotation, {})
    )
    assert mode != msgspec.inspect.type_info(typing.Literal["face_to_face", "video"])
