from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest

from . import landing


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The role pages the user may open, for the main navigation (the views check again)."""
    user = getattr(request, "user", None)
    loaded = getattr(user, "_prefetched_objects_cache", {})
    if getattr(user, "is_authenticated", False) and "role_assignments" not in loaded:
        # Once for the whole page: the navigation and the permissions both read the roles.
        prefetch_related_objects([user], "role_assignments")
    return {"role_pages": landing.navigation(user) if user is not None else []}
