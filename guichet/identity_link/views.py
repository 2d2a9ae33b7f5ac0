"""Staff pages of the identity link: the possible-duplicate queue, one review with both
records side by side and the evidence per field, and splitting a merge. Addresses carry
internal ids only. Every view of the two clients' records is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from guichet.backoffice.access import staff_permission_required, staff_user
from guichet.backoffice.views.language import page_language
from guichet.clients.models import Client
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError
from guichet.identity_link.models import ClientMerge, DuplicateReview
from guichet.identity_link.selectors import duplicate_reviews_open
from guichet.identity_link.services import client_split, duplicate_review_decide

REVIEW = "identity_link.review_duplicate"
MERGE = "identity_link.merge_client"
QUEUE_LIMIT = 200
# The fields shown side by side, each with the comparison that weighs it.
FIELDS = (
    ("family_name", gettext_lazy("Family name"), "family_name"),
    ("given_names", gettext_lazy("Given names"), "given_names"),
    ("date_of_birth", gettext_lazy("Date of birth"), "date_of_birth"),
    ("sex", gettext_lazy("Sex"), "sex"),
    ("postal_code", gettext_lazy("Postal code"), "postal_code"),
)


@staff_permission_required(REVIEW)
def duplicate_queue(request: HttpRequest) -> HttpResponse:
    reviews = list(duplicate_reviews_open()[:QUEUE_LIMIT])
    return render(request, "identity_link/duplicate_queue.html", {"reviews": reviews})


def _evidence_text(entry: dict[str, Any] | None) -> str:
    if entry is None:
        return ""
    weight = float(entry.get("weight", 0))
    if entry.get("level", "").endswith("blank") or weight == 0:
        return _("No evidence (blank on one side)")
    if weight > 0:
        return _("For the same person (%(weight)s)") % {"weight": f"+{weight:.1f}"}
    return _("Against (%(weight)s)") % {"weight": f"−{abs(weight):.1f}"}


def _value(client: Client, field: str) -> str:
    value = getattr(client, field)
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")


@staff_permission_required(REVIEW)
@require_http_methods(["GET", "POST"])
def duplicate_review(request: HttpRequest, review_id: int) -> HttpResponse:
    review = (
        DuplicateReview.objects.select_related("client", "candidate", "decided_by")
        .filter(pk=review_id)
        .first()
    )
    if review is None:
        raise Http404
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("same", "different"):
            messages.error(request, _("Choose whether these are the same person."))
        else:
            try:
                duplicate_review_decide(
                    review_id=review.pk, same_person=decision == "same", actor=staff_user(request)
                )
            except GuichetError as error:
                messages.error(request, error.text(page_language()))
            else:
                messages.success(
                    request,
                    _("The two records were merged.")
                    if decision == "same"
                    else _("The two records stay apart: they are different people."),
                )
                return redirect("identity_link:duplicates")
        return redirect("identity_link:duplicate", review_id=review.pk)
    for client in (review.client, review.candidate):
        audit_record(
            actor=request.user,
            action="view",
            target_type="client",
            target_id=client.pk,
            detail=f"possible duplicate review {review.pk}",
        )
    evidence = {entry.get("comparison"): entry for entry in review.evidence}
    rows = [
        {
            "label": label,
            "new": _value(review.client, field),
            "existing": _value(review.candidate, field),
            "evidence": _evidence_text(evidence.get(comparison)),
        }
        for field, label, comparison in FIELDS
    ]
    merge = ClientMerge.objects.filter(review=review, split_at__isnull=True).first()
    return render(
        request,
        "identity_link/duplicate_review.html",
        {
            "review": review,
            "rows": rows,
            "merge": merge,
            "may_split": request.user.has_perm(MERGE),
            "new_cases": review.client.cases.count(),
            "existing_cases": review.candidate.cases.count(),
        },
    )


@staff_permission_required(MERGE)
@require_POST
def merge_split(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = ClientMerge.objects.filter(pk=merge_id).first()
    if merge is None:
        raise Http404
    try:
        client_split(merge_id=merge.pk, actor=staff_user(request))
    except GuichetError as error:
        messages.error(request, error.text(page_language()))
    else:
        messages.success(request, _("The two records were split: each has its own cases again."))
    if merge.review_id:
        return redirect("identity_link:duplicate", review_id=merge.review_id)
    return redirect("identity_link:duplicates")
