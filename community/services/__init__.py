"""Business rules for reader contributions, one module per subject: ``stories``, ``pictures``,
the review ``workflow``, ``members`` (their data when they export it or leave) and the
``checks`` every contribution passes. Callers use ``community.services.<name>``."""

from .checks import RateLimited, contribution_allowed_check, review_flags
from .members import contributions_shown_keys, member_erase, member_export
from .pictures import (
    COLLECTION_NAME,
    PictureSubmission,
    contribution_media_names,
    contribution_media_purge,
    picture_from_news_gallery,
    picture_to_news_gallery,
    pictures_submit,
    reader_collection,
)
from .stories import (
    UNTITLED,
    StoryDraft,
    story_delete,
    story_editable,
    story_save,
    story_sent_already,
    story_submit,
)
from .workflow import (
    REVIEW_GROUPS,
    WORKFLOW_NAME,
    contribution_review,
    contribution_take_down,
    mynews_index,
    review_workflow,
    workflow_restart,
)

__all__ = [
    "COLLECTION_NAME",
    "REVIEW_GROUPS",
    "UNTITLED",
    "WORKFLOW_NAME",
    "PictureSubmission",
    "RateLimited",
    "StoryDraft",
    "contribution_allowed_check",
    "contribution_media_names",
    "contribution_media_purge",
    "contribution_review",
    "contribution_take_down",
    "contributions_shown_keys",
    "member_erase",
    "member_export",
    "mynews_index",
    "picture_from_news_gallery",
    "picture_to_news_gallery",
    "pictures_submit",
    "reader_collection",
    "review_flags",
    "review_workflow",
    "story_delete",
    "story_editable",
    "story_save",
    "story_sent_already",
    "story_submit",
    "workflow_restart",
]
