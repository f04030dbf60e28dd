"""The public portal (namespace "public", no login) at /public/, and robots.txt."""
from django.urls import path

from isogov.portal import views

app_name = "public"

urlpatterns = [
    path("robots.txt", views.robots, name="robots"),
    path("public/", views.home, name="home"),
    path("public/agencies/", views.agency_list, name="agency_list"),
    path("public/agencies/<str:code>/", views.agency_detail, name="agency_detail"),
    path("public/agencies/<str:code>/announcement/<int:pk>.pdf", views.announcement_file,
         name="announcement_file"),
    path("public/news/", views.news_list, name="news_list"),
    path("public/news/<int:pk>/", views.news_detail, name="news_detail"),
    path("public/news/<int:pk>/attachment", views.news_attachment, name="news_attachment"),
]
