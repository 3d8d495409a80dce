from pegawai.choices import JenisImpor

from ._impor import PerintahImpor


class Command(PerintahImpor):
    help = "Impor pegawai dari berkas .xlsx: periksa semua baris, lalu simpan semua atau tidak sama sekali."
    jenis = JenisImpor.PEGAWAI
