from django.http import HttpRequest

from . import policy


def permissions(request: HttpRequest) -> dict[str, bool]:
    """What the navigation may offer (the views check again, through the policy)."""
    user = getattr(request, "user", None)
    return {
        "can_list_clients": policy.can_list_clients(user),
        "can_audit": policy.can_audit(user),
        "can_bill": policy.can_bill(user),
        "can_manage_quality": policy.can_manage_quality(user),
    }
