from django.urls import path

from isogov.accounts import views, views_tokens

app_name = "accounts"
urlpatterns = [
    path("account/password/", views.password_change, name="password_change"),
    path("account/tokens/", views_tokens.tokens, name="tokens"),
    path("account/tokens/<int:pk>/revoke/", views_tokens.token_revoke, name="token_revoke"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
]
