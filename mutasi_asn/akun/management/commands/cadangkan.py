from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mutasi_asn import cadangan


class Command(BaseCommand):
    help = (
        "Cadangkan database (pg_dump) dan semua berkas unggahan (media dan dokumen privat) ke "
        "satu arsip .tar.gz di CADANGAN_ROOT (atau --tujuan). Pulihkan dengan `pulihkan ARSIP`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tujuan", help="Folder arsip; bawaan CADANGAN_ROOT.")
        parser.add_argument(
            "--simpan",
            type=int,
            default=settings.CADANGAN_SIMPAN,
            help="Berapa arsip terbaru yang disimpan (yang lebih lama dihapus).",
        )

    def handle(self, *args, tujuan, simpan, **opts):
        try:
            arsip = cadangan.cadangkan(Path(tujuan or settings.CADANGAN_ROOT), simpan=simpan)
        except Exception as exc:  # noqa: BLE001 - said to the operator, not a traceback
            raise CommandError(f"Pencadangan gagal: {exc}") from exc
        self.stdout.write(str(arsip))
