from django.urls import path

from isogov.compliance import views

app_name = "compliance"
urlpatterns = [
    path("compliance/", views.index, name="index"),
    path("compliance/table.xlsx", views.table_xlsx, name="table_xlsx"),
    path("agencies/<str:code>/compliance/", views.agency_card, name="agency_card"),
]
