from django.urls import path

from isogov.home import views

app_name = "home"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/<str:code>/todo/", views.agency_todo, name="agency_todo"),
]
