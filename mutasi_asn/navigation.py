"""The navigation, per role: an entry shows only to users holding its permission."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Menu:
    label: str
    url_name: str
    ikon: str
    izin: str = ""  # permission codename "app.codename"; empty = every signed-in user
    lencana: bool = False  # show the "waiting for me" count (context: jumlah_menunggu) beside it


@dataclass(frozen=True)
class Grup:
    label: str
    ikon: str
    menu: list[Menu] = field(default_factory=list)


NAVIGASI = [
    Grup(
        "Register",
        "people",
        [
            Menu("Instansi", "instansi:instansi_list", "building", "instansi.view_instansi"),
            Menu("Unit kerja", "instansi:unitkerja_list", "diagram-3", "instansi.view_unitkerja"),
            Menu("Jabatan", "instansi:jabatan_list", "briefcase", "instansi.view_jabatan"),
            Menu("Pegawai", "pegawai:pegawai_list", "person-badge", "pegawai.view_pegawai"),
            Menu("Impor pegawai", "pegawai:impor_pegawai", "upload", "pegawai.add_pegawai"),
            Menu("Impor jabatan", "pegawai:impor_jabatan", "upload", "instansi.add_jabatan"),
            Menu(
                "Impor pelatihan",
                "pegawai:impor_pelatihan",
                "upload",
                "pegawai.add_riwayatpelatihan",
            ),
            Menu("Impor SKP", "pegawai:impor_skp", "upload", "pegawai.add_skptahunan"),
            Menu(
                "Impor sertifikasi",
                "pegawai:impor_sertifikasi",
                "upload",
                "pegawai.add_sertifikasipegawai",
            ),
            Menu(
                "Impor hasil asesmen", "pegawai:impor_asesmen", "upload", "pegawai.add_hasilasesmen"
            ),
            Menu("Impor instansi", "pegawai:impor_instansi", "upload", "instansi.add_instansi"),
            Menu("Impor unit kerja", "pegawai:impor_unitkerja", "upload", "instansi.add_unitkerja"),
        ],
    ),
    Grup(
        "Analisis Beban Kerja",
        "bar-chart-line",
        [
            Menu("Dasbor", "analisis_beban:dasbor", "speedometer", "analisis_beban.view_hasilabk"),
            Menu(
                "Periode",
                "analisis_beban:periodeabk_list",
                "calendar3",
                "analisis_beban.view_periodeabk",
            ),
            Menu(
                "Hasil ABK", "analisis_beban:hasilabk_list", "table", "analisis_beban.view_hasilabk"
            ),
            Menu(
                "Peta jabatan",
                "analisis_beban:peta_jabatan",
                "diagram-3",
                "analisis_beban.view_hasilabk",
            ),
            Menu(
                "Impor uraian tugas",
                "analisis_beban:impor",
                "upload",
                "analisis_beban.add_uraiantugas",
            ),
            Menu("Glosarium", "glosarium", "book", "analisis_beban.view_hasilabk"),
        ],
    ),
    Grup(
        "Mutasi",
        "arrow-left-right",
        [
            Menu(
                "Usulan", "usulan_mutasi:usulan_list", "list-ul", "usulan_mutasi.view_usulanmutasi"
            ),
            Menu(
                "Menunggu tindakan saya",
                "usulan_mutasi:inbox",
                "inbox",
                "usulan_mutasi.view_usulanmutasi",
                lencana=True,
            ),
            Menu(
                "Kelompok talenta",
                "analisis_beban:talenta",
                "grid-3x3-gap",
                "pegawai.view_skptahunan",
            ),
            Menu(
                "Keputusan (SK)",
                "usulan_mutasi:sk_list",
                "file-earmark-text",
                "usulan_mutasi.view_suratkeputusan",
            ),
            Menu(
                "Rencana pemerataan",
                "usulan_mutasi:rencana_list",
                "diagram-3",
                "usulan_mutasi.view_rencanapemerataan",
            ),
            Menu(
                "Rekap mutasi",
                "usulan_mutasi:laporan_rekap",
                "graph-up",
                "usulan_mutasi.view_usulanmutasi",
            ),
            Menu(
                "Riwayat mutasi",
                "usulan_mutasi:riwayat_mutasi",
                "clock-history",
                "usulan_mutasi.view_usulanmutasi",
            ),
        ],
    ),
]


def navigasi_untuk(user) -> list[dict]:
    hasil = []
    for grup in NAVIGASI:
        menu = [m for m in grup.menu if not m.izin or user.has_perm(m.izin)]
        if menu:
            hasil.append(
                {
                    "label": grup.label,
                    "ikon": grup.ikon,
                    "menu": menu,
                    "lencana": any(m.lencana for m in menu),
                }
            )
    return hasil
