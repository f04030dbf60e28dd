from django.urls import path

from isogov.documents import views

app_name = "documents"
urlpatterns = [
    path("agencies/<str:code>/documents/", views.agency_index, name="agency_index"),
]
