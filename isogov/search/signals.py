"""Every source's model (and the models it follows) saved or deleted: its entry follows, in the same transaction."""
from django.apps import apps
from django.db.models.signals import post_delete, post_save

from isogov.search import services, sources


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:  # fixtures are loaded as they were dumped; `isogov reindex` indexes them
        services.index(instance)


def _deleted(sender, instance, **kwargs):
    services.unindex(instance)


def _follower(parent_of):
    def changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        parent = parent_of(instance)
        if parent is not None and parent.pk is not None:
            services.index(parent)
    return changed


_FOLLOWERS = []  # strong references: the handlers are closures, and signals keep weak ones by default


def connect() -> None:
    for source in sources.SOURCES.values():
        model = source.model_class()
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model._meta.label}")
        for label, parent_of in source.follows.items():
            handler = _follower(parent_of)
            _FOLLOWERS.append(handler)
            uid = f"search-follow-{source.kind}-{label}"
            post_save.connect(handler, sender=apps.get_model(label), dispatch_uid=f"{uid}-save")
            post_delete.connect(handler, sender=apps.get_model(label), dispatch_uid=f"{uid}-delete")
