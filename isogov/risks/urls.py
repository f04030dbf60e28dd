from django.urls import path

from isogov.risks import views

app_name = "risks"
urlpatterns = [
    path("agencies/<str:code>/risks/", views.agency_index, name="agency_index"),
    path("agencies/<str:code>/risks/register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("agencies/<str:code>/risks/new/", views.create, name="create"),
    path("agencies/<str:code>/risks/<int:pk>/", views.detail, name="detail"),
    path("agencies/<str:code>/risks/<int:pk>/edit/", views.edit, name="edit"),
    path("agencies/<str:code>/risks/<int:pk>/delete/", views.delete, name="delete"),
    path("agencies/<str:code>/risks/<int:pk>/actions/", views.action_add, name="action_add"),
    path("agencies/<str:code>/risks/actions/<int:pk>/done/", views.action_done, name="action_done"),
]
