from django.apps import AppConfig


class QmsConfig(AppConfig):
    name = "isogov.qms"
    label = "qms"

    def ready(self):
        from isogov.qms import documents, selectors, services  # noqa: F401 (documents: registers its templates)
        from isogov.registry import extensions

        # The agency page shows the QMS's scope and history; a merger grows the receiving agency's scope.
        extensions.add_agency_panel(selectors.agency_qms_overview)
        extensions.add_merge_hook(services.mark_scope_changed)
