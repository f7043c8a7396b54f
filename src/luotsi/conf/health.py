"""``/healthz`` (liveness: is the process up and can it reach its database?) and
``/readyz`` (readiness: may the load balancer send it requests, i.e. is the database
reachable and every migration this code knows applied?)."""

from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# Once this process has seen its migrations applied they stay so (an upgrade starts new
# processes); until then every probe looks again.
_migrated = False


def _database_error() -> JsonResponse | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "detail": type(exc).__name__},
            status=503,
        )
    return None


@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    error = _database_error()
    if error is not None:
        return error
    return JsonResponse({"status": "ok", "database": connection.vendor})


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


@transaction.non_atomic_requests
@never_cache
@require_GET
def readyz(request):
    global _migrated
    error = _database_error()
    if error is not None:
        return error
    if not _migrated:
        try:
            pending = pending_migrations()
        except DatabaseError as exc:
            return JsonResponse(
                {"status": "error", "database": "unreadable", "detail": type(exc).__name__},
                status=503,
            )
        if pending:
            return JsonResponse(
                {"status": "migrations pending", "pending": len(pending)}, status=503
            )
        _migrated = True
    return JsonResponse({"status": "ready", "database": connection.vendor})
