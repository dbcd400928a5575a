"""Static files as whitenoise stores them, with each file's address worked out once a process.

Every ``{% static %}`` looked its name up in the manifest and joined the address anew: about
six per cent of a rendered article (docs/performance.md). The manifest is read once per
process and never changes under it (a deploy starts new processes), so the answer can be kept.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

MAX_REMEMBERED = 2000  # names come from templates; a bound all the same


class RememberingManifestStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        url = self._urls.get(name)
        if url is None:
            url = super().url(name)
            if len(self._urls) >= MAX_REMEMBERED:
                self._urls.clear()
            self._urls[name] = url
        return url
