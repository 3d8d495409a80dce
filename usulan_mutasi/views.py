"""Pages of the transfer proposals: list, form with the ABK impact preview, the proposal page with
its actions, timeline, comments and documents, the inbox, and the decrees (SK).

Every page fetches through `for_user` (another agency's proposal, document or action is a 404);
every write calls one service and shows its Indonesian message when it refuses.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from analisis_beban.models import HasilABK
from analisis_beban.selectors import periode_berlaku
from instansi.forms import label_jabatan
from instansi.models import Jabatan
from mutasi_asn.akun.roles import Peran
from mutasi_asn.excel import tulis_xlsx
from mutasi_asn.views import CariView, Kolom, ObjectDetailView, ObjectEditView, ObjectListView
from pegawai.models import Pegawai

from . import forms, services
from .choices import (
    STATUS_BOLEH_BATAL,
    STATUS_BOLEH_UBAH,
    STATUS_SELESAI,
    AksiPeristiwa,
    JenisMutasi,
    StatusSK,
    StatusUsulan,
    VerdikDokumen,
)
from .filters import SuratKeputusanFilter, UsulanMutasiFilter
from .models import DokumenUsulan, PengaturanSK, SuratKeputusan, UsulanMutasi
from .rules import blok_dari, periksa_kelayakan, peringatan_dari
from .selectors import (
    cuplikan_keputusan,
    dampak_untuk_usulan,
    dampak_usulan,
    dokumen_wajib_belum_sesuai,
    kelengkapan_dokumen,
    nomor_sk_berikut,
    usulan_menunggu_tindakan,
    usulan_siap_sk,
)

S = StatusUsulan

# The approve button of each step, as the one who decides reads it.
LABEL_SETUJUI = {
    S.DIAJUKAN: "Verifikasi (lanjutkan)",
    S.PERSETUJUAN_ASAL: "Setuju melepas",
    S.PERSETUJUAN_TUJUAN: "Setuju menerima",
    S.PERTIMBANGAN_TIM: "Pertimbangkan (setuju)",
    S.KEPUTUSAN_PPK: "Putuskan: setujui",
}
# What the inbox asks of the user per state.
TINDAKAN_DIMINTA = {
    S.DRAF: "Lengkapi dan ajukan",
    S.DIKEMBALIKAN: "Perbaiki dan ajukan kembali",
    S.DIAJUKAN: "Verifikasi",
    S.PERSETUJUAN_ASAL: "Persetujuan melepas",
    S.PERSETUJUAN_TUJUAN: "Persetujuan menerima",
    S.PERTIMBANGAN_TIM: "Pertimbangan",
    S.KEPUTUSAN_PPK: "Keputusan",
    S.DISETUJUI: "Masukkan ke SK",
    S.DALAM_SK: "Tetapkan SK",
}


def pesan_dari(exc: Exception) -> list[str]:
    """The Indonesian messages of a service's refusal, flat."""
    if isinstance(exc, ValidationError):
        return list(exc.messages)
    teks = str(exc) or "Anda tidak berwenang melakukan tindakan ini."
    return [teks]


def pelaku_label(usulan: UsulanMutasi) -> str:
    """Who must act now, in words."""
    if usulan.status in services.PELAKU_TAHAP:
        peran, sisi = services.PELAKU_TAHAP[usulan.status]
        label = Peran(peran).label
        if sisi == "instansi_asal_id":
            return f"{label} {usulan.instansi_asal}"
        if sisi == "instansi_tujuan_id":
            return f"{label} {usulan.instansi_tujuan}"
        if peran == Peran.PPK:
            return "Pejabat Pembina Kepegawaian (Wali Kota)"
        return label
    if usulan.status in STATUS_BOLEH_UBAH:
        return "Pengusul" + (
            f" ({usulan.instansi_pengusul})" if usulan.instansi_pengusul_id else " (BKPSDM)"
        )
    if usulan.status == S.DISETUJUI:
        return "Staf BKPSDM (menyusun Keputusan Wali Kota)"
    if usulan.status == S.DALAM_SK:
        sk = usulan.surat_keputusan
        if sk is not None and sk.status != StatusSK.DRAF:
            return f"Tidak ada: SK sudah ditetapkan, mutasi berlaku otomatis pada TMT {sk.tmt:%d/%m/%Y}"
        return "Staf BKPSDM (menetapkan SK)"
    return "—"


# --- list, inbox ---------------------------------------------------------------------------


class UsulanListView(ObjectListView):
    model = UsulanMutasi
    filterset_class = UsulanMutasiFilter
    template_name = "usulan_mutasi/usulan_list.html"
    tombol_tambah = "usulan_mutasi:usulan_add"
    judul = "Usulan mutasi"
    urut_bawaan = "-dibuat_pada,-pk"
    kolom = [
        Kolom("Nomor", "nomor", urut="nomor", tautan=True, kelas="text-nowrap"),
        Kolom("NIP", "pegawai.nip_tampil", urut="pegawai__nip", kelas="nip"),
        Kolom("Nama", "pegawai.nama_lengkap", urut="pegawai__nama"),
        Kolom("Jenis", "get_jenis_display", urut="jenis"),
        Kolom("Alasan", "get_alasan_display", urut="alasan"),
        # Inside one OPD the units are what changes, so the move is named with them.
        Kolom("Perpindahan", "uraian_perpindahan"),
        Kolom("Instansi asal", "instansi_asal", urut="instansi_asal__nama"),
        Kolom("Instansi tujuan", "instansi_tujuan", urut="instansi_tujuan__nama"),
        Kolom("Status", "get_status_display", urut="status"),
        Kolom("Tenggat", "tenggat", urut="tenggat"),
        Kolom("Diajukan", "diajukan_pada", urut="diajukan_pada"),
    ]

    def get_base_queryset(self):
        return UsulanMutasi.objects.dengan_relasi()


class InboxView(LoginRequiredMixin, ListView):
    """ "Menunggu tindakan saya": what waits for this user, the most urgent first."""

    template_name = "usulan_mutasi/inbox.html"
    paginate_by = 50

    def get_queryset(self):
        return usulan_menunggu_tindakan(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["judul"] = "Menunggu tindakan saya"
        for u in ctx["object_list"]:
            u.tindakan_diminta = TINDAKAN_DIMINTA.get(u.status, "")
        ctx["query_tanpa_halaman"] = ""
        return ctx


# --- form and impact preview ----------------------------------------------------------------


class UsulanEditView(ObjectEditView):
    """Create or edit a proposal; "Simpan dan ajukan" also submits it in the same transaction, so a
    refused submission leaves nothing half-done and the form shows the service's reasons."""

    model = UsulanMutasi
    form_class = forms.UsulanForm
    template_name = "usulan_mutasi/usulan_form.html"

    def get_base_queryset(self):
        return UsulanMutasi.objects.dengan_relasi()

    def _tidak_boleh_diubah(self):
        """Back to the proposal page, with the reason, when this user may not edit it now (rather
        than a form that can only be refused on saving)."""
        u = self.object
        if u is None:
            return None
        if not services.adalah_pengusul(u, self.request.user):
            pesan = "Hanya pengusul yang dapat mengubah usulan ini."
        elif u.status not in STATUS_BOLEH_UBAH:
            pesan = (
                f"Usulan berstatus '{u.get_status_display()}' tidak dapat diubah; perubahan hanya "
                "boleh saat draf atau setelah dikembalikan."
            )
        else:
            return None
        messages.error(self.request, pesan)
        return redirect(u.get_absolute_url())

    def get(self, request, *args, **kwargs):
        return self._tidak_boleh_diubah() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._tidak_boleh_diubah() or super().post(request, *args, **kwargs)

    def get_initial(self):
        # "Usulkan mutasi" on a pegawai's profile opens the form with that pegawai chosen; from
        # the talent page also with the suggested destination (the form's querysets still scope).
        if self.object is not None:
            return {}
        awal = {}
        for field in ("pegawai", "jabatan_tujuan"):
            nilai = self.request.GET.get(field, "")
            if nilai.isdigit() and len(nilai) < 10:
                awal[field] = int(nilai)
        return awal

    def form_valid(self, form):
        data = form.cleaned_data
        ajukan = "ajukan" in self.request.POST
        user = self.request.user
        try:
            with transaction.atomic():
                if self.object is None:
                    usulan = services.usulan_buat(
                        pegawai=data["pegawai"],
                        jenis=data["jenis"],
                        alasan=data["alasan"],
                        justifikasi=data["justifikasi"],
                        jabatan_tujuan=data["jabatan_tujuan"],
                        instansi_luar=data["instansi_luar"],
                        data_luar={f: data[f] for f in forms.FIELD_LANGKAH_LUAR},
                        actor=user,
                    )
                else:
                    usulan = services.usulan_ubah(
                        usulan=self.object,
                        data={
                            k: data[k]
                            for k in (
                                "jenis",
                                "alasan",
                                "justifikasi",
                                "jabatan_tujuan",
                                "instansi_luar",
                                *forms.FIELD_LANGKAH_LUAR,
                            )
                        },
                        actor=user,
                    )
                if ajukan:
                    usulan = services.usulan_ajukan(
                        usulan=usulan,
                        actor=user,
                        justifikasi_peringatan=data["justifikasi_peringatan"],
                    )
                elif data["justifikasi_peringatan"] != usulan.justifikasi_peringatan:
                    usulan = services.usulan_ubah(
                        usulan=usulan,
                        data={"justifikasi_peringatan": data["justifikasi_peringatan"]},
                        actor=user,
                    )
                if not UsulanMutasi.objects.for_user(user).filter(pk=usulan.pk).exists():
                    raise ValidationError(
                        "Usulan ini akan berada di luar cakupan instansi Anda; periksa jabatan "
                        "tujuan."
                    )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                for field, errs in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                for p in pesan_dari(exc):
                    form.add_error(None, p)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Usulan {usulan.nomor} diajukan." if ajukan else f"Usulan {usulan.nomor} disimpan.",
        )
        return redirect(usulan.get_absolute_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["judul"] = f"Ubah usulan {self.object}" if self.object else "Usulan mutasi baru"
        form = ctx["form"]
        ctx["dampak"] = _dampak_dari_form(form, self.request.user, self.object)
        return ctx


def _dampak_dari_form(form, user, usulan):
    """The impact preview for what the form currently holds (bound or initial)."""

    def nilai(nama):
        if form.is_bound:
            return form.data.get(nama) or None
        v = form.initial.get(nama)
        return getattr(v, "pk", v)

    pegawai_id = usulan.pegawai_id if usulan else nilai("pegawai")
    return _dampak(
        user, pegawai_id, nilai("jabatan_tujuan"), nilai("jenis"), usulan.pk if usulan else None
    )


def _dampak(user, pegawai_id, jabatan_id, jenis, usulan_pk=None):
    if not jabatan_id or not str(jabatan_id).isdigit():
        return None
    tujuan = (
        Jabatan.objects.filter(pk=jabatan_id, aktif=True)
        .select_related("unit_kerja__instansi")
        .first()
    )
    if tujuan is None:
        return None
    asal = None
    if pegawai_id and str(pegawai_id).isdigit() and jenis != JenisMutasi.MASUK:
        pegawai = (
            Pegawai.objects.for_user(user)
            .select_related("jabatan__unit_kerja__instansi")
            .filter(pk=pegawai_id)
            .first()
        )
        asal = pegawai.jabatan if pegawai else None
    return dampak_usulan(jabatan_asal=asal, jabatan_tujuan=tujuan, kecuali_pk=usulan_pk)


@login_required
@permission_required("usulan_mutasi.add_usulanmutasi", raise_exception=True)
def dampak(request):
    """htmx partial: the ABK impact of the move the form currently describes."""
    hasil = _dampak(
        request.user,
        request.GET.get("pegawai"),
        request.GET.get("jabatan_tujuan"),
        request.GET.get("jenis"),
    )
    return render(request, "usulan_mutasi/_dampak.html", {"dampak": hasil})


class _CariView(CariView):
    permission_required = "usulan_mutasi.add_usulanmutasi"


class PegawaiCariView(_CariView):
    """JSON for the pegawai picker: active pegawai in the user's scope, by NIP prefix or name."""

    def cari(self, q):
        qs = Pegawai.objects.for_user(self.request.user).aktif().select_related("jabatan")
        if q:
            qs = qs.cari(q)
        return qs.order_by("nama", "pk")

    def label(self, obj):
        return forms.label_pegawai(obj)


def _id(teks: str) -> int | None:
    """An id typed in a query string, or None (not digits, or past the bigint range)."""
    return int(teks) if teks.isdigit() and int(teks) < 2**63 else None


class JabatanTujuanCariView(_CariView):
    """JSON for the destination jabatan: any active jabatan of the city.

    Every typed word must be found in the jabatan's name or code, its unit's or its agency's
    name ("perawat puskesmas 05"); `instansi` and `unit` narrow the list; for a move inside one
    OPD (`jenis=antar_unit` with `pegawai`) only the employee's own agency is offered. Each row
    says the position's staffing in the current ABK period ("kurang 2")."""

    def cari(self, q):
        qs = Jabatan.objects.filter(aktif=True)
        for kata in q.split():
            qs = qs.filter(
                Q(nama__icontains=kata)
                | Q(kode__iexact=kata)
                | Q(unit_kerja__nama__icontains=kata)
                | Q(unit_kerja__instansi__nama__icontains=kata)
                | Q(unit_kerja__instansi__singkatan__iexact=kata)
            )
        get = self.request.GET
        instansi = get.get("saring_instansi") or get.get("instansi") or ""
        unit = get.get("saring_unit") or get.get("unit") or ""
        if _id(instansi):
            qs = qs.filter(unit_kerja__instansi_id=_id(instansi))
        if _id(unit):
            qs = qs.filter(unit_kerja_id=_id(unit))
        if get.get("jenis") == JenisMutasi.ANTAR_UNIT and _id(get.get("pegawai", "")):
            instansi_id = (
                Pegawai.objects.for_user(self.request.user)
                .filter(pk=_id(get["pegawai"]))
                .values_list("jabatan__unit_kerja__instansi_id", flat=True)
                .first()
            )
            qs = qs.filter(unit_kerja__instansi_id=instansi_id)
        periode = periode_berlaku()
        selisih = HasilABK.objects.filter(periode=periode, jabatan_id=OuterRef("pk")).values(
            "selisih"
        )[:1]
        return (
            qs.select_related("unit_kerja__instansi")
            .annotate(selisih_abk=Subquery(selisih))
            .order_by("nama", "unit_kerja__nama", "pk")
        )

    def label(self, obj):
        s = obj.selisih_abk
        keadaan = (
            "belum ada ABK"
            if s is None
            else f"kurang {-s}"
            if s < 0
            else f"lebih {s}"
            if s > 0
            else "sesuai"
        )
        return f"{label_jabatan(obj)} · {keadaan}"


# --- the proposal page ------------------------------------------------------------------------


class UsulanDetailView(ObjectDetailView):
    model = UsulanMutasi
    template_name = "usulan_mutasi/usulan_detail.html"

    def get_base_queryset(self):
        return UsulanMutasi.objects.dengan_relasi().select_related(
            "instansi_pengusul", "pegawai__jabatan"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        u = self.object
        user = self.request.user
        pengusul = services.adalah_pengusul(u, user)
        pelaku = services.pelaku_tahap(u, user)
        boleh_ubah = pengusul and u.status in STATUS_BOLEH_UBAH
        temuan = periksa_kelayakan(u) if services.boleh_lihat_kelayakan(u, user) else []
        peristiwa = list(u.peristiwa.select_related("aktor").order_by("waktu", "pk"))
        kelengkapan = kelengkapan_dokumen(u, peristiwa)
        ctx.update(
            {
                "judul": f"Usulan {u}",
                "pelaku_label": pelaku_label(u),
                "boleh_ubah": boleh_ubah and user.has_perm("usulan_mutasi.change_usulanmutasi"),
                "boleh_ajukan": boleh_ubah,
                "boleh_batal": pengusul and u.status in STATUS_BOLEH_BATAL,
                "boleh_putuskan": pelaku,
                "label_setujui": LABEL_SETUJUI.get(u.status, "Setujui"),
                "blok": blok_dari(temuan),
                "peringatan": peringatan_dari(temuan),
                "peristiwa": peristiwa,
                "linimasa": linimasa(peristiwa),
                "cuplikan": cuplikan_keputusan(peristiwa),
                "komentar": u.komentar.select_related("penulis").order_by("dibuat_pada", "pk"),
                "kelengkapan": kelengkapan,
                # Shown beside the actions of the proposer and of BKPSDM's verification, so
                # neither submits nor verifies without seeing what the checklist still lacks.
                "dokumen_kurang": [
                    b["jenis"] for b in kelengkapan if b["wajib"] and not b["lengkap"]
                ]
                if boleh_ubah or (pelaku and u.status == S.DIAJUKAN)
                else [],
                # What stops BKPSDM's verification, shown above its buttons.
                "dokumen_belum_sesuai": dokumen_wajib_belum_sesuai(kelengkapan)
                if pelaku and u.status == S.DIAJUKAN
                else [],
                "boleh_semua_sesuai": user.punya_peran(Peran.BKPSDM)
                and u.status not in STATUS_SELESAI
                and any(d.verdik == VerdikDokumen.BELUM for b in kelengkapan for d in b["dokumen"]),
                # Only where the latest upload of a kind still needs fixing (not once replaced).
                "dokumen_perbaikan": [
                    (b["jenis"], b["dokumen"][-1])
                    for b in kelengkapan
                    if b["dokumen"] and b["dokumen"][-1].verdik == VerdikDokumen.PERLU_PERBAIKAN
                ]
                if boleh_ubah or (pelaku and u.status == S.DIAJUKAN)
                else [],
                "boleh_unggah": user.has_perm("usulan_mutasi.add_dokumenusulan")
                and u.status not in STATUS_SELESAI,
                "boleh_verifikasi_dokumen": user.punya_peran(Peran.BKPSDM),
                "boleh_komentar": user.has_perm("usulan_mutasi.add_komentarusulan"),
                "boleh_buat_sk": u.status == S.DISETUJUI
                and user.has_perm("usulan_mutasi.add_suratkeputusan"),
                "dampak": dampak_untuk_usulan(u) if u.jabatan_tujuan_id else None,
                "form_unggah": forms.DokumenUnggahForm(),
                "form_langkah_luar": forms.LangkahLuarForm(
                    initial={f: getattr(u, f) for f in forms.FIELD_LANGKAH_LUAR}
                )
                if u.jenis in (JenisMutasi.KELUAR, JenisMutasi.MASUK)
                and u.status not in STATUS_SELESAI
                and user.punya_peran(Peran.BKPSDM)
                else None,
                "hari_ini": timezone.localdate(),
            }
        )
        return ctx


# Events that come in runs (several uploads, a checklist verified file by file): one timeline item.
AKSI_BERKELOMPOK = (AksiPeristiwa.DOKUMEN_DIUNGGAH, AksiPeristiwa.DOKUMEN_DIVERIFIKASI)


def linimasa(peristiwa: list) -> list[dict]:
    """The timeline: consecutive document events of one kind by one person are one item
    {"utama": first event, "jumlah", "catatan": [each event's note]}; other events stand alone."""
    hasil: list[dict] = []
    for p in peristiwa:
        akhir = hasil[-1] if hasil else None
        if (
            akhir is not None
            and p.aksi in AKSI_BERKELOMPOK
            and akhir["utama"].aksi == p.aksi
            and akhir["utama"].aktor_id == p.aktor_id
        ):
            akhir["catatan"].append(p.catatan)
            akhir["jumlah"] += 1
            akhir["terakhir"] = p
            continue
        hasil.append({"utama": p, "terakhir": p, "jumlah": 1, "catatan": [p.catatan]})
    return hasil


def _isian(request, nama: str, bawaan: str | None = "") -> str | None:
    """A text typed on the page, without NUL bytes: they mean nothing in a note and PostgreSQL
    refuses them (a 500). Forms reject them; these actions read the POST directly."""
    nilai = request.POST.get(nama, bawaan)
    return nilai.replace("\x00", "") if nilai is not None else None


def _usulan_atau_404(request, pk) -> UsulanMutasi:
    if not request.user.has_perm("usulan_mutasi.view_usulanmutasi"):
        raise Http404
    return get_object_or_404(UsulanMutasi.objects.for_user(request.user), pk=pk)


AKSI = {"ajukan", "setujui", "kembalikan", "tolak", "batalkan"}


@login_required
@require_POST
def usulan_aksi(request, pk, aksi):
    """One workflow action: the service decides; its refusal becomes a message, never a 500."""
    if aksi not in AKSI:
        raise Http404
    usulan = _usulan_atau_404(request, pk)
    dibaca = request.POST.get("status_dibaca")
    user = request.user
    try:
        if dibaca and dibaca != usulan.status:
            raise ValidationError(
                "Usulan ini baru saja diproses oleh pengguna lain (status sekarang: "
                f"{usulan.get_status_display()}). Periksa kembali sebelum bertindak."
            )
        if aksi == "ajukan":
            services.usulan_ajukan(
                usulan=usulan,
                actor=user,
                justifikasi_peringatan=_isian(request, "justifikasi_peringatan", None),
            )
            pesan = "Usulan diajukan ke BKPSDM untuk diverifikasi."
        elif aksi == "setujui":
            services.usulan_setujui(usulan=usulan, actor=user, catatan=_isian(request, "catatan"))
            pesan = "Persetujuan dicatat; usulan diteruskan ke tahap berikutnya."
        elif aksi == "kembalikan":
            services.usulan_kembalikan(usulan=usulan, alasan=_isian(request, "alasan"), actor=user)
            pesan = "Usulan dikembalikan ke pengusul untuk diperbaiki."
        elif aksi == "tolak":
            services.usulan_tolak(usulan=usulan, alasan=_isian(request, "alasan"), actor=user)
            pesan = "Usulan ditolak."
        else:
            services.usulan_batalkan(usulan=usulan, actor=user, alasan=_isian(request, "alasan"))
            pesan = "Usulan dibatalkan."
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(request, pesan)
    return redirect(usulan.get_absolute_url())


@login_required
@require_POST
def usulan_langkah_luar(request, pk):
    """BKPSDM records Pertek BKN and the Gubernur/Mendagri decision of a transfer out/in."""
    usulan = _usulan_atau_404(request, pk)
    form = forms.LangkahLuarForm(request.POST)
    if not form.is_valid():
        for field, errs in form.errors.items():
            for e in errs:
                messages.error(request, f"{form.fields[field].label}: {e}")
        return redirect(usulan.get_absolute_url())
    try:
        services.usulan_catat_langkah_luar(
            usulan=usulan, data=form.cleaned_data, actor=request.user
        )
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(request, "Langkah eksternal dicatat.")
    return redirect(usulan.get_absolute_url())


@login_required
@require_POST
def komentar_tambah(request, pk):
    usulan = _usulan_atau_404(request, pk)
    try:
        services.komentar_tambah(usulan=usulan, isi=_isian(request, "isi"), actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(request, "Komentar ditambahkan.")
    return redirect(usulan.get_absolute_url() + "#komentar")


@login_required
@require_POST
def dokumen_unggah(request, pk):
    usulan = _usulan_atau_404(request, pk)
    form = forms.DokumenUnggahForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errs in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for e in errs:
                messages.error(request, f"{label}: {e}" if label else e)
        return redirect(usulan.get_absolute_url() + "#dokumen")
    try:
        dokumen = services.dokumen_unggah_banyak(
            usulan=usulan,
            jenis_dokumen=form.cleaned_data["jenis_dokumen"],
            daftar_berkas=form.cleaned_data["berkas"],
            actor=request.user,
        )
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(
            request,
            "Dokumen diunggah." if len(dokumen) == 1 else f"{len(dokumen)} dokumen diunggah.",
        )
    return redirect(usulan.get_absolute_url() + "#dokumen")


@login_required
@require_POST
def dokumen_verifikasi_semua(request, pk):
    """BKPSDM's "semua sesuai" over the whole checklist."""
    usulan = _usulan_atau_404(request, pk)
    try:
        dokumen = services.dokumen_verifikasi_semua(usulan=usulan, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(request, f"{len(dokumen)} dokumen dinyatakan sesuai.")
        kurang = dokumen_wajib_belum_sesuai(kelengkapan_dokumen(usulan))
        if kurang:
            messages.warning(request, "Masih belum lengkap: " + "; ".join(kurang) + ".")
    return redirect(usulan.get_absolute_url() + "#dokumen")


def _dokumen_atau_404(request, pk) -> DokumenUsulan:
    if not request.user.has_perm("usulan_mutasi.view_dokumenusulan"):
        raise Http404
    return get_object_or_404(
        DokumenUsulan.objects.for_user(request.user).select_related("usulan", "jenis_dokumen"),
        pk=pk,
    )


@login_required
def dokumen_unduh(request, pk):
    """Stream a private document after the scope check (files have no public URL)."""
    dokumen = _dokumen_atau_404(request, pk)
    try:
        berkas = dokumen.berkas.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan.") from None
    return FileResponse(
        berkas,
        as_attachment=request.GET.get("lihat") != "1",
        filename=dokumen.nama_asli,
        content_type=dokumen.tipe_konten,
    )


@login_required
@require_POST
def dokumen_verifikasi(request, pk):
    dokumen = _dokumen_atau_404(request, pk)
    try:
        services.dokumen_verifikasi(
            dokumen=dokumen,
            verdik=request.POST.get("verdik", ""),
            catatan=_isian(request, "catatan"),
            actor=request.user,
        )
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(request, f"Hasil verifikasi '{dokumen.jenis_dokumen}' dicatat.")
    return redirect(dokumen.usulan.get_absolute_url() + "#dokumen")


# --- decrees (SK) -----------------------------------------------------------------------------


class SKListView(ObjectListView):
    model = SuratKeputusan
    filterset_class = SuratKeputusanFilter
    tombol_tambah = "usulan_mutasi:sk_add"
    judul = "Keputusan Wali Kota (SK mutasi)"
    urut_bawaan = "-tanggal,-pk"
    kolom = [
        Kolom("Nomor", "nomor", urut="nomor", tautan=True),
        Kolom("Tanggal", "tanggal", urut="tanggal"),
        Kolom("TMT", "tmt", urut="tmt"),
        Kolom("Perihal", "perihal"),
        Kolom("Penandatangan", "penandatangan_nama"),
        Kolom("Status", "get_status_display", urut="status"),
    ]


class SKDetailView(ObjectDetailView):
    model = SuratKeputusan
    template_name = "usulan_mutasi/sk_detail.html"

    def get_base_queryset(self):
        return SuratKeputusan.objects.select_related("dibuat_oleh", "scan_ttd_diunggah_oleh")

    def daftar_usulan(self):
        # An agency reads the decree, but only the rows of its own people.
        return (
            UsulanMutasi.objects.for_user(self.request.user)
            .filter(surat_keputusan=self.object)
            .dengan_relasi()
            .order_by("pegawai__nama", "pk")
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            self.object = self.get_object()
            return self.ekspor()
        return super().get(request, *args, **kwargs)

    def ekspor(self):
        sk = self.object
        data = tulis_xlsx(
            "Lampiran SK",
            [
                "No",
                "NIP",
                "Nama",
                "Pangkat/golongan",
                "Jabatan lama",
                "Unit kerja lama",
                "Instansi lama",
                "Jabatan baru",
                "Unit kerja baru",
                "Instansi baru",
                "Nomor usulan",
            ],
            (
                [
                    i,
                    u.pegawai.nip_tampil,
                    u.pegawai.nama_lengkap,
                    u.pegawai.golongan_tampil,
                    str(u.jabatan_asal or ""),
                    str(u.unit_asal or ""),
                    str(u.instansi_asal or ""),
                    str(u.jabatan_tujuan or ""),
                    str(u.unit_tujuan or ""),
                    str(u.instansi_tujuan or u.instansi_luar or ""),
                    u.nomor,
                ]
                for i, u in enumerate(self.daftar_usulan(), start=1)
            ),
        )
        resp = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        nama = "sk-" + "".join(c if c.isalnum() else "-" for c in sk.nomor) + ".xlsx"
        resp["Content-Disposition"] = f'attachment; filename="{nama}"'
        return resp

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        sk = self.object
        ctx["judul"] = f"Keputusan Wali Kota Nomor {sk.nomor}"
        ctx["daftar"] = self.daftar_usulan()
        ctx["boleh_tetapkan"] = sk.status == StatusSK.DRAF and self.request.user.punya_peran(
            Peran.BKPSDM
        )
        ctx["hari_ini"] = timezone.localdate()
        ctx.update(konteks_dokumen_sk(sk, self.request.user))
        return ctx


def konteks_dokumen_sk(sk: SuratKeputusan, user) -> dict:
    """The documents card of the SK page: PDF run, petikan PDFs ready, the signed scan."""
    from django.conf import settings

    from .choices import AksiPeristiwa, JenisBerkasSK, StatusPembuatanPDF
    from .dokumen import soffice_tersedia
    from .models import BerkasSK, PeristiwaUsulan
    from .views_dokumen import ringkasan_pdf

    seluruhnya = user.lingkup_kota
    return {
        "batas_unggah_mb": settings.UNGGAHAN_MAKS_BYTE // 1048576,
        "dokumen_lengkap": seluruhnya,
        "boleh_kelola_dokumen": seluruhnya and user.punya_peran(Peran.BKPSDM),
        "pdf": ringkasan_pdf(sk),
        "soffice": soffice_tersedia(),
        # Proposals whose heads' approvals were recorded: their letters can be made. One query.
        "surat_ada": set(
            PeristiwaUsulan.objects.filter(
                usulan__surat_keputusan=sk,
                aksi__in=[AksiPeristiwa.DISETUJUI_ASAL, AksiPeristiwa.DISETUJUI_TUJUAN],
            ).values_list("usulan_id", "aksi")
        ),
        "surat_pdf_siap": set(
            BerkasSK.objects.filter(
                surat_keputusan=sk,
                jenis__in=[JenisBerkasSK.SURAT_MELEPAS, JenisBerkasSK.SURAT_MENERIMA],
                status=StatusPembuatanPDF.SELESAI,
            ).values_list("usulan_id", "jenis")
        ),
        "petikan_pdf_siap": set(
            BerkasSK.objects.filter(
                surat_keputusan=sk,
                jenis=JenisBerkasSK.PETIKAN,
                status=StatusPembuatanPDF.SELESAI,
            ).values_list("usulan_id", flat=True)
        ),
    }


class SKEditView(ObjectEditView):
    model = SuratKeputusan
    form_class = forms.SKForm
    template_name = "usulan_mutasi/sk_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        kwargs.pop("user", None)
        kwargs["usulan_qs"] = usulan_siap_sk(self.request.user)
        if self.request.method == "GET" and self.request.GET.getlist("usulan"):
            kwargs["initial"] = {
                **kwargs.get("initial", {}),
                "usulan": self.request.GET.getlist("usulan"),
            }
        return kwargs

    def get_initial(self):
        hari_ini = timezone.localdate()
        pengaturan = PengaturanSK.muat()
        return {
            "tanggal": hari_ini,
            "tmt": hari_ini,
            "perihal": "Mutasi Pegawai Negeri Sipil",
            "penandatangan_nama": pengaturan.penandatangan_nama,
            "penandatangan_nip": pengaturan.penandatangan_nip,
            "penandatangan_jabatan": pengaturan.penandatangan_jabatan,
        }

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        usulan = data.pop("usulan")
        try:
            sk = services.sk_buat(
                usulan_ids=[u.pk for u in usulan], actor=self.request.user, **data
            )
        except (ValidationError, PermissionDenied) as exc:
            if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
                for field, errs in exc.error_dict.items():
                    field = "usulan" if field == "usulan_ids" else field
                    form.add_error(field if field in form.fields else None, errs)
            else:
                for p in pesan_dari(exc):
                    form.add_error(None, p)
            return self.form_invalid(form)
        messages.success(self.request, f"Draf SK {sk.nomor} disusun. Periksa lalu tetapkan.")
        return redirect(sk.get_absolute_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["judul"] = "Susun Keputusan Wali Kota (SK mutasi)"
        tahun = timezone.localdate().year
        berikut = nomor_sk_berikut(tahun)
        ctx["nomor_berikut"] = berikut
        ctx["nomor_berikut_lengkap"] = services.nomor_sk_format(
            urut=berikut, tanggal=timezone.localdate()
        )
        return ctx


@login_required
@require_POST
def sk_keluarkan_usulan(request, pk, usulan_pk):
    """Take one proposal out of a draft decree (it goes back to waiting for a decree)."""
    if not request.user.has_perm("usulan_mutasi.view_suratkeputusan"):
        raise Http404
    sk = get_object_or_404(SuratKeputusan.objects.for_user(request.user), pk=pk)
    usulan = get_object_or_404(
        UsulanMutasi.objects.for_user(request.user).filter(surat_keputusan=sk), pk=usulan_pk
    )
    try:
        services.sk_keluarkan_usulan(sk=sk, usulan=usulan, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(request, f"Usulan {usulan.nomor} dikeluarkan dari SK {sk.nomor}.")
    return redirect(sk.get_absolute_url())


@login_required
@require_POST
def sk_tetapkan(request, pk):
    if not request.user.has_perm("usulan_mutasi.view_suratkeputusan"):
        raise Http404
    sk = get_object_or_404(SuratKeputusan.objects.for_user(request.user), pk=pk)
    try:
        sk = services.sk_tetapkan(sk=sk, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        if sk.status == StatusSK.BERLAKU:
            messages.success(request, f"SK {sk.nomor} ditetapkan dan mutasi sudah berlaku.")
        else:
            messages.success(
                request,
                f"SK {sk.nomor} ditetapkan; mutasi berlaku otomatis pada TMT {sk.tmt:%d/%m/%Y}.",
            )
    return redirect(sk.get_absolute_url())
