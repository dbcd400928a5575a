"""Every change to a member's account or profile goes through these functions."""

import hmac
import logging
from importlib import import_module

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.internal.stagekit import unstash_login
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from allauth.utils import build_absolute_uri
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from delivery.media import media_purge_after_commit
from delivery.purge import purge_after_commit
from moderation.models import Decision, reason_text
from moderation.selectors import decisions_for_member
from moderation.services import decision_record

from .extensions import member_erase_everywhere, member_exports
from .keys import member_keys
from .models import RetiredUsername, Suspension, UsernameLocked
from .network.sessions import member_site_sessions_end
from .usernames import display_name_validate, username_key, username_validate

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
    display_name = display_name_validate(display_name)
    member.username = value
    member.display_name = display_name or value
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
    member.display_name = display_name_validate(display_name) or member.username or ""
    member.bio = bio.strip()
    fields = ["display_name", "bio"]
    if avatar is not None or remove_avatar:
        if member.avatar:
            media_purge_after_commit([member.avatar.name])  # no stale face at the edge
            member.avatar.delete(save=False)
        member.avatar = avatar or ""
        fields.append("avatar")
    member.save(update_fields=fields)
    purge_after_commit(member_shown_keys(member))
    return member


def email_check_available(raw: str, *, member=None) -> str:
    """Return the address to store for ``member`` (None: a new account), or raise
    ``ValidationError`` when another account signs in with it, in any letter case."""
    email = get_user_model().objects.normalize_email(raw.strip())
    others = get_user_model().objects.exclude(pk=getattr(member, "pk", None))
    taken = others.filter(email__iexact=email).exists() or (
        EmailAddress.objects.filter(email__iexact=email)
        .exclude(user_id=getattr(member, "pk", None))
        .exists()
    )
    if taken:
        raise ValidationError(f"Another account already uses {email}.", code="taken")
    return email


def member_staff_changed(*, member, by, email_before: str):
    """Staff have saved ``member`` in the admin (Settings → Users): keep allauth's record of
    the member's addresses in step with a new e-mail, and purge what shows the member's name.

    A new address is primary and unverified: allauth asks the member to confirm it when they
    next sign in with it (``ACCOUNT_EMAIL_VERIFICATION = "mandatory"``).
    """
    if email_before and member.email.lower() != email_before.lower():
        EmailAddress.objects.filter(user=member, email__iexact=email_before).delete()
    if member.email.lower() != email_before.lower():
        EmailAddress.objects.filter(user=member).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=member,
            email__iexact=member.email,
            defaults={"email": member.email, "primary": True},
            create_defaults={"email": member.email, "primary": True, "verified": False},
        )
    if member.username:
        purge_after_commit(member_shown_keys(member))
    logger.info("Member %s saved in the admin by %s", member.pk, by.pk)


def member_shown_keys(member) -> list[str]:
    """Whatever public shows the member's name or picture: their profile, and what other apps
    show of them, which each app names through the ``herald_member_shown_keys`` hook (a
    function of the member returning surrogate keys)."""
    from wagtail import hooks

    shown = [key for fn in hooks.get_hooks("herald_member_shown_keys") for key in fn(member)]
    return [*member_keys(member), *shown]


@transaction.atomic
def member_suspend(*, member, by, reason: str, until=None, standard_reason: str = ""):
    """Stop ``member`` posting until ``until`` (or for good when None).

    The ``Suspension`` is the state every check reads (is the member suspended, until when, the
    reason they are shown); who decided, when and why is the decision it records.
    """
    why = reason_text(standard_reason, reason)
    if not why:
        raise ValidationError("Give the member a reason.", code="reason_required")
    if until is not None and until <= timezone.now():
        raise ValidationError("The end of a suspension must be in the future.", code="past")
    suspension = Suspension.objects.create(member=member, until=until, reason=why)
    decision_record(
        item=suspension,
        action=Decision.Action.SUSPEND,
        decided_by=by,
        member=member,
        standard_reason=standard_reason,
        reason=reason,
        decided_at=suspension.created_at,
    )
    logger.info("Member %s suspended %s by %s", member.pk, suspension.until_text, by.pk)
    return suspension


@transaction.atomic
def member_suspension_lift(*, suspension, by, reason: str = ""):
    """End a suspension early; a lift already made is not made (or recorded) twice."""
    suspension = Suspension.objects.select_for_update().get(pk=suspension.pk)
    if suspension.lifted_at is not None:
        return suspension
    suspension.lifted_at = timezone.now()
    suspension.save(update_fields=["lifted_at"])
    decision_record(
        item=suspension,
        action=Decision.Action.LIFT,
        decided_by=by,
        member=suspension.member,
        reason=reason,
        decided_at=suspension.lifted_at,
    )
    return suspension


def _decisions_export(member):
    return [
        {
            "when": decision.decided_at.isoformat(),
            "decision": decision.get_action_display(),
            "why": decision.why,
        }
        for decision in decisions_for_member(member)
    ]


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
        "moderation_decisions": _decisions_export(member),
        "sessions": [
            {
                "site": row.site.site_name if row.site else None,
                "device": row.device,
                "signed_in": row.signed_in_at.isoformat(),
                "last_seen": row.last_seen_at.isoformat(),
            }
            for row in member.site_sessions.select_related("site")
        ],
    }
    data.update(member_exports(member))
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
    member_erase_everywhere(member, mode=mode)
    username_retire(member=member)
    if member.avatar:
        media_purge_after_commit([member.avatar.name])
        member.avatar.delete(save=False)
    logger.info("Member %s deleted their account (contributions: %s)", member.pk, mode)
    purge_after_commit(member_keys(member))
    member_site_sessions_end(member)  # signed out on every site of the network
    member.delete()


# Which accounts' current password was set in this browser session: {member pk: auth hash}.
SET_HERE_SESSION_KEY = "herald_password_set_here"


def password_set_here_remember(*, request, member):
    """Note in the session of ``request`` that it set ``member``'s current password (sign-up,
    password set, change or reset), so that confirming the address there later keeps it."""
    if request is None or not member.has_usable_password():
        return
    marks = dict(request.session.get(SET_HERE_SESSION_KEY) or {})
    marks[str(member.pk)] = member.get_session_auth_hash()
    request.session[SET_HERE_SESSION_KEY] = marks


def _password_set_here(request, member) -> bool:
    """Whether the browser of ``request`` has shown it is the one that set the password: it is
    signed in as ``member``, set the current password itself, or is part-way through signing in
    to ``member`` (allauth's pending login, e.g. a password sign-in waiting for the address)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.pk == member.pk:
        return True
    mark = (request.session.get(SET_HERE_SESSION_KEY) or {}).get(str(member.pk))
    if mark and hmac.compare_digest(mark, member.get_session_auth_hash()):
        return True
    login = unstash_login(request, peek=True)
    return bool(login and login.user and login.user.pk == member.pk)


def _session_is_members(data, member_pk: str) -> bool:
    login = data.get("account_login")
    return (
        str(data.get("_auth_user_id")) == member_pk
        or (isinstance(login, dict) and str(login.get("user_pk")) == member_pk)
        or member_pk in (data.get(SET_HERE_SESSION_KEY) or {})
    )


def member_sessions_end(*, member, keep_session_key=None) -> int:
    """End every session of ``member`` but ``keep_session_key``: signed in, part-way through
    signing in, or the one that set the password. Returns how many ended.

    Sessions are database sessions with no index by member, so this reads every unexpired
    session; it runs only on rare security events.
    """
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        logger.warning(
            "Sessions of member %s not ended: %s keeps no table of sessions",
            member.pk,
            settings.SESSION_ENGINE,
        )
        return 0
    member_pk = str(member.pk)
    ended = 0
    sessions = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    if keep_session_key:
        sessions = sessions.exclude(session_key=keep_session_key)
    for session in sessions.iterator(chunk_size=2000):
        if _session_is_members(store_class().decode(session.session_data), member_pk):
            store_class(session_key=session.session_key).delete()
            ended += 1
    return ended


REVOKED_MESSAGE = (
    "The account for {email} had a password that was set before this address was confirmed, "
    "so it may not have been set by you. That password no longer works and every other "
    "sign-in to the account has been ended. To sign in with a password, set a new one with "
    "“Forgot your password?”."
)


@transaction.atomic
def member_email_proven(*, member, email: str, request) -> bool:
    """The owner of the mailbox ``email`` has just proven it for ``member``'s account: by the
    confirmation link, or by signing in with a provider that vouches for the address, which
    until now was not verified on the account.

    If no other address of the account is verified, whoever set the account's password has
    never shown they own any of its mailboxes: it may be someone who signed up with this
    address to wait for its owner (account pre-hijacking). Unless the browser proving the
    address is the one that set the password (see ``_password_set_here``), the password stops
    working, every other session of the account ends, and the owner is told, on the page and by
    e-mail, to set a password through "Forgot your password?". Returns whether it did that.
    ``request`` is the request of the browser that proved the address.
    """
    if not member.has_usable_password():
        return False
    others_verified = EmailAddress.objects.filter(user=member, verified=True).exclude(
        email__iexact=email
    )
    if others_verified.exists() or _password_set_here(request, member):
        return False
    member.set_unusable_password()
    member.save(update_fields=["password"])
    ended = member_sessions_end(member=member, keep_session_key=request.session.session_key)
    logger.warning(
        "Member %s: address proven by its owner from another browser than the one that set the "
        "password; password revoked, %s other session(s) ended",
        member.pk,
        ended,
    )
    text = REVOKED_MESSAGE.format(email=email)
    messages.warning(request, text, fail_silently=True)
    reset_url = build_absolute_uri(request, reverse("account_reset_password"))

    def send_notice():
        with allauth_context.request_context(request):  # the mail names the member's site
            get_account_adapter(request).send_mail(
                "account/email/password_revoked",
                email,
                {"email": email, "password_reset_url": reset_url},
            )

    transaction.on_commit(send_notice)
    return True
