"""The demo network's members: a few readers with profiles, so the community has faces."""

from django.contrib.auth import get_user_model

DEMO_MEMBERS = [
    ("thandi_m", "Thandi Mokoena", "Reader in Soweto. Trains, taxis and local politics."),
    ("pieter-vdm", "Pieter van der Merwe", "Rugby tragic from Stellenbosch."),
    ("ayesha_k", "Ayesha Khan", "Durban. Writes about food, water and the beachfront."),
    ("sipho_n", "Sipho Nkosi", "Photographer in Pretoria."),
]


def demo_members_create():
    """Create the demo's members with verified addresses and unusable passwords."""
    from allauth.account.models import EmailAddress

    from .services import profile_create

    User = get_user_model()
    for username, name, bio in DEMO_MEMBERS:
        email = f"{username.replace('_', '.').replace('-', '.')}@example.org"
        member = User.objects.create_user(email, None, bio=bio)
        EmailAddress.objects.create(user=member, email=email, verified=True, primary=True)
        profile_create(member=member, username=username, display_name=name)
