"""'Did you find what you were looking for?': a plain form at the foot of public pages, posted
here. Anonymous and cookie-free (hence no CSRF token: nothing of anyone's can be changed)."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt

from guichet.core.errors import InvalidInput
from guichet.feedback.services import page_feedback_record


@csrf_exempt
def page_feedback(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    language = "fr" if (get_language() or "en").startswith("fr") else "en"
    path = request.POST.get("path", "")
    back = path if url_has_allowed_host_and_scheme(path, allowed_hosts=None) else ""
    try:
        page_feedback_record(
            path=path,
            language=language,
            helpful=request.POST.get("helpful", ""),
            comment=request.POST.get("comment", ""),
        )
    except InvalidInput as error:
        return render(
            request,
            "feedback/page_feedback_done.html",
            {"error": error.text(language), "back": back},
            status=400,
        )
    return render(request, "feedback/page_feedback_done.html", {"back": back})
