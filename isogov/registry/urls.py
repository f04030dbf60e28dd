from django.urls import path

from isogov.registry import views, views_io

app_name = "registry"
urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("new/", views.agency_create, name="agency_create"),
    path("import/", views_io.agency_import, name="agency_import"),
    path("export/", views_io.agency_export, name="agency_export"),
    path("<str:code>/", views.agency_detail, name="agency_detail"),
    path("<str:code>/edit/", views.agency_edit, name="agency_edit"),
    path("<str:code>/merge/", views.agency_merge, name="agency_merge"),
]
