from django.urls import path

from isogov.reviews import views

app_name = "reviews"
urlpatterns = [
    path("agencies/<str:code>/reviews/", views.agency_index, name="agency_index"),
    path("agencies/<str:code>/reviews/new/", views.plan, name="plan"),
    path("agencies/<str:code>/reviews/<int:pk>/", views.detail, name="detail"),
    path("agencies/<str:code>/reviews/<int:pk>/edit/", views.edit, name="edit"),
    path("agencies/<str:code>/reviews/<int:pk>/hold/", views.hold, name="hold"),
    path("agencies/<str:code>/reviews/<int:pk>/delete/", views.delete, name="delete"),
    path("agencies/<str:code>/reviews/<int:pk>/actions/", views.action_add, name="action_add"),
    path("agencies/<str:code>/reviews/<int:pk>/minutes.docx", views.minutes, name="minutes"),
    path("agencies/<str:code>/reviews/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("agencies/<str:code>/reviews/agenda/<int:pk>/", views.agenda_note, name="agenda_note"),
    path("agencies/<str:code>/reviews/actions/<int:pk>/done/", views.action_done, name="action_done"),
]
