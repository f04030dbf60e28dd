from django.urls import path

from isogov.capa import views

app_name = "capa"
urlpatterns = [
    path("agencies/<str:code>/capa/", views.agency_index, name="agency_index"),
]
