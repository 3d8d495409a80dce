from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from analisis_beban import selectors, services
from analisis_beban.models import PeriodeABK


class Command(BaseCommand):
    help = (
        "Buat periode ABK baru (tahun) sebagai draf (penyusunan), lewat layanan yang sama dengan "
        "halaman Tambah periode. Periode yang berlaku tidak berubah: tetapkan periode baru "
        "sebagai berlaku di halaman periodenya setelah uraian tugasnya lengkap."
    )

    def add_arguments(self, parser):
        parser.add_argument("tahun", type=int, help="Tahun periode, mis. 2027.")
        parser.add_argument(
            "--wke", type=int, metavar="MENIT", help="Waktu kerja efektif (bawaan 75.000 menit)."
        )
        parser.add_argument("--keterangan", default="", help="Keterangan periode.")
        parser.add_argument(
            "--salin-dari",
            type=int,
            metavar="TAHUN",
            help="Salin uraian tugas jabatan aktif dari periode ini ke periode baru.",
        )
        parser.add_argument("--oleh", metavar="USERNAME", help="Pengguna yang tercatat membuat.")

    def handle(self, *args, tahun, wke, keterangan, salin_dari, oleh, **opts):
        actor = None
        if oleh:
            try:
                actor = get_user_model().objects.get(username=oleh)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Pengguna \u201c{oleh}\u201d tidak ada.") from None
        asal = None
        if salin_dari is not None:
            asal = PeriodeABK.objects.filter(tahun=salin_dari).first()
            if asal is None:
                raise CommandError(f"Periode ABK {salin_dari} (untuk --salin-dari) tidak ada.")
        data = {"tahun": tahun, "keterangan": keterangan}
        if wke is not None:
            data["wke_menit"] = wke
        try:
            with transaction.atomic():
                periode = services.periode_buat(data=data, actor=actor)
                disalin = 0
                if asal is not None:
                    disalin = services.uraian_tugas_salin_dari_periode(
                        periode_asal=asal, periode_tujuan=periode, actor=actor
                    )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        pesan = f"Periode ABK {periode.tahun} dibuat sebagai draf (penyusunan)"
        if asal is not None:
            pesan += f"; {disalin} uraian tugas disalin dari periode {asal.tahun}"
        self.stdout.write(self.style.SUCCESS(pesan + "."))
        berlaku = selectors.periode_berlaku()
        if berlaku is not None:
            self.stdout.write(f"Periode yang berlaku tetap ABK {berlaku.tahun}.")
