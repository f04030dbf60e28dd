"""The news desk (namespace "portal"): signed-in pages, walked by core/tests/routes.py."""
from django.urls import path

from isogov.portal import views_staff

app_name = "portal"

urlpatterns = [
    path("news/", views_staff.news_desk, name="news_desk"),
    path("news/new/", views_staff.news_create, name="news_create"),
    path("news/<int:pk>/edit/", views_staff.news_edit, name="news_edit"),
    path("news/<int:pk>/publish/", views_staff.news_publish, name="news_publish"),
    path("news/<int:pk>/unpublish/", views_staff.news_unpublish, name="news_unpublish"),
]
