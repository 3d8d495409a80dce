from pegawai.choices import JenisImpor

from ._impor import PerintahImpor

# Lives in `pegawai` with the rest of the register import: `instansi` may not import `pegawai`.


class Command(PerintahImpor):
    help = "Impor jabatan dari berkas .xlsx: periksa semua baris, lalu simpan semua atau tidak sama sekali."
    jenis = JenisImpor.JABATAN
