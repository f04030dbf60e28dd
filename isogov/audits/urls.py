from django.urls import path

from isogov.audits import views

app_name = "audits"
urlpatterns = [
    path("agencies/<str:code>/audits/", views.agency_index, name="agency_index"),
    path("agencies/<str:code>/audits/new/", views.audit_plan, name="create"),
    path("agencies/<str:code>/audits/<int:pk>/", views.audit_detail, name="detail"),
    path("agencies/<str:code>/audits/<int:pk>/edit/", views.audit_plan, name="edit"),
    path("agencies/<str:code>/audits/<int:pk>/team/", views.audit_team, name="team"),
    path("agencies/<str:code>/audits/<int:pk>/areas/", views.area_add, name="area_add"),
    path("agencies/<str:code>/audits/<int:pk>/start/", views.audit_start, name="start"),
    path("agencies/<str:code>/audits/<int:pk>/findings/", views.finding_add, name="finding_add"),
    path("agencies/<str:code>/audits/<int:pk>/report/", views.audit_report, name="report"),
    path("agencies/<str:code>/audits/<int:pk>/cancel/", views.audit_cancel, name="cancel"),
    path("agencies/<str:code>/audits/<int:pk>/report.docx", views.report_docx, name="report_docx"),
    path("agencies/<str:code>/audits/<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("agencies/<str:code>/audits/areas/<int:pk>/remove/", views.area_remove, name="area_remove"),
    path("agencies/<str:code>/audits/checklist/<int:pk>/", views.checklist_item, name="checklist_item"),
    path("agencies/<str:code>/audits/findings/<int:pk>/remove/", views.finding_remove, name="finding_remove"),
]
