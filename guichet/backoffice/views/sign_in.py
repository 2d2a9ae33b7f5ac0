"""Staff sign-in and sign-out: Django's authentication views with Guichet's templates.

After the password, backoffice.middleware sends the session through the code step
(views/two_step.py); then each role lands on its own tool (backoffice.tools.landing_url)."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from guichet.backoffice.tools import landing_url


class SignInView(auth_views.LoginView):
    template_name = "backoffice/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user)


class SignOutView(auth_views.LogoutView):
    """Sign-out is a POST (a link could be followed by a prefetching browser)."""


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """/en/staff/: the signed-in user's own tool."""
    return redirect(landing_url(request.user))
