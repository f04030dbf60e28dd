from django.urls import path

from isogov.training import views, views_io

app_name = "training"
urlpatterns = [
    path("training/", views.index, name="index"),
    path("training/coverage/", views.coverage, name="coverage"),
    path("training/coverage.xlsx", views.coverage_xlsx, name="coverage_xlsx"),
    path("training/courses/new/", views.course_create, name="course_create"),
    path("training/courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("training/courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("training/courses/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("training/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("training/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("training/sessions/<int:pk>/trainees/", views.trainee_add, name="trainee_add"),
    path("training/sessions/<int:pk>/import/", views_io.session_import, name="session_import"),
    path("training/trainees/<int:pk>/edit/", views.trainee_edit, name="trainee_edit"),
    path("training/trainees/<int:pk>/remove/", views.trainee_remove, name="trainee_remove"),
    path("agencies/<str:code>/training/", views.agency_index, name="agency_index"),
]
