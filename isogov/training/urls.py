from django.urls import path

from isogov.training import views

app_name = "training"
urlpatterns = [
    path("training/", views.index, name="index"),
]
