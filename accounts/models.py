from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The network's one user table, shared by every site.

    Exists from the first migration so that profiles, usernames rules and social sign-in can be
    added later without swapping the user model.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
