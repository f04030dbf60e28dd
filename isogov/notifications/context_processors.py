"""The top bar's count of unread notifications: one query, within what the reader may read."""
from isogov.notifications import selectors


def unread(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": selectors.unread_count(user)}
