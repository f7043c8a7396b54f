"""Spreadsheet imports of clients and decisions: upload → dry run → confirm.

* ``upload(actor, kind, name, content)`` reads the file (refusing what is not a
  spreadsheet, is too large or has unknown or missing columns), runs the dry run and keeps
  the file, encrypted, in an ``ImportBatch``.
* ``dry_run(batch)`` — every row through the real services inside a transaction that is
  rolled back: each row's outcome (create / update / unchanged / refused with the cell and
  the reason).
* ``confirm(actor, batch, digest)`` — the same in one transaction that is kept only when no
  row is refused and the outcomes are still those previewed (``digest``): all or nothing.

Who may import: team leads (``luotsi.access.policy.may_import``), into their own teams'
reach — see docs/import.md. Both steps take ``progress(done, total)``: a file of more than
``inline_rows()`` rows is checked and imported by background jobs (``luotsi.imports.jobs``:
``receive`` keeps it as ``CHECKING`` and ``check`` runs its dry run), a smaller one in the
request.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from luotsi.access import policy
from luotsi.accounts.models import User
from luotsi.clients import crypto

from . import reader
from .columns import KINDS, match_headers
from .models import ImportBatch, Status
from .rows import HANDLERS, REFUSED, Context, Refused, RowResult, create_pending

MAX_ROWS = 20_000
Progress = Callable[[int, int], None]


def inline_rows() -> int:
    """Files of at most this many rows are checked and imported in the request; larger
    ones by background jobs with a progress bar (setting ``LUOTSI_IMPORT_INLINE_ROWS``)."""
    return int(settings.LUOTSI_IMPORT_INLINE_ROWS)


def max_bytes() -> int:
    return int(getattr(settings, "LUOTSI_IMPORT_MAX_MB", 10)) * 1024 * 1024


@dataclass
class Result:
    kind: str
    rows: list[RowResult] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def refused(self) -> list[RowResult]:
        return [row for row in self.rows if row.outcome == REFUSED]

    def summary(self) -> dict[str, int]:
        return {o: self.count(o) for o in ("create", "update", "unchanged", "refused")}

    @classmethod
    def stored(cls, batch: ImportBatch) -> Result:
        """The dry run kept on ``batch`` (``ImportBatch.preview``)."""
        return cls(batch.kind, [RowResult(**row) for row in batch.preview])

    def digest(self) -> str:
        """What a confirmation must match: every row's outcome and changed fields."""
        text = json.dumps([(r.number, r.outcome, r.changed) for r in self.rows])
        return hashlib.sha256(text.encode()).hexdigest()[:32]


class _Rollback(Exception):
    pass


def _check_file(name: str, content: bytes) -> reader.Table:
    if len(content) > max_bytes():
        raise ValidationError(
            {
                "file": _(
                    "The file is %(size).1f MB; at most %(max)d MB can be imported at a time. "
                    "Split it into smaller files."
                )
                % {"size": len(content) / 1024 / 1024, "max": max_bytes() // 1024 // 1024}
            },
            code="too_large",
        )
    try:
        table = reader.read_table(content)
    except reader.NotASpreadsheet as exc:
        raise ValidationError({"file": str(exc)}, code="not_a_spreadsheet") from None
    if len(table.rows) > MAX_ROWS:
        raise ValidationError(
            {"file": _("The file has %(rows)d rows; at most %(max)d can be imported at a time.")
             % {"rows": len(table.rows), "max": MAX_ROWS}},
            code="too_many_rows",
        )  # fmt: skip
    return table


def _cell(columns: dict[str, int], key: str, number: int) -> str:
    """The cell of ``key`` on row ``number`` (A2, H5…), or "" for the row as a whole."""
    return f"{reader.column_letter(columns[key])}{number}" if key in columns else ""


def label_of(kind: str, row: list[Any], columns: dict[str, int]) -> str:
    """Who or what a row is about, for the preview: the name, or the case number."""
    keys = ("first_name", "last_name") if kind == "clients" else ("case_number",)
    return " ".join(reader.text(row[columns[k]]) for k in keys if k in columns).strip()


def _run(
    actor: User, kind: str, table: reader.Table, *, commit: bool, progress: Progress | None
) -> Result:
    columns, problems = match_headers(kind, table.headers)
    if problems:
        raise ValidationError({"file": problems}, code="columns")
    handler = HANDLERS[kind]
    result = Result(kind)
    total = len(table.rows)
    try:
        with transaction.atomic():
            context = Context(actor)
            for n, row in enumerate(table.rows):
                number = n + 2  # the header is row 1
                try:
                    with transaction.atomic():
                        outcome = handler(context, row, columns, number)
                except Refused as exc:
                    outcome = RowResult(
                        number,
                        REFUSED,
                        label=label_of(kind, row, columns),
                        problems=[
                            (_cell(columns, key, number), message)
                            for key, message in exc.problems
                        ],
                    )  # fmt: skip
                result.rows.append(outcome)
                if progress is not None and (n % 100 == 0 or n == total - 1):
                    progress(n + 1, total)
            with transaction.atomic():
                create_pending(context, columns, _cell)
            if not commit or result.refused:
                raise _Rollback
    except _Rollback:
        pass
    return result


def _table(batch: ImportBatch) -> reader.Table:
    if not batch.content:
        raise ValidationError(_("This import is already finished."), code="finished")
    content = base64.b64decode(crypto.decrypt(batch.content))
    return reader.read_table(content)


def _check_actor(actor: User, batch: ImportBatch | None = None) -> None:
    if not policy.may_import(actor):
        raise PermissionDenied
    if batch is not None and (
        batch.user_id != actor.pk or batch.organisation_id != actor.organisation_id
    ):
        raise PermissionDenied


def upload(
    actor: User, kind: str, name: str, content: bytes, progress: Progress | None = None
) -> tuple[ImportBatch, Result]:
    """Read and dry-run an uploaded file; keep it (encrypted) for the confirmation.
    Refusals of the file itself are ``ValidationError`` at ``file`` (or ``kind``)."""
    _check_actor(actor)
    table = _checked_table(kind, name, content)
    result = _run(actor, kind, table, commit=False, progress=progress)
    return _keep(actor, kind, name, content, result), result


def receive(actor: User, kind: str, name: str, content: bytes) -> tuple[ImportBatch, bool]:
    """An upload from the page: a file of at most ``inline_rows()`` rows is dry-run at
    once (``upload``); a larger one is kept as ``CHECKING`` for the dry-run job
    (``check``). Returns the batch and whether its dry run is still to do. The file, its
    size and its columns are checked here either way (``ValidationError`` at ``file``)."""
    _check_actor(actor)
    table = _checked_table(kind, name, content)
    if len(table.rows) <= inline_rows():
        batch, _result = upload(actor, kind, name, content)
        return batch, False
    return _keep(actor, kind, name, content, None), True


def _checked_table(kind: str, name: str, content: bytes) -> reader.Table:
    if kind not in KINDS:
        raise ValidationError({"kind": _("Choose clients or decisions.")}, code="kind")
    table = _check_file(name, content)
    _columns, problems = match_headers(kind, table.headers)
    if problems:
        raise ValidationError({"file": problems}, code="columns")
    return table


def _keep(actor: User, kind: str, name: str, content: bytes, result: Result | None) -> ImportBatch:
    # One file waits for its confirmation at a time: an earlier one is discarded (its
    # encrypted content emptied), so files nobody confirms do not pile up.
    with transaction.atomic():
        ImportBatch.objects.filter(
            user=actor, status__in=(Status.PREVIEWED, Status.CHECKING)
        ).update(status=Status.DISCARDED, content="", finished_at=timezone.now())
        return ImportBatch.objects.create(
            organisation_id=actor.organisation_id,
            user=actor,
            kind=kind,
            filename=name[:255],
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            content=crypto.encrypt(base64.b64encode(content).decode("ascii")),
            status=Status.PREVIEWED if result is not None else Status.CHECKING,
            summary=result.summary() if result is not None else {},
            preview=result_json(result) if result is not None else [],
            digest=result.digest() if result is not None else "",
        )


def check(actor: User, batch: ImportBatch, progress: Progress | None = None) -> Result:
    """The dry run of a ``CHECKING`` batch (a big file, in its job): its result is kept
    on the batch, which becomes ``PREVIEWED``, in one statement: a worker killed before it
    leaves the batch ``CHECKING`` for the retry. Refused (``ValidationError``) when the
    batch is no longer waiting for its check (discarded, replaced by a new upload)."""
    _check_actor(actor, batch)
    if not ImportBatch.objects.filter(pk=batch.pk, status=Status.CHECKING).exists():
        raise ValidationError(_("This file is no longer waiting for its check."), code="finished")
    result = _run(actor, batch.kind, _table(batch), commit=False, progress=progress)
    updated = ImportBatch.objects.filter(pk=batch.pk, status=Status.CHECKING).update(
        status=Status.PREVIEWED,
        summary=result.summary(),
        preview=result_json(result),
        digest=result.digest(),
    )
    if not updated:
        raise ValidationError(_("This file is no longer waiting for its check."), code="finished")
    batch.refresh_from_db()
    return result


def dry_run(actor: User, batch: ImportBatch, progress: Progress | None = None) -> Result:
    """Run the dry run again and keep its result on ``batch``."""
    _check_actor(actor, batch)
    result = _run(actor, batch.kind, _table(batch), commit=False, progress=progress)
    ImportBatch.objects.filter(pk=batch.pk).update(
        summary=result.summary(), preview=result_json(result), digest=result.digest()
    )
    batch.refresh_from_db()
    return result


class NotConfirmed(ValidationError):
    """The confirmation was refused; ``result`` is what the rows do now (kept on the batch
    as its new preview)."""

    def __init__(self, message: str, code: str, result: Result) -> None:
        super().__init__(message, code=code)
        self.result = result


def confirm(
    actor: User, batch: ImportBatch, digest: str, progress: Progress | None = None
) -> Result:
    """Import every row in one transaction, or nothing: refused when a row is refused or
    the outcomes differ from the preview the user confirmed (``digest``); then the new
    outcomes become the batch's preview."""
    _check_actor(actor, batch)
    try:
        return _confirm(actor, batch, digest, progress)
    except NotConfirmed as exc:
        ImportBatch.objects.filter(pk=batch.pk).update(
            summary=exc.result.summary(),
            preview=result_json(exc.result),
            digest=exc.result.digest(),
        )
        raise


def _confirm(actor: User, batch: ImportBatch, digest: str, progress: Progress | None) -> Result:
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != Status.PREVIEWED:
            raise ValidationError(_("This import is already finished."), code="finished")
        result = _run(actor, locked.kind, _table(locked), commit=True, progress=progress)
        if result.refused:
            raise NotConfirmed(
                _("Nothing was imported: %(count)d rows are refused. Correct them and upload "
                  "the file again.")
                % {"count": len(result.refused)},
                "refused",
                result,
            )  # fmt: skip
        if result.digest() != digest:  # the transaction rolls back with the error
            raise NotConfirmed(
                _("The data changed since the preview: check the new preview and confirm again."),
                "not_previewed",
                result,
            )
        locked.status = Status.IMPORTED
        locked.content = ""
        locked.summary = result.summary()
        locked.preview = result_json(result)
        locked.finished_at = timezone.now()
        locked.save()
    return result


def discard(actor: User, batch: ImportBatch) -> None:
    _check_actor(actor, batch)
    ImportBatch.objects.filter(pk=batch.pk, status__in=(Status.PREVIEWED, Status.CHECKING)).update(
        status=Status.DISCARDED, content="", finished_at=timezone.now()
    )


def result_csv(result: Result) -> bytes:
    """The rows' outcomes as a CSV file (the jobs' result to download): row, outcome,
    name or case number, changed fields, problems at their cells. Never an identity
    code, as the preview."""
    from luotsi import tabular

    sheet = tabular.Sheet(
        _("Rows"),
        [_("Row"), _("Outcome"), _("Client or case"), _("Changed fields"), _("Problems")],
        [
            [
                row.number,
                row.outcome,
                row.label,
                ", ".join(row.changed),
                " ".join(
                    f"{cell}: {message}" if cell else message for cell, message in row.problems
                ),
            ]
            for row in result.rows
        ],
    )
    content, _type, _extension = tabular.render([sheet], "csv")
    return content


def result_json(result: Result) -> list[dict[str, Any]]:
    return [
        {**asdict(row), "problems": [list(problem) for problem in row.problems]}
        for row in result.rows
    ]
