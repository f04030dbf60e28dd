from django.urls import path

from isogov.accounts import views

app_name = "accounts"
urlpatterns = [
    path("account/password/", views.password_change, name="password_change"),
    path("users/", views.user_list, name="user_list"),
]
