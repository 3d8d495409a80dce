from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mutasi_asn import cadangan


class Command(BaseCommand):
    help = (
        "Pulihkan arsip dari `cadangkan`: database diganti isinya (pg_restore --clean, dalam satu "
        "transaksi) dan berkas media serta dokumen privat ditulis kembali. Hentikan web dan "
        "worker lebih dahulu."
    )

    def add_arguments(self, parser):
        parser.add_argument("arsip")
        parser.add_argument(
            "--ya", action="store_true", help="Jangan bertanya lagi (isi database akan diganti)."
        )

    def handle(self, *args, arsip, ya, **opts):
        arsip = Path(arsip)
        if not arsip.is_file():
            raise CommandError(f"Arsip {arsip} tidak ditemukan.")
        if not ya:
            jawab = input("Isi database akan diganti dengan isi arsip. Lanjutkan? [ketik: ya] ")
            if jawab.strip().lower() != "ya":
                raise CommandError("Dibatalkan.")
        try:
            hasil = cadangan.pulihkan(arsip)
        except Exception as exc:  # noqa: BLE001
            raise CommandError(f"Pemulihan gagal: {exc}") from exc
        self.stdout.write(f"Dipulihkan dari {arsip}: database dan {hasil['berkas']} berkas.")
