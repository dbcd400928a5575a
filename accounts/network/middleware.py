from .sessions import site_session_seen


def site_sessions_seen(get_response):
    """Keep Account → Sessions' "last seen" and session keys current, from private requests."""

    def middleware(request):
        response = get_response(request)
        site_session_seen(request)
        return response

    return middleware
