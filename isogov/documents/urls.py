from django.urls import path

from isogov.documents import views

app_name = "documents"
urlpatterns = [
    path("documents/overdue-legal/", views.overdue_legal, name="overdue_legal"),
    path("agencies/<str:code>/documents/", views.agency_index, name="agency_index"),
    path("agencies/<str:code>/documents/register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("agencies/<str:code>/documents/new/", views.document_create, name="create"),
    path("agencies/<str:code>/documents/<int:pk>/", views.document_detail, name="detail"),
    path("agencies/<str:code>/documents/<int:pk>/edit/", views.document_edit, name="edit"),
    path("agencies/<str:code>/documents/<int:pk>/incorporate/", views.document_incorporate, name="incorporate"),
    path("agencies/<str:code>/documents/<int:pk>/reviewed/", views.document_reviewed, name="reviewed"),
    path("agencies/<str:code>/documents/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("agencies/<str:code>/documents/versions/<int:pk>/edit/", views.version_edit, name="version_edit"),
    path("agencies/<str:code>/documents/versions/<int:pk>/transition/", views.version_transition,
         name="version_transition"),
    path("agencies/<str:code>/documents/versions/<int:pk>/file/", views.version_file, name="version_file"),
]
