from django.urls import path

from isogov.objectives import views

app_name = "objectives"
urlpatterns = [
    path("agencies/<str:code>/objectives/", views.agency_index, name="agency_index"),
]
