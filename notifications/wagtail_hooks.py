"""What notifications hold of a member, for the data export (read in accounts.extensions)."""

from wagtail import hooks

from .services import member_export


@hooks.register("herald_member_exporters")
def notifications_export(member):
    return {"notifications": member_export(member)}
