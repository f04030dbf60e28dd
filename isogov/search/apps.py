from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "isogov.search"
    label = "search"

    def ready(self):
        # The built-in sources, then one pair of signal handlers per source: the areas below import nothing of search.
        from isogov.search import builtin, signals

        builtin.register_all()
        signals.connect()
