"""Media on S3-compatible object storage: members' avatars and the pictures they send are
stored with the short lifetime Herald gives them when it serves them itself
(``delivery.media``); other objects keep the storage's own ``HERALD_MEDIA_MAX_AGE``."""

from storages.backends.s3 import S3Storage

from .media import members_media_max_age


class MediaS3Storage(S3Storage):
    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        short = members_media_max_age(name)
        if short is not None:
            parameters["CacheControl"] = f"public, max-age={short}"
        return parameters
