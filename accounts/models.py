"""The network's members: one account and one profile for every site."""

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .usernames import username_key


class UsernameLocked(Exception):
    """Raised when code tries to change a username that has been set."""


class MemberManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        extra.pop("username", None)  # the public username is chosen on "Create profile"
        if not email:
            raise ValueError("Members need an e-mail address.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A member of the network, signed in by e-mail (or a social account).

    ``username`` is the public name chosen once on "Create profile"; until then it is empty. It
    can never change: ``save()`` refuses, and a database trigger refuses any other path
    (``QuerySet.update()``, raw SQL).
    """

    # NULL, not "", until chosen: many members may have none yet, but the unique index holds.
    username = models.CharField(max_length=30, null=True, blank=True, editable=False)  # noqa: DJ001
    username_key = models.CharField(  # noqa: DJ001
        max_length=30, null=True, blank=True, editable=False
    )
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(max_length=60, blank=True)
    bio = models.TextField(max_length=500, blank=True)
    avatar = models.ImageField(upload_to="avatars/", blank=True)
    profile_created_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MemberManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(fields=["username_key"], name="accounts_user_username_key"),
            models.CheckConstraint(
                condition=Q(username__isnull=True, username_key__isnull=True)
                | Q(username__isnull=False, username_key__isnull=False),
                name="accounts_user_username_has_key",
            ),
        ]

    def __str__(self):
        return self.username or self.email

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_username = instance.__dict__.get("username")
        return instance

    def save(self, *args, **kwargs):
        stored = getattr(self, "_stored_username", None)
        if stored is not None and self.username != stored:
            raise UsernameLocked(f"The username “{stored}” cannot be changed.")
        self.username_key = username_key(self.username) if self.username else None
        super().save(*args, **kwargs)
        self._stored_username = self.username

    def get_absolute_url(self):
        return f"/profile/{self.username}/" if self.username else None

    @property
    def public_name(self):
        return self.display_name or self.username or "Member"

    @property
    def has_profile(self):
        return bool(self.username)

    def get_full_name(self):
        """The name Wagtail's admin gives the member (page history, "locked by", Users): the
        display name, not Django's first and last name, which Herald does not ask for."""
        return self.display_name

    def get_short_name(self):
        return self.display_name or self.username or ""


class RetiredUsername(models.Model):
    """The key of a deleted member's username, kept so that nobody can take the name over."""

    username_key = models.CharField(max_length=30, unique=True)
    retired_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.username_key


class Suspension(models.Model):
    """A member stopped from posting, for a while or for good: the state every check reads.

    Who suspended or lifted it, when and why are ``moderation.Decision`` rows on this
    suspension (``accounts.services.member_suspend`` and ``member_suspension_lift``).
    """

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions"
    )
    until = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty to suspend the member for good."
    )
    reason = models.TextField(help_text="Shown to the member.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    lifted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.member} suspended {self.until_text}"

    @property
    def until_text(self):
        if self.until is None:
            return "for good"
        return f"until {timezone.localtime(self.until):%Y-%m-%d %H:%M}"

    until_text.fget.short_description = "Suspended"  # the admin's column heading

    def is_active(self, now=None):
        now = now or timezone.now()
        return self.lifted_at is None and (self.until is None or self.until > now)


class SignInProvider(SocialApp):
    """allauth's social application under the name the admin and the docs give it: the same
    rows (a proxy, no table of its own), edited under Snippets → Sign-in providers."""

    class Meta:
        proxy = True
        verbose_name = "sign-in provider"
        verbose_name_plural = "sign-in providers"


class SiteSession(models.Model):
    """A member signed in on one site of the network, from one browser: what Account → Sessions
    lists and what signing out ends. ``group`` joins the sessions one browser holds on every
    site (a network sign-in hands it from site to site), so signing out on one ends them all."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="site_sessions"
    )
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    session_key = models.CharField(max_length=40, db_index=True)
    group = models.CharField(max_length=32, db_index=True)
    device = models.CharField(max_length=100, blank=True)
    signed_in_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self):
        return f"{self.member} on {self.site} ({self.device})"


class NetworkTicket(models.Model):
    """A single-use pass from the account home to one site, for one browser's sign-in there.

    Only a hash of its secret is kept; the state hash binds it to the browser that asked
    (``accounts.network.tickets``)."""

    secret_hash = models.CharField(max_length=64, unique=True)
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    state_hash = models.CharField(max_length=64)
    next_url = models.TextField()
    group = models.CharField(max_length=32)
    notices = models.JSONField(default=list, blank=True)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"ticket for {self.member_id} on site {self.site_id}"
