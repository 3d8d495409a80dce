from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analisis_beban import services
from analisis_beban.impor import baca_berkas
from analisis_beban.models import PeriodeABK


class Command(BaseCommand):
    help = (
        "Impor uraian tugas dari berkas .xlsx (templat: /abk/impor/templat.xlsx) ke satu periode. "
        "Semua baris diperiksa dahulu; bila ada satu galat, tidak ada yang disimpan. Uraian "
        "tugas jabatan yang ada di berkas diganti seluruhnya untuk periode itu."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help="Berkas .xlsx")
        parser.add_argument("--periode", type=int, required=True, help="Tahun periode ABK")
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya periksa dan laporkan; tidak menyimpan."
        )

    def handle(self, *args, berkas, periode, dry_run, **opts):
        path = Path(berkas)
        if not path.is_file():
            raise CommandError(f"Berkas {berkas} tidak ditemukan.")
        p = PeriodeABK.objects.filter(tahun=periode).first()
        if p is None:
            raise CommandError(f"Periode ABK {periode} belum ada. Buat periodenya dahulu.")
        hasil = baca_berkas(path.read_bytes(), nama=path.name)
        if hasil.galat:
            for g in hasil.galat:
                lokasi = f"Baris {g.nomor}" if g.nomor else "Berkas"
                self.stderr.write(f"{lokasi}: {g.pesan}")
            raise CommandError(f"{len(hasil.galat)} galat; tidak ada yang disimpan.")
        ringkas = f"{len(hasil.baris)} uraian tugas untuk {hasil.jumlah_jabatan} jabatan"
        if dry_run:
            self.stdout.write(f"Berkas sah: {ringkas}. (--dry-run: tidak disimpan.)")
            return
        jumlah = services.uraian_tugas_impor(periode=p, baris=hasil.baris, actor=None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Diimpor {jumlah['tugas']} uraian tugas untuk {jumlah['jabatan']} jabatan ke "
                f"periode {periode}; hasil ABK jabatan itu dihitung ulang."
            )
        )
