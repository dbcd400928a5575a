"""The surrogate keys of comment threads: the only place they are spelled."""


def thread_keys(*page_ids) -> list[str]:
    """A page's thread and the fragments showing it (count, list, latest comments)."""
    return [f"thread-{page_id}" for page_id in page_ids]
