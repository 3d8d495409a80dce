"""Private file storage shared by every app: files under PRIVATE_MEDIA_ROOT that have no URL.

A view streams them after checking the user may see the object they belong to (proposal
documents, training and certification certificates).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PenyimpananPrivat(FileSystemStorage):
    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("Berkas ini tidak disajikan lewat URL; unduh melalui halamannya.")


penyimpanan_privat_bersama = PenyimpananPrivat()
