from django.urls import path

from isogov.scoring import views

app_name = "scoring"
urlpatterns = [
    path("scoring/", views.index, name="index"),
    path("scoring/<int:year>/<slug:scope>/<slug:key>/", views.explain, name="explain"),
    path("agencies/<str:code>/scoring/", views.agency_score, name="agency"),
    path("scoring/rulesets/", views.rulesets, name="rulesets"),
]
