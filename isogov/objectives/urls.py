from django.urls import path

from isogov.objectives import views, views_import

app_name = "objectives"
urlpatterns = [
    path("agencies/<str:code>/objectives/", views.agency_index, name="agency_index"),
    path("agencies/<str:code>/objectives/new/", views.create, name="create"),
    path("agencies/<str:code>/objectives/import/", views_import.onestop_import, name="import"),
    path("agencies/<str:code>/objectives/<int:pk>/", views.detail, name="detail"),
    path("agencies/<str:code>/objectives/<int:pk>/edit/", views.edit, name="edit"),
    path("agencies/<str:code>/objectives/<int:pk>/delete/", views.delete, name="delete"),
    path("agencies/<str:code>/objectives/<int:pk>/measure/", views.measure, name="measure"),
    path("agencies/<str:code>/objectives/measurements/<int:pk>/delete/", views.measurement_delete,
         name="measurement_delete"),
]
