"""Toxicity scores (0 to 1): a model that runs offline, and hosted services when configured.

The local model is alt-profanity-check's (scikit-learn, shipped with the package, well under a
millisecond a comment). Perspective (toxicity) and Akismet (spam) are asked only when their
keys are set; when they fail or time out, the local score stands.
"""

import logging
import threading

from django.conf import settings

from external.http import HttpError, http_request

logger = logging.getLogger(__name__)
_model_lock = threading.Lock()
_predict = None


def local_score(text: str) -> float:
    global _predict
    if _predict is None:
        with _model_lock:
            if _predict is None:
                from profanity_check import predict_prob

                _predict = predict_prob
    return float(_predict([text])[0])


def perspective_score(text: str) -> float:
    answer = http_request(
        "POST",
        settings.HERALD_PERSPECTIVE_URL,
        params={"key": settings.HERALD_PERSPECTIVE_API_KEY},
        json={
            "comment": {"text": text},
            "requestedAttributes": {"TOXICITY": {}},
            "doNotStore": True,
        },
        timeout=settings.HERALD_COMMENT_SCORER_TIMEOUT,
        max_bytes=100_000,
    )
    return float(answer.json()["attributeScores"]["TOXICITY"]["summaryScore"]["value"])


def akismet_is_spam(text: str, ip: str) -> bool:
    answer = http_request(
        "POST",
        settings.HERALD_AKISMET_URL,
        data={
            "api_key": settings.HERALD_AKISMET_KEY,
            "blog": settings.HERALD_AKISMET_SITE,
            "user_ip": ip or "127.0.0.1",
            "comment_type": "comment",
            "comment_content": text,
        },
        timeout=settings.HERALD_COMMENT_SCORER_TIMEOUT,
        max_bytes=1_000,
    )
    verdict = answer.text.strip()
    if verdict not in ("true", "false"):
        raise ValueError(f"Akismet answered {verdict!r}")
    return verdict == "true"


def score(text: str, *, ip: str = "") -> tuple[float, str]:
    """The comment's score and what gave it (``local``, ``perspective`` or ``akismet``)."""
    value, source = None, "local"
    if settings.HERALD_PERSPECTIVE_API_KEY:
        try:
            value, source = perspective_score(text), "perspective"
        except (HttpError, ValueError, KeyError, TypeError) as error:
            logger.warning("Perspective failed, using the local score: %s", error)
    if value is None:
        value = local_score(text)
    if settings.HERALD_AKISMET_KEY:
        try:
            if akismet_is_spam(text, ip):
                value, source = 1.0, "akismet"
        except (HttpError, ValueError) as error:
            logger.warning("Akismet failed, using the toxicity score alone: %s", error)
    return value, source
