from django.urls import path

from isogov.programme import views, views_activity, views_budget, views_export

app_name = "programme"
urlpatterns = [
    path("programme/", views.index, name="index"),
    path("programme/plans/new/", views.plan_create, name="plan_create"),
    path("programme/plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("programme/plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("programme/plans/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("programme/plans/<int:pk>/decision/", views.plan_decision_file, name="plan_decision_file"),
    path("programme/plans/<int:pk>/next/", views.plan_next, name="plan_next"),
    path("programme/plans/<int:pk>/objectives/new/", views.objective_create, name="objective_create"),
    path("programme/objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("programme/plans/<int:pk>/activities/", views_activity.plan_activities, name="plan_activities"),
    path("programme/plans/<int:pk>/activities/new/", views_activity.activity_create, name="activity_create"),
    path("programme/activities/<int:pk>/", views_activity.activity_detail, name="activity_detail"),
    path("programme/activities/<int:pk>/edit/", views_activity.activity_edit, name="activity_edit"),
    path("programme/activities/<int:pk>/progress/", views_activity.activity_progress, name="activity_progress"),
    path("programme/activities/<int:pk>/evidence/", views_activity.evidence_add, name="evidence_add"),
    path("programme/activities/<int:pk>/evidence/<int:evidence_pk>/", views_activity.evidence_file,
         name="evidence_file"),
    path("programme/activities/<int:pk>/evidence/<int:evidence_pk>/delete/", views_activity.evidence_delete,
         name="evidence_delete"),
    path("programme/activities/<int:pk>/lines/new/", views_budget.line_create, name="line_create"),
    path("programme/plans/<int:pk>/budget/", views_budget.plan_budget, name="plan_budget"),
    path("programme/lines/<int:pk>/edit/", views_budget.line_edit, name="line_edit"),
    path("programme/lines/<int:pk>/disburse/", views_budget.line_disburse, name="line_disburse"),
    path("programme/disbursements/<int:pk>/reverse/", views_budget.disbursement_reverse,
         name="disbursement_reverse"),
    path("programme/plans/<int:pk>/export.xlsx", views_export.plan_export, {"fmt": "xlsx"}, name="plan_xlsx"),
    path("programme/plans/<int:pk>/export.docx", views_export.plan_export, {"fmt": "docx"}, name="plan_docx"),
    path("programme/plans/<int:pk>/export.pdf", views_export.plan_export, {"fmt": "pdf"}, name="plan_pdf"),
]
