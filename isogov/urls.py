from django.urls import include, path

from isogov.accounts.login import LoginView, LogoutView
from isogov.core import views as core_views

urlpatterns = [
    path("", include("isogov.home.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("", include("isogov.accounts.urls")),
    path("agencies/", include("isogov.registry.urls")),
    path("", include("isogov.qms.urls")),
    path("", include("isogov.doctemplates.urls")),
    path("audit/", include("isogov.audit.urls")),
    path("jobs/", include("isogov.jobs.urls")),
    path("", include("isogov.documents.urls")),
    path("", include("isogov.library.urls")),
    path("", include("isogov.catalogue.urls")),
    path("", include("isogov.objectives.urls")),
    path("", include("isogov.risks.urls")),
    path("", include("isogov.audits.urls")),
    path("", include("isogov.capa.urls")),
    path("", include("isogov.reviews.urls")),
    path("", include("isogov.feedback.urls")),
    path("", include("isogov.compliance.urls")),
    path("", include("isogov.scoring.urls")),
    path("", include("isogov.programme.urls")),
    path("", include("isogov.training.urls")),
    path("", include("isogov.events.urls")),
    path("", include("isogov.inspections.urls")),
    path("", include("isogov.dashboard.urls")),
    path("", include("isogov.reports.urls")),
    path("", include("isogov.notifications.urls")),
    path("", include("isogov.portal.urls")),  # the public portal (/public/, robots.txt): no login
    path("portal/", include("isogov.portal.urls_staff")),
    path("api/v1/", include("isogov.api_urls")),
    path("", include("isogov.search.urls")),
]
