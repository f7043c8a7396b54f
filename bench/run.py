"""Benchmark: parse and evaluate synthetic TK and TV case files.

    python bench/run.py [--cases N] [--total 171945] [--workers 2]

Reports json.loads alone, parse + validate, parse + validate + evaluate (cases/s and the
ratio to json.loads), then the wall time of parsing and evaluating ``--total`` cases with
``--workers`` processes. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
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


def synthetic_case(seed: int) -> dict[str, Any]:
    """A realistic TK or TV case: meetings, 40-95 days, pauses, absences, certificates."""
    rng = random.Random(seed)
    service = "TK" if seed % 2 == 0 else "TV"
    received = date(2026, 1, 5) + timedelta(days=rng.randrange(0, 300))
    first = received + timedelta(days=rng.randrange(3, 16))
    events: list[dict[str, Any]] = []
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
    target = rng.randrange(40, 45) if service == "TK" else rng.randrange(60, 95)
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
                           "workplace_hours": 5.5, "paid_work": service == "TV"})  # fmt: skip
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


def make_blobs(count: int) -> list[bytes]:
    return [json.dumps(synthetic_case(i)).encode() for i in range(count)]


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
    args = parser.parse_args()

    blobs = make_blobs(args.cases)
    events = sum(len(json.loads(b)["events"]) for b in blobs) / len(blobs)
    size = sum(len(b) for b in blobs) / len(blobs)
    for blob in blobs[:50]:  # warm one-off caches (parameters, holiday tables, imports)
        end_to_end(blob)
    base = timed(json.loads, blobs)
    parse = timed(parse_case, blobs)
    full = timed(end_to_end, blobs)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
