"""Shared body of `impor_pegawai` and `impor_jabatan`: the same service code as the web pages."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pegawai.impor import impor_berkas


def pengguna_pengimpor(username: str):
    """The user named by `--oleh` (None without it); CommandError when there is none."""
    if not username:
        return None
    try:
        return get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(f"Pengguna \u201c{username}\u201d tidak ada.") from None


class PerintahImpor(BaseCommand):
    jenis = ""

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas .xlsx yang diimpor.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Hanya periksa dan tampilkan pratinjau; tidak ada yang disimpan. Kode keluar "
            "bukan nol bila ada baris yang salah.",
        )
        parser.add_argument(
            "--oleh",
            metavar="USERNAME",
            default="",
            help="Pengguna yang dicatat sebagai pengimpor (riwayat perubahan dan jejak impor).",
        )

    def handle(self, *args, berkas, dry_run, oleh, **options):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        if path.suffix.lower() != ".xlsx":
            raise CommandError("Hanya berkas .xlsx yang diterima.")
        actor = pengguna_pengimpor(oleh)
        hasil = impor_berkas(jenis=self.jenis, path=path, actor=actor, simpan=not dry_run)
        if hasil.hasil is None:
            raise CommandError(hasil.pesan)
        h = hasil.hasil
        self.stdout.write(
            f"{h.jumlah_baris} baris: {h.jumlah_baru} baru, {h.jumlah_ubah} diperbarui, "
            f"{h.jumlah_tetap} tanpa perubahan, {h.jumlah_baris_galat} baris bermasalah."
        )
        if h.kolom_diabaikan:
            self.stdout.write("Kolom diabaikan: " + ", ".join(h.kolom_diabaikan))
        for g in h.galat:
            kolom = f" [{g.kolom}]" if g.kolom else ""
            self.stdout.write(f"Baris {g.baris}{kolom}: {g.pesan}")
        if h.galat:
            raise CommandError(
                f"{h.jumlah_baris_galat} baris bermasalah; tidak ada data yang disimpan."
                if not dry_run
                else f"{h.jumlah_baris_galat} baris bermasalah."
            )
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS("Pratinjau bersih; jalankan tanpa --dry-run untuk menyimpan.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Tersimpan (impor #{hasil.impor.pk})."))
