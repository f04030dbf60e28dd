from django.urls import path

from isogov.risks import views

app_name = "risks"
urlpatterns = [
    path("agencies/<str:code>/risks/", views.agency_index, name="agency_index"),
]
