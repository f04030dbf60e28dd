from django.urls import path

from isogov.qms import views

app_name = "qms"
urlpatterns = [
    path("procedures/", views.procedures, name="procedures"),
    path("agencies/<str:code>/transition/", views.transition, name="transition"),
    path("agencies/<str:code>/facts/", views.fact_create, name="fact_create"),
    path("agencies/<str:code>/announce/", views.announce, name="announce"),
    path("agencies/<str:code>/announce/decision.docx", views.announcement_decision, name="announcement_decision"),
    path("agencies/<str:code>/announce/decision.pdf", views.announcement_decision_pdf,
         name="announcement_decision_pdf"),
    path("agencies/<str:code>/announce/notice.docx", views.announcement_notice, name="announcement_notice"),
    path("agencies/<str:code>/announce/notice.pdf", views.announcement_notice_pdf, name="announcement_notice_pdf"),
    path("agencies/<str:code>/announcements/<int:pk>/file/", views.announcement_file, name="announcement_file"),
    path("agencies/<str:code>/scope/", views.scope, name="scope"),
    # By the procedure's id, not its code: a code stored before codes were checked may hold "/" or "?".
    path("agencies/<str:code>/scope/<int:pk>/remove/", views.scope_remove, name="scope_remove"),
]
