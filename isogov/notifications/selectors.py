"""Reads of a person's notifications, always within what they may read now (accounts.access): a row about an
agency they no longer read is neither listed nor counted."""
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from isogov.accounts import access
from isogov.notifications.models import Level, Notification


def _readable(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).filter(access.own_rows_scope_q(user, "agency__", reader="user__"))


def inbox(user) -> QuerySet[Notification]:
    """Unread first; within each part the newest day first, then the most urgent (escalated, overdue, the earliest
    due date)."""
    unread = Case(When(read_at__isnull=True, closed_on__isnull=True, then=Value(0)), default=Value(1),
                  output_field=IntegerField())
    urgency = Case(When(level=Level.ESCALATED, then=Value(0)), When(level=Level.OVERDUE, then=Value(1)),
                   default=Value(2), output_field=IntegerField())
    return (_readable(user).select_related("agency").annotate(unread_first=unread, urgency=urgency)
            .order_by("unread_first", "-created_on", "urgency", F("due").asc(nulls_first=True), "-pk"))


def unread_count(user) -> int:
    return _readable(user).filter(read_at=None, closed_on=None).count()


def own_notification(user, pk: int) -> Notification:
    """One of `user`'s notifications that they may still read: 404 for any other."""
    return get_object_or_404(_readable(user), pk=pk)
