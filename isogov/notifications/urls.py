from django.urls import path

from isogov.notifications import views

app_name = "notifications"
urlpatterns = [
    path("notifications/", views.index, name="index"),
    path("notifications/<int:pk>/read/", views.mark_read, name="mark_read"),
    path("notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("account/notifications/", views.preferences, name="preferences"),
]
