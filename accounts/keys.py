"""The surrogate keys of members: the only place they are spelled."""


def member_keys(member) -> list[str]:
    """What shows a member's public face: the profile page, and whatever credits them by name."""
    return [f"member-{member if isinstance(member, int) else member.pk}"]
