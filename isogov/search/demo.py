"""The demo's search index: the areas bulk-create their demo records (no signals), so it is rebuilt last."""
from isogov.search import services
from isogov.search.models import SearchEntry


def load_demo(*, actor, rng) -> dict[str, int]:
    before = SearchEntry.objects.count()
    services.reindex()
    # Only what is new counts: a second `isogov demo` still reports "nothing was added".
    return {"search entries": max(SearchEntry.objects.count() - before, 0)}
