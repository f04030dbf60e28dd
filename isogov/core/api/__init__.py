"""The REST API's shared plumbing: pagination (pagination.py), the one error handler (errors.py), and the base
viewsets every area's `apis.py` builds on (base.py). It names no area and no access rule: each viewset says how it
lists (a selector) and how it fetches one object (an access helper), exactly as the area's pages do.

Nothing is imported here: DRF's settings import pagination.py while rest_framework.viewsets is still loading."""
