from django.urls import path

from isogov.audits import views

app_name = "audits"
urlpatterns = [
    path("agencies/<str:code>/audits/", views.agency_index, name="agency_index"),
]
