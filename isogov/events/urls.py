from django.urls import path

from isogov.events import views

app_name = "events"
urlpatterns = [
    path("events/", views.index, name="index"),
]
