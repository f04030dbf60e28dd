"""What the areas above the registry add to it, without the registry importing them.

An area registers here from its AppConfig.ready(); the registry calls what is registered, in the order the
apps are installed. Nothing is optional: an area that is installed registers, one that is not is not called.

- An agency page panel adds to the context of registry/agency_detail.html (the QMS's scope and history, the
  compliance card).
- A merge hook runs inside the transaction that records a merger, for the receiving agency (the QMS marks its
  announcement as due again, since its scope grew).
- A bulk-write hook runs inside the transaction of an import that created or changed agencies with bulk writes,
  which send no save signal (the search index takes them in).
"""
from typing import Protocol

from isogov.registry.models import Agency


class AgencyPanel(Protocol):
    def __call__(self, *, user, agency: Agency) -> dict: ...


class MergeHook(Protocol):
    def __call__(self, *, agency: Agency, actor, note: str) -> None: ...


_panels: list[AgencyPanel] = []
_merge_hooks: list[MergeHook] = []
_bulk_write_hooks: list["BulkWriteHook"] = []


class BulkWriteHook(Protocol):
    def __call__(self, *, agencies: list[Agency]) -> None: ...


def add_bulk_write_hook(hook: BulkWriteHook) -> None:
    if hook not in _bulk_write_hooks:
        _bulk_write_hooks.append(hook)


def agencies_bulk_written(*, agencies: list[Agency]) -> None:
    """Tell the areas that `agencies` were created or changed by bulk writes (no save signal was sent)."""
    for hook in _bulk_write_hooks:
        hook(agencies=agencies)


def add_agency_panel(panel: AgencyPanel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def add_merge_hook(hook: MergeHook) -> None:
    if hook not in _merge_hooks:
        _merge_hooks.append(hook)


def agency_panels(*, user, agency: Agency) -> dict:
    """The context every registered panel adds to `agency`'s page, as seen by `user`."""
    context: dict = {}
    for panel in _panels:
        context.update(panel(user=user, agency=agency))
    return context


def agency_merged(*, into: Agency, actor, note: str) -> None:
    """Tell the areas that `into` received another agency (its scope grew)."""
    for hook in _merge_hooks:
        hook(agency=into, actor=actor, note=note)
