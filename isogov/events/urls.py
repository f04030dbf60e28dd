from django.urls import path

from isogov.events import views

app_name = "events"
urlpatterns = [
    path("events/", views.index, name="index"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("events/<int:pk>/attendees/", views.attendee_add, name="attendee_add"),
    path("events/<int:pk>/materials/", views.material_add, name="material_add"),
    path("events/attendees/<int:pk>/remove/", views.attendee_remove, name="attendee_remove"),
    path("events/materials/<int:pk>/", views.material_download, name="material_download"),
    path("events/materials/<int:pk>/remove/", views.material_remove, name="material_remove"),
    path("agencies/<str:code>/events/", views.agency_index, name="agency_index"),
]
