from django.urls import path

from isogov.inspections import views, views_visit

app_name = "inspections"
urlpatterns = [
    path("inspections/", views.index, name="index"),
    path("inspections/new/", views.plan_create, name="plan_create"),
    path("inspections/inspectors/", views.inspectors, name="inspectors"),
    path("inspections/inspectors/<int:pk>/", views.inspector_edit, name="inspector_edit"),
    path("inspections/<int:pk>/", views.plan_detail, name="plan"),
    path("inspections/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("inspections/<int:pk>/onsite/", views.onsite, name="onsite"),
    path("inspections/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("inspections/<int:pk>/plan.docx", views_visit.plan_docx, name="plan_docx"),
    path("inspections/<int:pk>/plan.pdf", views_visit.plan_docx, {"fmt": "pdf"}, name="plan_pdf"),
    path("inspections/<int:pk>/summary/", views_visit.summary, name="summary"),
    path("inspections/<int:pk>/records/<str:code>/", views_visit.records_check, name="records_check"),
    path("inspections/visits/<int:pk>/", views_visit.inspection_detail, name="inspection"),
    path("inspections/visits/<int:pk>/edit/", views_visit.inspection_edit, name="inspection_edit"),
    path("inspections/visits/<int:pk>/checklist/", views_visit.inspection_checklist, name="checklist"),
    path("inspections/visits/<int:pk>/findings/", views_visit.finding_add, name="finding_add"),
    path("inspections/visits/<int:pk>/record/", views_visit.inspection_record, name="record"),
    path("inspections/visits/<int:pk>/files/", views_visit.evidence_add, name="evidence_add"),
    path("inspections/visits/<int:pk>/files/<int:file_pk>/", views_visit.evidence_file, name="evidence_file"),
    path("inspections/visits/<int:pk>/files/<int:file_pk>/remove/", views_visit.evidence_remove,
         name="evidence_remove"),
    path("inspections/visits/<int:pk>/signed/", views_visit.signed_record_upload, name="signed_upload"),
    path("inspections/visits/<int:pk>/signed.pdf", views_visit.signed_record_file, name="signed_file"),
    path("inspections/visits/<int:pk>/decision.docx", views_visit.decision_docx, name="decision_docx"),
    path("inspections/visits/<int:pk>/decision.pdf", views_visit.decision_docx, {"fmt": "pdf"}, name="decision_pdf"),
    path("inspections/visits/<int:pk>/record.docx", views_visit.record_docx, name="record_docx"),
    path("inspections/visits/<int:pk>/record.pdf", views_visit.record_docx, {"fmt": "pdf"}, name="record_pdf"),
    path("agencies/<str:code>/inspections/", views_visit.agency_inspections, name="agency_index"),
]
