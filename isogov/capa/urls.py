from django.urls import path

from isogov.capa import views

app_name = "capa"
urlpatterns = [
    path("capa/", views.province_list, name="province_list"),
    path("agencies/<str:code>/capa/", views.agency_index, name="agency_index"),
    path("agencies/<str:code>/capa/log.xlsx", views.log_xlsx, name="log_xlsx"),
    path("agencies/<str:code>/capa/new/", views.nc_create, name="create"),
    path("agencies/<str:code>/capa/<int:pk>/", views.nc_detail, name="detail"),
    path("agencies/<str:code>/capa/<int:pk>/edit/", views.nc_edit, name="edit"),
    path("agencies/<str:code>/capa/<int:pk>/root-cause/", views.nc_root_cause, name="root_cause"),
    path("agencies/<str:code>/capa/<int:pk>/step/", views.nc_step, name="step"),
    path("agencies/<str:code>/capa/<int:pk>/verify/", views.nc_verify, name="verify"),
    path("agencies/<str:code>/capa/<int:pk>/cancel/", views.nc_cancel, name="cancel"),
    path("agencies/<str:code>/capa/<int:pk>/actions/", views.action_add, name="action_add"),
    path("agencies/<str:code>/capa/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("agencies/<str:code>/capa/actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("agencies/<str:code>/capa/actions/<int:pk>/reopen/", views.action_reopen, name="action_reopen"),
    path("agencies/<str:code>/capa/actions/<int:pk>/delete/", views.action_delete, name="action_delete"),
]
