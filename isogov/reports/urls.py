from django.urls import path

from isogov.reports import views

app_name = "reports"
urlpatterns = [
    path("reports/annual/", views.index, name="index"),
    path("reports/annual/<int:year>/", views.province, name="province"),
    path("reports/annual/<int:year>/text/", views.province_text, name="province_text"),
    path("reports/annual/<int:year>/report.<slug:fmt>", views.province_file, name="province_file"),
    path("agencies/<str:code>/annual-report/", views.agency_index, name="agency_index"),
    path("reports/annual/<int:year>/agencies/<str:code>/", views.agency, name="agency"),
    path("reports/annual/<int:year>/agencies/<str:code>/text/", views.agency_text, name="agency_text"),
    path("reports/annual/<int:year>/agencies/<str:code>/report.<slug:fmt>", views.agency_file, name="agency_file"),
]
