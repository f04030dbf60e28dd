from django.urls import path

from isogov.reviews import views

app_name = "reviews"
urlpatterns = [
    path("agencies/<str:code>/reviews/", views.agency_index, name="agency_index"),
]
