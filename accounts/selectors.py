from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from .models import Suspension
from .usernames import username_key


def member_by_username(username: str):
    """The member with this username (any case), or None."""
    User = get_user_model()
    return User.objects.filter(username_key=username_key(username), is_active=True).first()


def suspension_active(member, *, now=None):
    """The member's suspension in force, or None. Members without an account are never suspended."""
    if not getattr(member, "pk", None):
        return None
    now = now or timezone.now()
    return (
        Suspension.objects.filter(member=member, lifted_at__isnull=True)
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .order_by("until")
        .last()
    )


def member_email_verified(member, email: str) -> bool:
    """Whether ``email`` is a verified address of ``member``'s account."""
    return EmailAddress.objects.filter(user=member, email__iexact=email, verified=True).exists()
