from django.urls import path

from isogov.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("dashboard/", views.province, name="province"),
    path("dashboard/agencies/", views.agencies, name="agencies"),
]
