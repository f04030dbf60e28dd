from django.urls import path

from isogov.feedback import views

app_name = "feedback"
urlpatterns = [
    path("agencies/<str:code>/feedback/", views.agency_index, name="agency_index"),
    path("agencies/<str:code>/feedback/complaints/", views.complaint_create, name="complaint_create"),
    path("agencies/<str:code>/feedback/complaints/<int:pk>/respond/", views.complaint_respond,
         name="complaint_respond"),
    path("agencies/<str:code>/feedback/complaints/<int:pk>/nonconformity/", views.complaint_nonconformity,
         name="complaint_nonconformity"),
    path("agencies/<str:code>/feedback/surveys/", views.survey_create, name="survey_create"),
    path("agencies/<str:code>/feedback/surveys/<int:pk>/delete/", views.survey_delete, name="survey_delete"),
]
