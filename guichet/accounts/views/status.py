"""The public status check: a client without an account sees where an application stands.

The page asks what the public API asks (application number, family name, date of birth) and
hands them to the very function behind the API, `accounts.lookup.status_lookup`, with the
client address found the same way (`accounts.network.client_ip`): one proof, one throttle, one
status selector for both. The details travel in a POST body and the answer is rendered in
response to it, so no number, name or date ever appears in an address, a history or a log.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from guichet.accounts.errors import Throttled
from guichet.accounts.forms import StatusCheckForm, error_attach
from guichet.accounts.lookup import status_lookup
from guichet.accounts.network import client_ip
from guichet.accounts.selectors import actions_needed, history_newest_first
from guichet.accounts.views import page_language, throttled
from guichet.core.errors import GuichetError


@never_cache
@require_http_methods(["GET", "POST"])
def status_check(request: HttpRequest) -> HttpResponse:
    form = StatusCheckForm(request.POST if request.method == "POST" else None)
    retry_after: int | None = None
    context: dict[str, object] = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        try:
            status = status_lookup(
                application_number=data["application_number"],
                family_name=data["family_name"],
                date_of_birth=data["date_of_birth"],
                ip=client_ip(request),
                language=page_language(),
                channel="web",
            )
        except Throttled as error:
            error_attach(form, error)
            retry_after = error.retry_after
        except GuichetError as error:
            error_attach(form, error)
        else:
            context.update(
                status=status,
                actions=actions_needed(status),
                history=history_newest_first(status),
            )
            return render(request, "accounts/status_result.html", context)
    return throttled(render(request, "accounts/status_check.html", context), retry_after)
