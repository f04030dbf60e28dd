from django.urls import path

from isogov.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("catalogue/", views.index, name="index"),
    path("catalogue/decisions/new/", views.publication_upload, name="publication_upload"),
    path("catalogue/decisions/<int:pk>/", views.publication, name="publication"),
    path("catalogue/decisions/<int:pk>/apply/", views.publication_apply, name="publication_apply"),
    path("catalogue/decisions/<int:pk>/cancel/", views.publication_cancel, name="publication_cancel"),
    path("catalogue/legal/", views.legal_index, name="legal_index"),
    path("catalogue/legal/new/", views.legal_create, name="legal_create"),
    path("catalogue/legal/<int:pk>/", views.legal_detail, name="legal_detail"),
    path("agencies/<str:code>/catalogue/scope/", views.proposal, name="proposal"),
    path("agencies/<str:code>/catalogue/edition/", views.edition, name="edition"),
]
