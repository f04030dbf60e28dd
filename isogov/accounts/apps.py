from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "isogov.accounts"
    label = "accounts"
