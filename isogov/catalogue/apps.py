from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "isogov.catalogue"
    label = "catalogue"

    def ready(self):
        from django.db.models.signals import post_save

        from isogov.catalogue import services
        from isogov.qms.models import ScopeItem

        # An agency that takes a procedure into its scope later gets the province's legal texts on it too: the qms
        # service that adds it sits below this app and cannot call it, so the new row is heard here.
        post_save.connect(services.on_scope_item_saved, sender=ScopeItem,
                          dispatch_uid="catalogue.push_legal_texts_on_scope_add")
