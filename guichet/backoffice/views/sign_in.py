"""Staff sign-in and sign-out: Django's authentication views with Guichet's templates."""

from django.contrib.auth import views as auth_views


class SignInView(auth_views.LoginView):
    template_name = "backoffice/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign-out is a POST (a link could be followed by a prefetching browser)."""
