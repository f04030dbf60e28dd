"""Signing in and out, each with its writes in one transaction."""
from django.contrib.auth import views as auth_views
from django.db import transaction


class LoginView(auth_views.LoginView):
    """Django's login page. The password is checked before the transaction (Argon2 takes a while); then the
    new session, the last-login time and axes' records (access log, attempts reset) are written together.

    Each of those was its own write on SQLite, so every login queued for the single write lock six times;
    under fifty logins at once some waited past the busy timeout and answered 500.
    """

    def form_valid(self, form):
        with transaction.atomic():
            return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    """Django's logout: axes' access log, its clean-up and the session's deletion in one transaction."""

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            return super().post(request, *args, **kwargs)
