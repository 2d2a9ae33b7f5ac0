"""Who may open a staff page: signed in, with the permission the page needs."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

VIEW_CASE_FILE = "cases.view_case_file"
ADVANCE_CASE_STEP = "cases.advance_case_step"
RECORD_DECISION = "cases.record_decision"

View = Callable[..., HttpResponse]


def staff_permission_required(permission: str) -> Callable[[View], View]:
    """Send an anonymous visitor to the sign-in page; refuse (403) a signed-in user who lacks
    `permission`. Staff pages carry personal data, so no browser or proxy may cache them."""

    def decorator(view: View) -> View:
        guarded: Any = permission_required(permission, raise_exception=True)(never_cache(view))
        return login_required(guarded)

    return decorator


def staff_user(request: HttpRequest) -> User:
    """The signed-in staff member making the request (the services record who acted)."""
    user = request.user
    if not isinstance(user, User):  # only behind staff_permission_required: never anonymous
        raise PermissionDenied
    return user
