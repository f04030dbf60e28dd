from django.urls import path

from isogov.programme import views

app_name = "programme"
urlpatterns = [
    path("programme/", views.index, name="index"),
]
