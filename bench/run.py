"""Benchmark: parse and evaluate synthetic TK and TV case files.

    python bench/run.py [--cases N] [--repeat 7] [--total 171945] [--workers 2]

Reports json.loads alone, parse + validate, parse + validate + evaluate (cases/s and the
ratio to json.loads; the best of ``--repeat`` rounds), then the wall time of parsing and
evaluating ``--total`` cases with ``--workers`` processes. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
from datetime import date, timedelta
from typing import Any

from luotsi.rules import evaluate, parse_case

OFFICE = "Pori, Yrjönkatu 1"
CERT = {"author_name": "Valmentaja Virtanen", "author_phone": "+358 40 123 4567"}


def _iso(day: date) -> str:
    return day.isoformat()


SERVICES = ["TK", "TV", "TEAK-TK", "TEAK-TV", "TEAK-YHD", "TAITO"]
DAY_TARGETS = {
    "TK": (40, 45), "TV": (60, 95), "TEAK-TK": (40, 60), "TEAK-TV": (40, 60),
    "TEAK-YHD": (80, 120),
}  # fmt: skip


def synthetic_case(seed: int, services: list[str] | None = None) -> dict[str, Any]:
    """A realistic case: meetings, 40-120 days, pauses, absences, certificates.

    ``services`` (default TK and TV, as the first benchmark) rotates the service by seed.
    """
    rng = random.Random(seed)
    services = services or ["TK", "TV"]
    service = services[seed % len(services)]
    if service == "TAITO":
        return synthetic_taito_case(seed, rng)
    received = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    first = received + timedelta(days=rng.randrange(3, 16))
    events: list[dict[str, Any]] = []
    if service.startswith("TEAK"):
        events.append({"type": "precontact", "date": _iso(received + timedelta(days=5))})
    day = first
    for index in range(rng.randrange(4, 8)):
        phase = "planning" if index < 3 else "job_search"
        events.append(
            {"type": "meeting", "date": _iso(day), "phase": phase, "kind": "individual",
             "mode": rng.choice(["face_to_face", "face_to_face", "video"]), "minutes": 60,
             "place": "provider_office", "office": OFFICE}
        )  # fmt: skip
        day += timedelta(days=rng.randrange(3, 6))
    start = first + timedelta(days=rng.randrange(25, 35))
    events.append({"type": "workplace", "from": _iso(start), "employer": "Oy Esimerkki Ab",
                   "kind": "open_market", "paid": service == "TV"})  # fmt: skip
    events.append({"type": "phase", "date": _iso(start), "phase": "workplace"})
    target = rng.randrange(*DAY_TARGETS[service])
    day = start
    count = 0
    last_pause = None
    while count < target:
        if day.weekday() < 5:
            if rng.random() < 0.03:
                length = rng.randrange(1, 6)
                events.append({"type": "absence", "from": _iso(day),
                               "to": _iso(day + timedelta(days=length - 1)),
                               "reason": rng.choice(["sickness", "other"])})  # fmt: skip
                day += timedelta(days=length)
                continue
            if rng.random() < 0.01 and last_pause is None:
                events.append({"type": "pause", "from": _iso(day),
                               "to": _iso(day + timedelta(days=6)),
                               "reason": "workplace_closed"})  # fmt: skip
                last_pause = day
                day += timedelta(days=7)
                continue
            events.append({"type": "rehab_day", "date": _iso(day), "hours": 6.5,
                           "workplace_hours": 5.5, "paid_work": service == "TV",
                           "independent": service == "TEAK-TV" and count < 5})  # fmt: skip
            count += 1
            if day.weekday() == 2:
                events.append({"type": "meeting", "date": _iso(day), "phase": "workplace",
                               "kind": "workplace_visit", "mode": "face_to_face",
                               "minutes": 60, "place": "workplace"})  # fmt: skip
        day += timedelta(days=1)
    end = day
    events.append({"type": "meeting", "date": _iso(end - timedelta(days=5)), "phase": "workplace",
                   "kind": "network", "mode": "face_to_face", "minutes": 60,
                   "place": "network_premises"})  # fmt: skip
    events.append({"type": "meeting", "date": _iso(end), "phase": "workplace",
                   "kind": "final_discussion", "mode": "face_to_face", "minutes": 60,
                   "place": "workplace", "employer_present": True})  # fmt: skip
    events.append({"type": "end", "date": _iso(end), "reason": "completed"})
    cert_from = first
    while cert_from <= end:
        cert_to = min(cert_from + timedelta(days=29), end)
        events.append({"type": "certificate", "date": _iso(cert_to), "from": _iso(cert_from),
                       "to": _iso(cert_to), **CERT})  # fmt: skip
        cert_from = cert_to + timedelta(days=1)
    events.append({"type": "feedback", "date": _iso(end + timedelta(days=7)), "kind": "full"})
    rng.shuffle(events)
    return {
        "format": "luotsi-case/1", "id": f"B-{seed}", "service": service,
        "decision": {"received": _iso(received)},
        "client": {"identity_code": "020490-998X", "applies_allowance": True},
        "contract": {"provider": "Kuntoutus Oy", "business_id": "1234567-1", "offices": [OFFICE]},
        "events": events,
    }  # fmt: skip


def _week_days(monday: date, first_weekday: int) -> list[date]:
    return [monday + timedelta(days=first_weekday + i) for i in range(4)]


def synthetic_taito_case(seed: int, rng: random.Random) -> dict[str, Any]:
    """A Taito case: start visits, 4+4+4 group days, 50-70 practice days, follow-ups."""
    received = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    day = received + timedelta(days=rng.randrange(3, 16))
    events: list[dict[str, Any]] = [{"type": "phase", "date": _iso(day), "phase": "start"}]
    for _ in range(rng.randrange(2, 5)):
        events.append({"type": "meeting", "date": _iso(day), "phase": "start",
                       "kind": "individual", "place": "provider_office",
                       "office": OFFICE})  # fmt: skip
        day += timedelta(days=rng.randrange(2, 5))
    monday = day + timedelta(days=7 - day.weekday())
    weekday = rng.choice([0, 1])
    for week in range(3):
        for group_day in _week_days(monday + timedelta(weeks=week), weekday):
            events.append({"type": "rehab_day", "date": _iso(group_day), "group": True})
    practice = monday + timedelta(weeks=3)
    events.append({"type": "phase", "date": _iso(practice), "phase": "practice"})
    events.append({"type": "workplace", "from": _iso(practice), "employer": "Oy Esimerkki Ab",
                   "kind": "open_market"})  # fmt: skip
    day, count, target = practice, 0, rng.randrange(50, 70)
    while count < target:
        if day.weekday() < 5:
            events.append({"type": "rehab_day", "date": _iso(day)})
            count += 1
            if day.weekday() == 1:
                events.append({"type": "meeting", "date": _iso(day), "phase": "practice",
                               "kind": "phone_contact", "mode": "phone"})  # fmt: skip
            if day.weekday() == 3 and count % 10 < 5:
                events.append({"type": "meeting", "date": _iso(day), "phase": "practice",
                               "kind": "workplace_visit", "place": "workplace",
                               "employer_present": True})  # fmt: skip
        day += timedelta(days=1)
    final = day + timedelta(days=7 - day.weekday())
    events.append({"type": "phase", "date": _iso(final), "phase": "final"})
    for group_day in _week_days(final, weekday):
        events.append({"type": "rehab_day", "date": _iso(group_day), "group": True})
    end = final + timedelta(days=weekday + 3)
    events.append({"type": "end", "date": _iso(end), "reason": "completed"})
    events.append({"type": "feedback", "date": _iso(end + timedelta(days=10)), "kind": "full"})
    events.append({"type": "meeting", "date": _iso(end + timedelta(days=80)),
                   "phase": "followup", "mode": "video"})  # fmt: skip
    cert_from = received
    while cert_from <= end:
        cert_to = min(cert_from + timedelta(days=29), end)
        events.append({"type": "certificate", "date": _iso(cert_to), "from": _iso(cert_from),
                       "to": _iso(cert_to), **CERT})  # fmt: skip
        cert_from = cert_to + timedelta(days=1)
    rng.shuffle(events)
    return {
        "format": "luotsi-case/1", "id": f"B-{seed}", "service": "TAITO",
        "decision": {"received": _iso(received), "medical_statement_b": _iso(received)},
        "client": {"identity_code": "020490-998X", "birth_date": "1990-04-02",
                   "applies_allowance": True},
        "contract": {"provider": "Kuntoutus Oy", "business_id": "1234567-1", "offices": [OFFICE]},
        "events": events,
    }  # fmt: skip


MIX: list[str] | None = None  # set by --mix all


def make_blobs(count: int) -> list[bytes]:
    return [json.dumps(synthetic_case(i, MIX)).encode() for i in range(count)]


def timed(func: Any, blobs: list[bytes]) -> float:
    started = time.perf_counter()
    for blob in blobs:
        func(blob)
    return time.perf_counter() - started


ON = date(2027, 12, 31)


def end_to_end(blob: bytes) -> None:
    evaluate(parse_case(blob), ON)


_TEMPLATES: list[bytes] = []


def _init(templates: int) -> None:
    _TEMPLATES.extend(make_blobs(templates))


def _work(bounds: tuple[int, int]) -> int:
    start, stop = bounds
    findings = 0
    for index in range(start, stop):
        blob = _TEMPLATES[index % len(_TEMPLATES)]
        findings += len(evaluate(parse_case(blob), ON).findings)
    return findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000, help="cases for the per-step timing")
    parser.add_argument("--total", type=int, default=171_945, help="cases for the parallel run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--repeat", type=int, default=7, help="rounds of the per-step timing (the best counts)"
    )
    parser.add_argument(
        "--mix", choices=["tktv", "all"], default="all",
        help="tktv: TK and TV only (the first benchmark); all: every service in turn",
    )  # fmt: skip
    args = parser.parse_args()
    global MIX
    MIX = SERVICES if args.mix == "all" else None

    blobs = make_blobs(args.cases)
    events = sum(len(json.loads(b)["events"]) for b in blobs) / len(blobs)
    size = sum(len(b) for b in blobs) / len(blobs)
    for blob in blobs[:50]:  # warm one-off caches (parameters, holiday tables, imports)
        end_to_end(blob)
    # The best of --repeat rounds, each timing the three steps in turn: on a shared machine
    # the other processes only ever make a step slower, never faster.
    base = parse = full = float("inf")
    for _ in range(args.repeat):
        base = min(base, timed(json.loads, blobs))
        parse = min(parse, timed(parse_case, blobs))
        full = min(full, timed(end_to_end, blobs))
    print(f"load average at start: {_load()}")
    print(f"mix: {', '.join(MIX or ['TK', 'TV'])}")
    print(f"{args.cases} cases, {events:.0f} events and {size / 1024:.1f} KiB each on average")
    for label, seconds in (
        ("json.loads", base),
        ("parse + validate", parse),
        ("parse + validate + evaluate", full),
    ):
        print(
            f"  {label:<30} {args.cases / seconds:>9.0f} cases/s"
            f"  {seconds / base:5.2f} x json.loads"
        )

    chunk = 2000
    bounds = [(i, min(i + chunk, args.total)) for i in range(0, args.total, chunk)]
    started = time.perf_counter()
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(args.workers, initializer=_init, initargs=(min(args.cases, 2000),)) as pool:
        findings = sum(pool.imap_unordered(_work, bounds))
    wall = time.perf_counter() - started
    print(
        f"  {args.total} cases parsed + evaluated with {args.workers} processes: "
        f"{wall:.1f} s wall ({args.total / wall:.0f} cases/s, {findings} findings)"
    )
    print(f"load average at end: {_load()} (the bench's own processes included)")
    return 0


def _load() -> str:
    """The 1, 5 and 15 minute load averages (the machine may be shared)."""
    if not hasattr(os, "getloadavg"):
        return "unknown"
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
