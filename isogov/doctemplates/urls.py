from django.urls import path

from isogov.doctemplates import views

app_name = "doctemplates"
urlpatterns = [
    path("document-templates/", views.index, name="index"),
    path("document-templates/<slug:key>/", views.detail, name="detail"),
    path("document-templates/<slug:key>/template.docx", views.download, name="download"),
    path("document-templates/<slug:key>/reset/", views.reset, name="reset"),
]
