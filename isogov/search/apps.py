from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "isogov.search"
    label = "search"

    def ready(self):
        # The built-in sources, then one pair of signal handlers per source: the areas below import nothing of search.
        from isogov.registry import extensions
        from isogov.search import builtin, services, signals

        builtin.register_all()
        signals.connect()
        # An agency import writes in bulk, which sends no signal: the registry tells us which agencies it wrote.
        extensions.add_bulk_write_hook(services.agencies_written)
