from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "isogov.programme"
    label = "programme"

    def ready(self):
        # The plan's report registers its Word template (the administrator's list names every one).
        from isogov.programme import exports  # noqa: F401
