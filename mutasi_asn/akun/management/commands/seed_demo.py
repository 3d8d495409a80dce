from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mutasi_asn.demo.abk import buat_abk_demo
from mutasi_asn.demo.kompetensi import buat_kompetensi_demo
from mutasi_asn.demo.pengguna import buat_pengguna_demo
from mutasi_asn.demo.register import buat_register_demo, register_sudah_ada
from mutasi_asn.demo.usulan import buat_usulan_demo


class Command(BaseCommand):
    help = "Isi data demo Kota Pematangsiantar (idempoten) dan buat pengguna demo per peran."

    def add_arguments(self, parser):
        parser.add_argument(
            "--pegawai", type=int, default=6000, help="Jumlah pegawai (bawaan 6000)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Benih acak; sama = data sama.")
        parser.add_argument(
            "--izinkan-produksi",
            action="store_true",
            help="Izinkan pengguna demo (kata sandi diketahui umum) saat DEBUG mati.",
        )

    def handle(self, *args, **opts):
        if not settings.DEBUG and not opts["izinkan_produksi"]:
            raise CommandError(
                "seed_demo membuat pengguna dengan kata sandi demo. Jalankan hanya di lingkungan "
                "pengembangan, atau tambahkan --izinkan-produksi bila memang disengaja."
            )
        if opts["pegawai"] < 1:
            raise CommandError("--pegawai harus lebih dari 0.")
        if register_sudah_ada():
            self.stdout.write("Data register sudah ada; tidak dibuat ulang.")
        else:
            hasil = buat_register_demo(jumlah_pegawai=opts["pegawai"], seed=opts["seed"])
            self.stdout.write(
                f"Register demo: {hasil.instansi} instansi, {hasil.unit} unit kerja, "
                f"{hasil.jabatan} jabatan, {hasil.pegawai} pegawai ({hasil.detik:.1f} detik)."
            )
        kompetensi = buat_kompetensi_demo(seed=opts["seed"])
        if kompetensi:
            self.stdout.write(
                f"Kompetensi demo: {kompetensi['skp']} SKP, {kompetensi['pelatihan']} pelatihan, "
                f"{kompetensi['sertifikasi']} sertifikasi, {kompetensi['asesmen']} hasil asesmen."
            )
        abk = buat_abk_demo(tahun=2026, seed=opts["seed"])
        if abk:
            rincian = ", ".join(f"{th}: {n} uraian tugas" for th, n in sorted(abk.items()))
            self.stdout.write(f"ABK demo dihitung ({rincian}).")
        else:
            self.stdout.write("Periode ABK demo sudah ada; tidak dibuat ulang.")
        pengguna = buat_pengguna_demo()
        usulan = buat_usulan_demo(seed=opts["seed"])
        if usulan.usulan:
            self.stdout.write(f"Usulan mutasi demo: {usulan.usulan} usulan, {usulan.sk} SK.")
        else:
            self.stdout.write("Usulan mutasi sudah ada; tidak dibuat ulang.")
        self.stdout.write(self.style.SUCCESS("\nLogin demo (http://127.0.0.1:8000/):"))
        for username, sandi, peran in pengguna:
            self.stdout.write(f"  {username:<16} {sandi:<12} {peran}")
