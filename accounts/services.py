"""Every change to a member's account or profile goes through these functions."""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Site

from delivery.purge import purge_after_commit

from . import registry
from .models import RetiredUsername, Suspension, UsernameLocked
from .usernames import username_key, username_validate

logger = logging.getLogger(__name__)

DELETE_MODES = ("remove", "anonymise")


def _site_reserved_names():
    names = set()
    for site_name, hostname in Site.objects.values_list("site_name", "hostname"):
        names.add(username_key(hostname.split(".")[0]))
        if site_name:
            names.add(username_key(site_name.replace(" ", "")))
            names.update(username_key(word) for word in site_name.split())
    return frozenset(names)


def username_check_available(raw: str) -> str:
    """Validate ``raw`` against the rules and the names in use; return the name to store."""
    value = username_validate(raw, extra_reserved=_site_reserved_names())
    key = username_key(value)
    User = get_user_model()
    if User.objects.filter(username_key=key).exists():
        raise ValidationError(f"“{value}” is already taken.", code="taken")
    if RetiredUsername.objects.filter(username_key=key).exists():
        raise ValidationError(
            f"“{value}” belonged to a member who has left; it cannot be used again.",
            code="retired",
        )
    return value


def profile_create(*, member, username: str, display_name: str = ""):
    """Give ``member`` their username (once, for good) and display name."""
    if member.username:
        raise UsernameLocked(f"{member} already has the username “{member.username}”.")
    value = username_check_available(username)
    member.username = value
    member.display_name = display_name.strip() or value
    member.profile_created_at = timezone.now()
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        # Someone else took the same name between our check and our write.
        member.username = member.username_key = member.profile_created_at = None
        raise ValidationError(f"“{value}” is already taken.", code="taken") from None
    logger.info("Profile created: member %s chose username %s", member.pk, value)
    return member


def profile_update(*, member, display_name: str, bio: str, avatar=None, remove_avatar=False):
    """Change what a member may change: display name, bio and avatar (already checked)."""
    member.display_name = display_name.strip() or member.username or ""
    member.bio = bio.strip()
    fields = ["display_name", "bio"]
    if avatar is not None or remove_avatar:
        if member.avatar:
            member.avatar.delete(save=False)
        member.avatar = avatar or ""
        fields.append("avatar")
    member.save(update_fields=fields)
    purge_after_commit([f"member-{member.pk}"])
    return member


@transaction.atomic
def member_suspend(*, member, by, reason: str, until=None):
    """Stop ``member`` posting until ``until`` (or for good when None), recording who and why."""
    if not reason.strip():
        raise ValidationError("Give the member a reason.", code="reason_required")
    if until is not None and until <= timezone.now():
        raise ValidationError("The end of a suspension must be in the future.", code="past")
    suspension = Suspension.objects.create(
        member=member, until=until, reason=reason.strip(), created_by=by
    )
    logger.info("Member %s suspended %s by %s", member.pk, suspension.until_text, by.pk)
    return suspension


@transaction.atomic
def member_suspension_lift(*, suspension, by):
    suspension.lifted_at = timezone.now()
    suspension.lifted_by = by
    suspension.save(update_fields=["lifted_at", "lifted_by"])
    return suspension


def member_export(*, member) -> dict:
    """Everything Herald holds about ``member``, for the member to download."""
    data = {
        "account": {
            "email": member.email,
            "username": member.username,
            "display_name": member.display_name,
            "bio": member.bio,
            "avatar": member.avatar.url if member.avatar else None,
            "joined": member.date_joined.isoformat(),
            "profile_created": (
                member.profile_created_at.isoformat() if member.profile_created_at else None
            ),
            "last_login": member.last_login.isoformat() if member.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in member.emailaddress_set.all()
        ],
        "social_accounts": [
            {
                "provider": account.provider,
                "uid": account.uid,
                "joined": account.date_joined.isoformat(),
            }
            for account in member.socialaccount_set.all()
        ],
        "suspensions": [
            {
                "from": suspension.created_at.isoformat(),
                "until": suspension.until.isoformat() if suspension.until else None,
                "reason": suspension.reason,
                "lifted": suspension.lifted_at.isoformat() if suspension.lifted_at else None,
            }
            for suspension in member.suspensions.all()
        ],
    }
    for name, exporter in registry.exporters.items():
        data[name] = exporter(member)
    return data


def username_retire(*, member):
    """Keep a leaving member's username from ever being used again."""
    if member.username_key:
        RetiredUsername.objects.get_or_create(username_key=member.username_key)


@transaction.atomic
def member_delete(*, member, mode: str):
    """Delete the account; contributions are removed or anonymised as the member chose."""
    if mode not in DELETE_MODES:
        raise ValueError(f"mode must be one of {DELETE_MODES}")
    for eraser in registry.erasers.values():
        eraser(member, mode=mode)
    username_retire(member=member)
    if member.avatar:
        member.avatar.delete(save=False)
    logger.info("Member %s deleted their account (contributions: %s)", member.pk, mode)
    purge_after_commit([f"member-{member.pk}"])
    member.delete()
