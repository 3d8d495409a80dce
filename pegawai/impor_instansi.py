"""Import of instansi and unit kerja from .xlsx, so a city loads its whole register from Excel.

Two contracts of the shared import flow (`mutasi_asn.impor_kontrak`), beside the jabatan's:
the register's imports belong to `pegawai`, which may use `instansi`, never the other way
round. The order of a city's first load is instansi → unit kerja → jabatan → pegawai; each
file names what it belongs to by kode. A unit's parent (`Kode Unit Induk`) may be a unit of
the register or another row of the same file, in any order; units are written parents
first, through `instansi.services.unitkerja_simpan`, so the tree's paths stay right.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from instansi.choices import JenisInstansi, JenisUnit
from instansi.models import Instansi, UnitKerja
from instansi.services import unitkerja_simpan
from mutasi_asn.impor_kontrak import (
    BARU,
    DIUBAH,
    TETAP,
    HasilImpor,
    KontrakImpor,
    daftarkan_impor,
    tulis_massal,
)
from mutasi_asn.impor_xlsx import (
    PESAN_BARIS_CONTOH,
    GalatBaris,
    KolomImpor,
    LembarData,
    baca_kunci,
    kutip,
    muat_per,
    per_potongan,
    pilihan_dari,
    pk_terjangkau,
    tandai_duplikat,
    teks,
    tiap_baris,
    ya_tidak,
)

PETUNJUK_UMUM = [
    "Kolom berjudul merah wajib ada. Untuk data yang sudah ada, sel kosong berarti nilainya "
    "tidak diubah.",
    "Semua baris diperiksa lebih dulu; bila ada satu saja baris yang salah, tidak ada data yang "
    "disimpan.",
    "Urutan memuat register satu kota: instansi, lalu unit kerja, lalu jabatan, lalu pegawai.",
    "Hapus baris contoh sebelum mengunggah.",
]

# --- instansi -----------------------------------------------------------------------------

KOLOM_INSTANSI = [
    KolomImpor(
        "kode",
        "Kode Instansi",
        ("Kode", "Kode OPD", "Kd Instansi", "Kode Perangkat Daerah"),
        wajib=True,
        keterangan="Kode unik instansi. Kode yang sudah ada berarti instansi itu diperbarui.",
        contoh="I900001",
        sebagai_teks=True,
    ),
    KolomImpor(
        "nama",
        "Nama Instansi",
        ("Nama", "Nama OPD", "Perangkat Daerah", "Instansi", "Nama Perangkat Daerah"),
        wajib=True,
        keterangan="Nama lengkap; unik di seluruh kota.",
        contoh="Dinas Contoh Kota Pematangsiantar",
    ),
    KolomImpor("singkatan", "Singkatan", ("Akronim", "Nama Singkat"), contoh="Dincontoh"),
    KolomImpor(
        "jenis",
        "Jenis Instansi",
        ("Jenis", "Jenis OPD"),
        keterangan="Sekretariat, Inspektorat, Dinas, Badan, Satuan, Kecamatan, atau Rumah Sakit "
        "Umum Daerah (RSUD). Wajib untuk instansi baru.",
        contoh="Dinas",
    ),
    KolomImpor(
        "aktif",
        "Aktif",
        (),
        keterangan="Ya atau Tidak. Kosong = Ya untuk instansi baru.",
        contoh="Ya",
    ),
]
LABEL_INSTANSI = {k.nama: k.label for k in KOLOM_INSTANSI}
CONTOH_INSTANSI = [[k.contoh for k in KOLOM_INSTANSI]]
FIELD_INSTANSI = ["nama", "singkatan", "jenis", "aktif"]

baca_jenis_instansi = pilihan_dari(JenisInstansi, {"rsud": JenisInstansi.RSUD})


@dataclass
class RencanaInstansi:
    baru: list[Instansi] = field(default_factory=list)
    ubah: list[tuple[Instansi, tuple[str, ...]]] = field(default_factory=list)


def periksa_instansi(
    lembar: LembarData,
    *,
    actor=None,
    opsi: dict | None = None,
    kunci: bool = False,
    progres: Callable[[int], None] | None = None,
) -> HasilImpor:
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    galat = hasil.galat
    kode_baris, ganda = baca_kunci(lembar, "kode", teks, galat, "Kode instansi")
    semua_kode = {k for _, k in kode_baris if k}
    qs = Instansi.objects.select_for_update() if kunci else Instansi.objects.all()
    ada_di_db: dict[str, Instansi] = muat_per(qs, "kode", semua_kode)
    terjangkau = pk_terjangkau(Instansi.objects, actor, [i.pk for i in ada_di_db.values()])
    # A city has tens of agencies: every name is loaded once.
    nama_terpakai = dict(Instansi.objects.values_list("nama", "kode"))
    rencana = RencanaInstansi()
    nama_di_berkas: list[tuple[int, str]] = []
    diterima = []
    for b, (nomor, kode) in zip(tiap_baris(lembar, progres), kode_baris, strict=True):
        nilai = {
            "nama": b.ambil("nama", teks),
            "singkatan": b.ambil("singkatan", teks),
            "jenis": b.ambil("jenis", baca_jenis_instansi),
            "aktif": b.ambil("aktif", ya_tidak),
        }
        if kode == CONTOH_INSTANSI[0][0] and nilai["nama"] == CONTOH_INSTANSI[0][1]:
            b.tambah("", PESAN_BARIS_CONTOH)
        lama = ada_di_db.get(kode) if kode else None
        if lama is not None and lama.pk not in terjangkau:
            b.tambah("kode", f"Instansi {kode} berada di luar cakupan Anda; hapus baris ini.")
            galat.extend(b.galat)
            continue
        obj = copy.copy(lama) if lama is not None else Instansi(kode=kode)
        sebelum = {f: getattr(obj, f) for f in FIELD_INSTANSI}
        if lama is None:
            b.wajib_diisi({"nama": nilai["nama"], "jenis": nilai["jenis"]}, "instansi")
        for f, v in nilai.items():
            if v not in (None, ""):
                setattr(obj, f, v)
        if lama is None and nilai["aktif"] is None:
            obj.aktif = True
        b.periksa_model(obj, {"kode", *b.gagal}, LABEL_INSTANSI)
        if obj.nama:
            nama_di_berkas.append((nomor, obj.nama))
            pemilik = nama_terpakai.get(obj.nama)
            if pemilik and pemilik != kode and pemilik not in semua_kode:
                b.tambah(
                    "nama",
                    f"Sudah ada instansi bernama {kutip(obj.nama)} (kode {pemilik}); pakai kode "
                    "itu untuk memperbaruinya, atau beri nama lain.",
                )
        if b.galat or nomor in ganda:
            galat.extend(b.galat)
            continue
        berubah = [f for f in FIELD_INSTANSI if lama is not None and getattr(obj, f) != sebelum[f]]
        diterima.append((nomor, lama, obj, berubah))
    tandai_duplikat(nama_di_berkas, LABEL_INSTANSI["nama"], galat, "Nama instansi")
    bermasalah = {g.baris for g in galat}
    for nomor, lama, obj, berubah in diterima:
        if nomor in bermasalah:
            continue
        if lama is None:
            rencana.baru.append(obj)
            aksi = BARU
        elif berubah:
            rencana.ubah.append((obj, tuple(berubah)))
            aksi = DIUBAH
        else:
            aksi = TETAP
        hasil.catat(nomor, aksi, _contoh_instansi, obj, berubah)
    return hasil.selesai(rencana)


def _contoh_instansi(obj: Instansi, berubah: list[str]) -> dict:
    return {
        "kode": obj.kode,
        "nama": obj.nama,
        "singkatan": obj.singkatan,
        "jenis": obj.get_jenis_display(),
        "keterangan": "diubah: " + ", ".join(LABEL_INSTANSI[f].lower() for f in berubah)
        if berubah
        else "",
    }


@transaction.atomic
def tulis_instansi(
    hasil: HasilImpor,
    *,
    actor,
    opsi: dict | None = None,
    progres: Callable[[int], None] | None = None,
) -> None:
    rencana: RencanaInstansi = hasil.rencana
    tulis_massal(Instansi, rencana.baru, rencana.ubah, actor=actor, progres=progres)
    if progres:
        progres(hasil.jumlah_baris)


KONTRAK_INSTANSI = daftarkan_impor(
    KontrakImpor(
        jenis="instansi",
        label="Instansi",
        kolom=KOLOM_INSTANSI,
        periksa=periksa_instansi,
        tulis=tulis_instansi,
        izin="instansi.add_instansi",
        url_unggah="pegawai:impor_instansi",
        url_daftar="instansi:instansi_list",
        kolom_contoh=[
            ("kode", "Kode"),
            ("nama", "Instansi"),
            ("singkatan", "Singkatan"),
            ("jenis", "Jenis"),
            ("keterangan", "Keterangan"),
        ],
        contoh=CONTOH_INSTANSI,
        petunjuk=["Satu baris untuk satu instansi (OPD).", *PETUNJUK_UMUM],
        hanya_kota=True,
    )
)

# --- unit kerja ---------------------------------------------------------------------------

KOLOM_UNIT = [
    KolomImpor(
        "kode",
        "Kode Unit Kerja",
        ("Kode Unit", "Kode Unor", "Kd Unit Kerja", "Kode Unit Organisasi", "Kode"),
        wajib=True,
        keterangan="Kode unik unit kerja. Kode yang sudah ada berarti unit itu diperbarui.",
        contoh="U900001",
        sebagai_teks=True,
    ),
    KolomImpor(
        "nama",
        "Nama Unit Kerja",
        ("Nama Unit", "Nama Unor", "Unit Kerja", "Nama"),
        wajib=True,
        keterangan="Unik di antara unit dengan induk yang sama.",
        contoh="Bidang Pelayanan Contoh",
    ),
    KolomImpor(
        "kode_instansi",
        "Kode Instansi",
        ("Kode OPD", "Kd Instansi", "Kode Perangkat Daerah"),
        wajib=True,
        keterangan="Kode instansi tempat unit ini, seperti di daftar Instansi. Wajib untuk "
        "unit baru.",
        contoh="I900001",
        sebagai_teks=True,
    ),
    KolomImpor(
        "kode_induk",
        "Kode Unit Induk",
        ("Kode Induk", "Induk", "Kode Unor Induk", "Kode Unit Atasan"),
        keterangan="Kode unit di atasnya (di register atau di baris lain berkas ini), di "
        "instansi yang sama. Kosong = unit teratas instansi (untuk unit baru) atau tidak diubah.",
        contoh="",
        sebagai_teks=True,
    ),
    KolomImpor(
        "jenis",
        "Jenis Unit",
        ("Jenis", "Jenis Unor"),
        keterangan="Pimpinan, Sekretariat, Bagian, Bidang, Subbagian, Seksi, UPT, Puskesmas, "
        "Sekolah, Kelurahan, atau Instalasi. Wajib untuk unit baru.",
        contoh="Bidang",
    ),
]
LABEL_UNIT = {k.nama: k.label for k in KOLOM_UNIT}
LABEL_FIELD_UNIT = {**LABEL_UNIT, "instansi": LABEL_UNIT["kode_instansi"]}
LABEL_FIELD_UNIT["induk"] = LABEL_UNIT["kode_induk"]
CONTOH_UNIT = [[k.contoh for k in KOLOM_UNIT]]

baca_jenis_unit = pilihan_dari(
    JenisUnit, {"subbag": JenisUnit.SUBBAGIAN, "uptd": JenisUnit.UPT, "sd": JenisUnit.SEKOLAH}
)


@dataclass
class _BarisUnit:
    nomor: int
    lama: UnitKerja | None
    kode: str
    nama: str
    jenis: str
    instansi: Instansi
    induk: UnitKerja | None  # a unit of the register
    kode_induk_berkas: str  # or another row of this file
    ubah_induk: bool


@dataclass
class RencanaUnit:
    baris: list[_BarisUnit] = field(default_factory=list)  # parents before children


def periksa_unit(
    lembar: LembarData,
    *,
    actor=None,
    opsi: dict | None = None,
    kunci: bool = False,
    progres: Callable[[int], None] | None = None,
) -> HasilImpor:
    hasil = HasilImpor(jumlah_baris=len(lembar.baris), kolom_diabaikan=lembar.diabaikan)
    galat = hasil.galat
    kode_baris, ganda = baca_kunci(lembar, "kode", teks, galat, "Kode unit kerja")
    semua_kode = {k for _, k in kode_baris if k}
    kode_induk = {teks(raw.get("kode_induk")) for _, raw in lembar.baris} - {""}
    kode_instansi = {teks(raw.get("kode_instansi")) for _, raw in lembar.baris} - {""}
    qs = UnitKerja.objects.select_related("instansi")
    if kunci:
        qs = qs.select_for_update(of=("self",))
    ada_di_db: dict[str, UnitKerja] = muat_per(qs, "kode", semua_kode | kode_induk)
    terjangkau = pk_terjangkau(UnitKerja.objects, actor, [u.pk for u in ada_di_db.values()])
    qs_instansi = Instansi.objects.all() if actor is None else Instansi.objects.for_user(actor)
    instansi: dict[str, Instansi] = muat_per(qs_instansi, "kode", kode_instansi)
    # Each row's agency as the file will leave it, so a parent in the file can be checked.
    instansi_berkas: dict[str, int] = {}
    for (_, raw), (_, kode) in zip(lembar.baris, kode_baris, strict=True):
        i = instansi.get(teks(raw.get("kode_instansi")))
        lama = ada_di_db.get(kode)
        if kode and (i or lama):
            instansi_berkas[kode] = i.pk if i else lama.instansi_id
    # Names already taken under a parent, by units not in this file under the same kode.
    nama_terpakai: dict[tuple[int, int | None, str], str] = {}
    instansi_ids = set(instansi_berkas.values())
    for potong in per_potongan(instansi_ids):
        for i_id, induk_id, nama, kode in UnitKerja.objects.filter(
            instansi_id__in=potong
        ).values_list("instansi_id", "induk_id", "nama", "kode"):
            nama_terpakai[(i_id, induk_id, nama)] = kode

    diterima: list[_BarisUnit] = []
    induk_berkas: dict[str, str] = {}  # kode -> kode of its parent row in this file
    nama_di_berkas: list[tuple[int, str]] = []
    for b, (nomor, kode) in zip(tiap_baris(lembar, progres), kode_baris, strict=True):
        nama = b.ambil("nama", teks)
        jenis = b.ambil("jenis", baca_jenis_unit)
        k_instansi = b.ambil("kode_instansi", teks)
        k_induk = b.ambil("kode_induk", teks)
        if kode == CONTOH_UNIT[0][0] and nama == CONTOH_UNIT[0][1]:
            b.tambah("", PESAN_BARIS_CONTOH)
        lama = ada_di_db.get(kode) if kode else None
        if lama is not None and lama.pk not in terjangkau:
            b.tambah("kode", f"Unit kerja {kode} berada di luar cakupan Anda; hapus baris ini.")
            galat.extend(b.galat)
            continue
        if lama is None:
            b.wajib_diisi({"nama": nama, "jenis": jenis, "kode_instansi": k_instansi}, "unit kerja")
        ins = None
        if k_instansi:
            ins = instansi.get(k_instansi)
            if ins is None:
                b.tambah(
                    "kode_instansi",
                    f"Kode instansi {kutip(k_instansi)} tidak ada di register (atau di luar "
                    "cakupan Anda). Periksa kodenya di daftar Instansi, atau impor instansi itu "
                    "lebih dulu.",
                )
                b.gagal.add("kode_instansi")
        elif lama is not None:
            ins = lama.instansi
        induk, kode_induk_berkas = (lama.induk if lama else None), ""
        if k_induk:
            if k_induk == kode:
                b.tambah("kode_induk", "Unit tidak boleh menjadi induk bagi dirinya sendiri.")
            elif k_induk in semua_kode:
                induk, kode_induk_berkas = None, k_induk
                induk_berkas[kode] = k_induk
                if ins is not None and instansi_berkas.get(k_induk) not in (None, ins.pk):
                    b.tambah(
                        "kode_induk",
                        f"Unit induk {kutip(k_induk)} berada di instansi lain; induk harus di "
                        "instansi yang sama.",
                    )
            elif k_induk in ada_di_db:
                induk = ada_di_db[k_induk]
                if ins is not None and induk.instansi_id != ins.pk:
                    b.tambah(
                        "kode_induk",
                        f"Unit induk {kutip(k_induk)} berada di instansi {induk.instansi}; induk "
                        "harus di instansi yang sama.",
                    )
                elif lama is not None and induk.jalur.startswith(lama.jalur):
                    b.tambah(
                        "kode_induk",
                        f"Unit {kutip(k_induk)} adalah sub-unit dari unit ini, sehingga tidak "
                        "dapat menjadi induknya.",
                    )
            else:
                b.tambah(
                    "kode_induk",
                    f"Kode unit induk {kutip(k_induk)} tidak ada di register maupun di berkas ini.",
                )
        obj = copy.copy(lama) if lama is not None else UnitKerja(kode=kode)
        for f, v in (("nama", nama), ("jenis", jenis)):
            if v:
                setattr(obj, f, v)
        b.periksa_model(obj, {"kode", "instansi", "induk", *b.gagal}, LABEL_FIELD_UNIT)
        if ins is not None and obj.nama:
            kunci_induk = kode_induk_berkas or (induk.kode if induk else "")
            nama_di_berkas.append((nomor, f"{ins.pk}\u0000{kunci_induk}\u0000{obj.nama}"))
            if not kode_induk_berkas:
                pemilik = nama_terpakai.get((ins.pk, induk.pk if induk else None, obj.nama))
                if pemilik and pemilik != kode and pemilik not in semua_kode:
                    b.tambah(
                        "nama",
                        f"Sudah ada unit bernama {kutip(obj.nama)} di bawah induk yang sama "
                        f"(kode {pemilik}); pakai kode itu untuk memperbaruinya, atau beri nama "
                        "lain.",
                    )
        if b.galat or nomor in ganda:
            galat.extend(b.galat)
            continue
        diterima.append(
            _BarisUnit(
                nomor=nomor,
                lama=lama,
                kode=kode,
                nama=obj.nama,
                jenis=obj.jenis,
                instansi=ins,
                induk=induk,
                kode_induk_berkas=kode_induk_berkas,
                ubah_induk=bool(k_induk),
            )
        )
    tandai_duplikat(
        nama_di_berkas,
        LABEL_UNIT["nama"],
        galat,
        "Unit kerja",
        pesan=lambda kunci_nama, lain: (
            f"Unit {kutip(kunci_nama.rsplit(chr(0), 1)[1])} muncul dua kali di bawah induk yang "
            f"sama (juga di baris {lain}); nama unit harus unik di bawah satu induk."
        ),
    )
    _tandai_lingkaran(induk_berkas, {k: n for n, k in kode_baris if k}, galat)
    bermasalah = {g.baris for g in galat}
    rencana = RencanaUnit()
    for r in _induk_lebih_dulu([r for r in diterima if r.nomor not in bermasalah]):
        rencana.baris.append(r)
        aksi = BARU if r.lama is None else DIUBAH if _berubah(r) else TETAP
        hasil.catat(r.nomor, aksi, _contoh_unit, r)
    rencana.baris = [r for r in rencana.baris if r.lama is None or _berubah(r)]
    return hasil.selesai(rencana)


def _berubah(r: _BarisUnit) -> bool:
    """Does an existing unit's row change it (a parent in the file always counts)?"""
    lama = r.lama
    return (
        lama.nama != r.nama
        or lama.jenis != r.jenis
        or lama.instansi_id != r.instansi.pk
        or (
            r.ubah_induk
            and (bool(r.kode_induk_berkas) or lama.induk_id != getattr(r.induk, "pk", None))
        )
    )


def _tandai_lingkaran(induk_berkas: dict[str, str], nomor_kode: dict[str, int], galat) -> None:
    """Rows whose parents, followed through this file, come back to themselves."""
    for awal in induk_berkas:
        dilihat, kode = set(), awal
        while kode in induk_berkas and kode not in dilihat:
            dilihat.add(kode)
            kode = induk_berkas[kode]
        if kode == awal:
            galat.append(
                GalatBaris(
                    nomor_kode[awal],
                    LABEL_UNIT["kode_induk"],
                    "Induk unit ini, diikuti ke atas di berkas ini, kembali ke unit ini sendiri; "
                    "perbaiki kode unit induk.",
                )
            )


def _induk_lebih_dulu(baris: list[_BarisUnit]) -> list[_BarisUnit]:
    """Rows ordered so that a parent row of the file is written before its children."""
    per_kode = {r.kode: r for r in baris}
    kedalaman: dict[str, int] = {}

    def dalam(r: _BarisUnit) -> int:
        if r.kode not in kedalaman:
            induk = per_kode.get(r.kode_induk_berkas)
            kedalaman[r.kode] = 0  # guards a cycle already reported
            kedalaman[r.kode] = dalam(induk) + 1 if induk else 0
        return kedalaman[r.kode]

    return sorted(baris, key=lambda r: (dalam(r), r.nomor))


def _contoh_unit(r: _BarisUnit) -> dict:
    return {
        "kode": r.kode,
        "nama": r.nama,
        "instansi": r.instansi.nama,
        "induk": r.kode_induk_berkas or (r.induk.kode if r.induk else "—"),
        "jenis": JenisUnit(r.jenis).label if r.jenis else "",
    }


@transaction.atomic
def tulis_unit(
    hasil: HasilImpor,
    *,
    actor,
    opsi: dict | None = None,
    progres: Callable[[int], None] | None = None,
) -> None:
    """Each unit through `unitkerja_simpan` (paths of the tree, moves across agencies and
    their ABK signals): a city has hundreds of units, not tens of thousands."""
    rencana: RencanaUnit = hasil.rencana
    ditulis: dict[str, UnitKerja] = {}
    for i, r in enumerate(rencana.baris, start=1):
        # Re-read: an earlier row may have moved this unit's ancestors (its path changed).
        instance = UnitKerja.objects.get(pk=r.lama.pk) if r.lama is not None else None
        data = {"kode": r.kode, "nama": r.nama, "jenis": r.jenis, "instansi": r.instansi}
        if r.kode_induk_berkas:
            induk = ditulis.get(r.kode_induk_berkas) or UnitKerja.objects.get(
                kode=r.kode_induk_berkas
            )
            data["induk"] = induk
        elif r.lama is None or r.ubah_induk:
            data["induk"] = UnitKerja.objects.get(pk=r.induk.pk) if r.induk else None
        ditulis[r.kode] = unitkerja_simpan(instance=instance, data=data, actor=actor)
        if progres and i % 100 == 0:
            progres(i)
    if progres:
        progres(hasil.jumlah_baris)


KONTRAK_UNIT = daftarkan_impor(
    KontrakImpor(
        jenis="unitkerja",
        label="Unit kerja",
        kolom=KOLOM_UNIT,
        periksa=periksa_unit,
        tulis=tulis_unit,
        izin="instansi.add_unitkerja",
        url_unggah="pegawai:impor_unitkerja",
        url_daftar="instansi:unitkerja_list",
        kolom_contoh=[
            ("kode", "Kode"),
            ("nama", "Unit kerja"),
            ("instansi", "Instansi"),
            ("induk", "Induk"),
            ("jenis", "Jenis"),
        ],
        contoh=CONTOH_UNIT,
        petunjuk=["Satu baris untuk satu unit kerja.", *PETUNJUK_UMUM],
        hanya_kota=True,
    )
)
