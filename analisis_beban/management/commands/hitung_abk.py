from django.core.management.base import BaseCommand, CommandError

from analisis_beban.models import PeriodeABK
from analisis_beban.services import abk_hitung, periode_terbuka, ukur


class Command(BaseCommand):
    help = (
        "Hitung ulang hasil ABK sekarang (sinkron). Tanpa --periode: periode yang berlaku dan "
        "yang sedang disusun (periode arsip tetap dengan hasil saat ditutup)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--periode", type=int, metavar="TAHUN", help="Tahun periode ABK.")

    def handle(self, *args, **opts):
        if opts["periode"] is not None:
            daftar = list(PeriodeABK.objects.filter(tahun=opts["periode"]))
            if not daftar:
                raise CommandError(f"Periode ABK {opts['periode']} tidak ada.")
        else:
            daftar = periode_terbuka()
        if not daftar:
            self.stdout.write("Belum ada periode ABK; tidak ada yang dihitung.")
            return
        total = 0.0
        for periode in daftar:
            run, detik = ukur(abk_hitung, periode=periode, alasan="Perintah hitung_abk")
            total += detik
            self.stdout.write(
                f"{periode}: {run.jumlah_jabatan} jabatan dihitung dalam {detik:.2f} detik."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Selesai: {len(daftar)} periode dalam {total:.2f} detik.")
        )
