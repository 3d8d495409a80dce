from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analisis_beban.models import PeriodeABK
from pegawai.impor import impor_berkas
from pegawai.management.commands._impor import pengguna_pengimpor


class Command(BaseCommand):
    help = (
        "Impor uraian tugas dari berkas .xlsx (templat: /abk/impor/templat.xlsx) ke satu periode. "
        "Semua baris diperiksa dahulu; bila ada satu galat, tidak ada yang disimpan. Uraian "
        "tugas jabatan yang ada di berkas diganti seluruhnya untuk periode itu. Impor yang "
        "disimpan dicatat di jejak impor, seperti impor register."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas .xlsx")
        parser.add_argument("--periode", type=int, required=True, help="Tahun periode ABK")
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya periksa dan laporkan; tidak menyimpan."
        )
        parser.add_argument(
            "--oleh",
            metavar="USERNAME",
            default="",
            help="Pengguna yang dicatat sebagai pengimpor (riwayat perubahan dan jejak impor).",
        )

    def handle(self, *args, berkas, periode, dry_run, oleh, **opts):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        if not PeriodeABK.objects.filter(tahun=periode).exists():
            raise CommandError(f"Periode ABK {periode} belum ada. Buat periodenya dahulu.")
        actor = pengguna_pengimpor(oleh)
        hasil = impor_berkas(
            jenis="abk", path=path, actor=actor, simpan=not dry_run, opsi={"periode": periode}
        )
        if hasil.hasil is None:
            self.stderr.write(f"Berkas: {hasil.pesan}")
            raise CommandError("1 galat; tidak ada yang disimpan.")
        h = hasil.hasil
        if h.galat:
            for g in h.galat:
                lokasi = f"Baris {g.baris}" if g.baris else "Berkas"
                self.stderr.write(f"{lokasi}: {g.pesan}")
            raise CommandError(f"{len(h.galat)} galat; tidak ada yang disimpan.")
        rencana = h.rencana
        ringkas = f"{len(rencana.baris)} uraian tugas untuk {rencana.jumlah_jabatan} jabatan"
        if dry_run:
            self.stdout.write(f"Berkas sah: {ringkas}. (--dry-run: tidak disimpan.)")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Diimpor {ringkas} ke periode {periode} (impor #{hasil.impor.pk}); hasil ABK "
                "jabatan itu dihitung ulang."
            )
        )
