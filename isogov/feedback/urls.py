from django.urls import path

from isogov.feedback import views

app_name = "feedback"
urlpatterns = [
    path("agencies/<str:code>/feedback/", views.agency_index, name="agency_index"),
]
