from django.urls import path

from isogov.library import views

app_name = "library"
urlpatterns = [
    path("library/", views.index, name="index"),
    path("library/new/", views.template_create, name="template_create"),
    path("library/<int:pk>/", views.template_detail, name="template"),
    path("library/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("library/<int:pk>/versions/<int:number>/", views.version_detail, name="version"),
    path("library/<int:pk>/versions/<int:number>/docx/", views.version_docx, name="version_docx"),
    path("agencies/<str:code>/library/", views.agency_index, name="agency_index"),
    path("agencies/<str:code>/library/<int:pk>/adopt/", views.adopt, name="adopt"),
    path("agencies/<str:code>/library/adoptions/<int:pk>/", views.adoption_detail, name="adoption"),
    path("agencies/<str:code>/library/adoptions/<int:pk>/take/", views.adoption_take, name="adoption_take"),
    path("agencies/<str:code>/library/adoptions/<int:pk>/handled/", views.adoption_handled, name="adoption_handled"),
]
