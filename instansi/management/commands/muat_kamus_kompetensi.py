from django.core.management.base import BaseCommand

from instansi.data.kamus_kompetensi import muat_kamus
from instansi.models_kompetensi import (
    JenisSertifikasi,
    Kompetensi,
    LevelKompetensi,
    ProgramPelatihan,
)


class Command(BaseCommand):
    help = (
        "Tambahkan kamus kompetensi (PermenPAN-RB 38/2017), jenis sertifikasi dan program "
        "pelatihan bawaan yang belum ada; data yang sudah ada (mungkin disunting) tidak diubah."
    )

    def handle(self, *args, **opts):
        hasil = muat_kamus(Kompetensi, LevelKompetensi, JenisSertifikasi, ProgramPelatihan)
        self.stdout.write(
            f"Ditambahkan: {hasil['kompetensi']} kompetensi ({hasil['level']} level), "
            f"{hasil['sertifikasi']} jenis sertifikasi, {hasil['program']} program pelatihan."
        )
