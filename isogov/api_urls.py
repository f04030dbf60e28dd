"""The REST API under /api/v1/: every area's routes (its `apis.ROUTES`) on one router, the OpenAPI schema and its
interactive docs (Swagger UI from drf-spectacular-sidecar's static files, started by our own script: no CDN, no
inline script under the site's Content-Security-Policy)."""
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView

from isogov.audits import apis as audits
from isogov.capa import apis as capa
from isogov.core.api.base import Router
from isogov.documents import apis as documents
from isogov.events import apis as events
from isogov.feedback import apis as feedback
from isogov.inspections import apis as inspections
from isogov.objectives import apis as objectives
from isogov.objectives import apis_onestop as onestop
from isogov.programme import apis as programme
from isogov.qms import apis as qms
from isogov.registry import apis as registry
from isogov.reviews import apis as reviews
from isogov.risks import apis as risks
from isogov.training import apis as training

AREAS = (registry, qms, documents, objectives, onestop, risks, capa, audits, reviews, feedback, training, programme,
         events, inspections)

router = Router()
for area in AREAS:
    for prefix, viewset, basename in area.ROUTES:
        router.register(prefix, viewset, basename=basename)

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The docs page is for signed-in people: it reads the schema with their session.
    path("docs/", login_required(TemplateView.as_view(template_name="api/docs.html")), name="docs"),
    path("", include(router.urls)),
]
