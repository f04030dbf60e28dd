from django.apps import AppConfig


class ClausesConfig(AppConfig):
    name = "isogov.clauses"
    label = "clauses"
