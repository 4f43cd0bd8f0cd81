"""Write the SYNTHETIC input workbooks of three fictitious units over four quarters.

Units: ``mau-an`` (Phường Mẫu An), ``mau-binh`` (Phường Mẫu Bình) and ``xa-mau-cuong`` (Xã
Mẫu Cường), all under Thành phố Hải Phòng; quarters 2025-Q2, 2025-Q3, 2025-Q4 and 2026-Q1:

    data/<unit>/<YYYY>-Q<n>.xlsx

Everything in them is invented — names, codes, figures, texts — from a fixed seed (``SEED``),
so a rerun gives the same bytes (fixed document times and zip entry times, as in
``make_phu_lien_2026q1.py``). Nothing here describes a real place or person.

What the files exercise:

* the records path: ``ho_so`` holds one row per dossier (about 12,000 a quarter for a ward,
  4,000 for the commune). Each unit has ONE continuous dossier stream, received from
  2025-01-15 to 2026-03-31; a quarter's file is that stream exported at ``den_ngay``: every
  dossier received in the quarter, plus those received earlier and still open at ``tu_ngay``.
  A dossier whose result comes after ``den_ngay`` is exported open (``dang_giai_quyet``, no
  result date), so consecutive files agree with each other as a real export would;
* three spellings of the same contract: ``mau-an`` uses the contract keys as sheet names and
  headers (``ho_so``, ``ma_ho_so``) and the codes (``truc_tuyen``); ``mau-binh`` the
  Vietnamese display headers and labels (``Hồ sơ``, ``Mã hồ sơ``, ``Trực tuyến``, ``Có``) and
  some counts as Vietnamese number text (``22.581``); ``xa-mau-cuong`` pastes its dossiers as
  the national portal exports them (``MaHoSo``, ``KenhThucHien`` 1/2/3, ``TrangThaiHoSo``
  2/4/5/6/8/9/10/7, status 3 and 1 rows, ``HoSoCoThanhPhanSoHoa`` 1/0, no system column), with
  fake personal-data columns (``ChuHoSo``, ``SoDienThoai``, ``DiaChi``) the reader must drop,
  and adds a ``ho_so_tong_hop`` computed from the same records (so it reconciles);
* trends: procedures moving to full online service, the online share and digitisation rising,
  VNeID integrations accumulating, the 2025 programme completing quarter by quarter and the
  2026 programme starting afresh in 2026-Q1;
* the city roll-up: three units of one city, four quarters each.

Two realistic mistakes are planted, and only these (``PLANTED``): in ``mau-binh`` 2025-Q4 the
declared rate of VNeID accounts with social-security data is 10 points above its own counts
(``ty_le_lech``), and in ``mau-an`` 2025-Q3 one dossier row is exported twice
(``ho_so_trung``). Every other figure is consistent.

The procedure names per field and the programme's objectives and tasks reuse the sample's
illustrative rows (``data/nguon/phu-lien/2026-Q1/thu_tuc.csv`` and ``chi_tieu.csv``, read by
``make_phu_lien_2026q1.read_sources``; not copied), adapted to the year and to "phường"/"xã".

Run from the repository root: ``.venv/bin/python data/make_synthetic.py``
"""

# ruff: noqa: E501  (data rows and sentences are kept one per line)
from __future__ import annotations

import importlib.util
import os
import re
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook

try:
    from helpers import contract as c
    from helpers import indicators, xlsx
    from helpers.periods import Quarter
except ModuleNotFoundError:  # a checkout without `pip install -e .`: use its src/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from helpers import contract as c
    from helpers import indicators, xlsx
    from helpers.periods import Quarter

HERE = Path(__file__).resolve().parent


def _load_phu_lien():
    """The sample's generator as a module, to read the sample's plain sources with."""
    spec = importlib.util.spec_from_file_location(
        "make_phu_lien_2026q1", HERE / "make_phu_lien_2026q1.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


PHU_LIEN = _load_phu_lien()
SAMPLE = {sheet.key: rows for sheet, _, rows in PHU_LIEN.read_sources()}


def sample_procedures(rows: list[dict]) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    """The sample's procedures per field: (its rows, [(name, system)] without the repeats
    that the sample marks "(minh họa 2)", "(minh họa 3)" …), fields in the sample's order."""
    fields: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    for r in rows:
        count, names = fields.get(r["linh_vuc"], (0, []))
        if not re.search(r" \(minh họa \d+\)$", r["ten_thu_tuc"]):
            names.append((r["ten_thu_tuc"], r["he_thong"]))
        fields[r["linh_vuc"]] = (count + 1, names)
    return fields


SAMPLE_PROCEDURES = sample_procedures(SAMPLE["thu_tuc"])

SEED = 57_2025  # the one seed everything is drawn from
FIXED_TIME = datetime(2026, 4, 1, 0, 0, 0)  # document properties and zip entry times
QUARTERS = [Quarter(2025, 2), Quarter(2025, 3), Quarter(2025, 4), Quarter(2026, 1)]
STREAM_START, STREAM_END = date(2025, 1, 15), date(2026, 3, 31)
CITY = "Thành phố Hải Phòng"
THANH_PHO = "Thành phố"
BO_NGANH = "Các Bộ, ngành"

# Days off of the civil service (approximate, for a plausible calendar): New Year, Tết
# (2025: 27–31/01; 2026: 16–20/02), Hùng Kings, 30/4–1/5, National Day.
HOLIDAYS = np.array(
    [
        "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31",
        "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
        "2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
    ],
    dtype="datetime64[D]",
)  # fmt: skip
TET = [date(2025, 1, 29), date(2026, 2, 17)]


# --- the units ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Unit:
    """A fictitious ward or commune and the scale of its figures."""

    no: int  # enters every random stream of the unit
    slug: str
    name: str  # "Mẫu An"
    kind: str  # "phường" or "xã"
    style: str  # how its workbooks are spelled: "key", "label" or "portal" (ho_so only)
    ma_don_vi: str  # prefix of its dossier codes
    nguoi_ky: str
    dossiers: int  # dossiers received in an average quarter
    online: tuple[float, float]  # online share at the start and at the end of the stream
    thu_tuc: tuple[int, int, int, int]  # procedures published, per quarter
    toan_trinh: tuple[float, float, float, float]  # share fully online, per quarter
    dan_so: int  # population: denominator of the e-health-book integration
    tai_khoan: int  # activated VNeID accounts at 2025-Q2 (grows slowly)
    vneid: float  # how far ahead of the typical unit its VNeID integrations are
    nha_van_hoa: int
    can_bo: int  # staff
    doi_tuong: int  # people paid social allowances
    to_06: int  # members of the Đề án 06 teams, approximately

    @property
    def don_vi(self) -> str:
        return f"{self.kind.capitalize()} {self.name}"

    @property
    def dv(self) -> str:  # "phường Mẫu An", inside a sentence
        return f"{self.kind} {self.name}"

    @property
    def co_quan(self) -> str:
        return f"Ủy ban nhân dân {self.dv}"

    @property
    def to(self) -> str:  # the residential group below the unit
        return "tổ dân phố" if self.kind == "phường" else "thôn"


UNITS = [
    Unit(
        no=1, slug="mau-an", name="Mẫu An", kind="phường", style="key", ma_don_vi="H31.91",
        nguoi_ky="Trần Văn Mẫu", dossiers=11_800, online=(0.86, 0.975),
        thu_tuc=(371, 374, 377, 380), toan_trinh=(0.45, 0.52, 0.58, 0.64),
        dan_so=48_350, tai_khoan=33_900, vneid=1.0, nha_van_hoa=14, can_bo=58, doi_tuong=2_140,
        to_06=260,
    ),
    Unit(
        no=2, slug="mau-binh", name="Mẫu Bình", kind="phường", style="label", ma_don_vi="H31.92",
        nguoi_ky="Lê Thị Thử", dossiers=12_600, online=(0.88, 0.985),
        thu_tuc=(378, 381, 383, 386), toan_trinh=(0.48, 0.55, 0.60, 0.66),
        dan_so=61_900, tai_khoan=44_200, vneid=1.06, nha_van_hoa=18, can_bo=64, doi_tuong=2_610,
        to_06=320,
    ),
    Unit(
        no=3, slug="xa-mau-cuong", name="Mẫu Cường", kind="xã", style="portal", ma_don_vi="H31.93",
        nguoi_ky="Phạm Văn Giả", dossiers=4_100, online=(0.84, 0.95),
        thu_tuc=(352, 355, 357, 361), toan_trinh=(0.38, 0.46, 0.53, 0.60),
        dan_so=21_400, tai_khoan=13_800, vneid=0.86, nha_van_hoa=11, can_bo=36, doi_tuong=1_190,
        to_06=140,
    ),
]  # fmt: skip
DEPUTY = {"mau-binh": "Đỗ Văn Thí"}  # signs 2025-Q3 for the chairwoman

# The two mistakes planted on purpose (the checks must find them, and nothing else).
PLANTED = {
    ("mau-binh", "2025-Q4"): "ty_le_lech",  # vneid_an_sinh_xa_hoi declared 10 points high
    ("mau-an", "2025-Q3"): "ho_so_trung",  # one dossier row exported twice
}


def rng(unit: Unit, *purpose: int) -> np.random.Generator:
    """The random stream of one unit for one purpose: independent, and stable on rerun."""
    return np.random.default_rng([SEED, unit.no, *purpose])


STREAM, CATALOGUE, PROGRAMME, CHI_SO, VAN_BAN, NOI_DUNG, EXTRA, PICK = range(1, 9)


def lerp(a: float, b: float, t: np.ndarray | float) -> np.ndarray | float:
    return a + (b - a) * t


def quarter_of(d: date) -> Quarter:
    return Quarter(d.year, (d.month - 1) // 3 + 1)


def busday(d: np.ndarray, n: np.ndarray | int = 0) -> np.ndarray:
    """``n`` working days after ``d`` (``d`` itself moved to a working day first)."""
    return np.busday_offset(d, n, roll="forward", holidays=HOLIDAYS)


# --- thu_tuc: the province's procedure catalogue ------------------------------------------
# Field -> share of dossiers, and the legal handling times (working days) its procedures have.
FIELDS: dict[str, tuple[float, tuple[int, ...]]] = {
    "Chứng thực": (0.55, (1, 1, 1, 2)),
    "Hộ tịch": (0.09, (1, 3, 3, 5)),
    "Đất đai": (0.06, (10, 15, 15)),
    "Xây dựng": (0.025, (15, 15, 10)),
    "Kinh doanh": (0.045, (3, 3, 5)),
    "Công thương": (0.006, (10, 15)),
    "Lao động - Thương binh và Xã hội": (0.04, (5, 7, 10)),
    "Người có công": (0.02, (7, 10, 15)),
    "Bảo trợ xã hội": (0.045, (7, 10, 15)),
    "Giáo dục và Đào tạo": (0.02, (3, 5, 7)),
    "Y tế": (0.015, (5, 10, 15)),
    "Tư pháp": (0.012, (3, 5, 7)),
    "Văn hóa - Thể thao": (0.01, (5, 7)),
    "Thi đua - Khen thưởng": (0.01, (7, 10)),
    "Tín ngưỡng, tôn giáo": (0.003, (5, 10)),
    "Nông nghiệp và Môi trường": (0.01, (5, 7, 10)),
}
# Seasons of some fields (month -> factor): school admissions in summer, land before Tết.
FIELD_SEASON = {
    "Giáo dục và Đào tạo": {6: 3.0, 7: 4.0, 8: 3.0},
    "Đất đai": {11: 1.3, 12: 1.4, 1: 1.2},
    "Bảo trợ xã hội": {12: 1.4, 1: 1.5},
}
CATALOGUE_SIZE = 400


@dataclass(frozen=True)
class Procedure:
    ma: str
    ten: str
    linh_vuc: str
    he_thong: str
    thoi_han: int  # working days; 0: no deadline stated
    weight: float  # share of all dossiers, before seasons
    u_level: float  # fully online once the unit's share passes it


def catalogue() -> list[Procedure]:
    """~400 procedures from the sample's per-field lists, with their variants ("trường hợp 2")."""
    assert set(FIELDS) == set(SAMPLE_PROCEDURES), "FIELDS must name the sample's fields"
    g = np.random.default_rng([SEED, 0, CATALOGUE])
    total = sum(n for n, _ in SAMPLE_PROCEDURES.values())
    out: list[Procedure] = []
    for linh_vuc, (count, names) in SAMPLE_PROCEDURES.items():
        share, times = FIELDS[linh_vuc]
        n = max(len(names) // 2, round(count * CATALOGUE_SIZE / total))
        zipf = 1 / np.arange(1, n + 1) ** 1.3
        for k in range(n):
            name, he_thong = names[k % len(names)]
            name = name.replace("phường", "cấp xã")
            if k >= len(names):
                name = f"{name} (trường hợp {k // len(names) + 1})"
            thoi_han = 0 if g.random() < 0.03 else int(g.choice(times))
            out.append(
                Procedure(
                    ma=f"9.00{len(out) + 1:04d}",
                    ten=name,
                    linh_vuc=linh_vuc,
                    he_thong=he_thong,
                    thoi_han=thoi_han,
                    weight=share * zipf[k] / zipf.sum(),
                    u_level=float(g.random()),
                )
            )
    return out


def unit_catalogue(unit: Unit, procs: list[Procedure]) -> list[np.ndarray]:
    """Indices of the procedures the unit publishes, per quarter (each a superset of the last)."""
    order = rng(unit, CATALOGUE).permutation(len(procs))
    assert max(unit.thu_tuc) <= len(procs)
    return [np.sort(order[:size]) for size in unit.thu_tuc]


def muc_do(unit: Unit, k: int, proc: Procedure) -> str:
    """Level of online service of a procedure in quarter ``k``: only ever moves up."""
    if proc.u_level < unit.toan_trinh[k]:
        return "toan_trinh"
    if proc.u_level > 1 - (0.012, 0.006, 0.003, 0.0)[k]:  # a few still counter-only in 2025
        return "truc_tiep"
    return "mot_phan"


def thu_tuc_rows(unit: Unit, k: int, procs: list[Procedure], present: np.ndarray) -> list[dict]:
    return [
        {
            "ma_thu_tuc": p.ma,
            "ten_thu_tuc": p.ten,
            "linh_vuc": p.linh_vuc,
            "muc_do": muc_do(unit, k, p),
            "he_thong": p.he_thong,
        }
        for p in (procs[i] for i in present)
    ]


# --- ho_so: one continuous dossier stream per unit --------------------------------------------
MONTH_SEASON = {1: 1.15, 2: 0.85, 3: 1.05, 4: 0.95, 5: 1.0, 6: 1.05, 7: 1.1, 8: 1.12, 9: 0.95, 10: 1.0, 11: 1.02, 12: 1.1}  # fmt: skip
WEEKDAY = (1.15, 1.05, 1.0, 1.0, 0.9, 0.25, 0.0)  # Monday … Sunday (Saturday mornings open)
KENH = ("truc_tiep", "truc_tuyen", "buu_chinh")
OUTCOME = ("da_giai_quyet", "rut", "tu_choi")


@dataclass
class Stream:
    """Every dossier of a unit, received 2025-01-15 … 2026-03-31, with its fate."""

    ma: np.ndarray  # str
    recv: np.ndarray  # datetime64[D]
    proc: np.ndarray  # index into the catalogue
    kenh: np.ndarray  # index into KENH
    han: np.ndarray  # datetime64[D], NaT: no deadline
    result: np.ndarray  # datetime64[D]: resolution or withdrawal
    outcome: np.ndarray  # index into OUTCOME
    so_hoa: np.ndarray  # bool: result digitised
    u: np.ndarray  # a uniform number per dossier, for stable per-dossier choices


def daily_rates(unit: Unit, days: np.ndarray) -> np.ndarray:
    """Expected dossiers received on each day: weekday, month, Tết and holidays."""
    py = days.astype(object)
    w = np.array([WEEKDAY[d.weekday()] * MONTH_SEASON[d.month] for d in py])
    for tet in TET:  # a rush in the two weeks before Tết, a catch-up in the week after
        before = np.array([0 < (tet - d).days <= 14 for d in py])
        after = np.array([3 <= (d - tet).days <= 12 for d in py])
        w = w * np.where(before, 1.3, 1.0) * np.where(after, 1.2, 1.0)
    w[np.isin(days, HOLIDAYS)] = 0.0
    quarters = np.array([str(quarter_of(d)) for d in py])
    per_quarter = np.mean([w[quarters == str(q)].sum() for q in QUARTERS])
    return unit.dossiers * w / per_quarter


def dossier_stream(unit: Unit, procs: list[Procedure], present: list[np.ndarray]) -> Stream:
    g = rng(unit, STREAM)
    days = np.arange(np.datetime64(STREAM_START), np.datetime64(STREAM_END) + 1)
    counts = g.poisson(daily_rates(unit, days))
    recv = np.repeat(days, counts)
    n = len(recv)
    seq = np.arange(n) - np.repeat(np.cumsum(counts) - counts, counts) + 1  # 1, 2 … per day
    ymd = [d.strftime("%y%m%d") for d in recv.astype(object)]
    ma = np.array([f"{unit.ma_don_vi}-{d}-{s:04d}" for d, s in zip(ymd, seq, strict=True)])
    first, last = np.datetime64(STREAM_START), np.datetime64(STREAM_END)
    t = (recv - first).astype(float) / (last - first).astype(float)  # 0 … 1 along the stream

    # procedure: by month, among those published then (Q1 2025 uses the 2025-Q2 list)
    proc = np.empty(n, dtype=np.int64)
    months = recv.astype("datetime64[M]")
    for month in np.unique(months):
        m = month.astype(object).month
        q = quarter_of(month.astype(object))
        k = QUARTERS.index(q) if q in QUARTERS else 0
        idx = present[k]
        w = np.array(
            [procs[i].weight * FIELD_SEASON.get(procs[i].linh_vuc, {}).get(m, 1.0) for i in idx]
        )
        sel = months == month
        proc[sel] = g.choice(idx, size=int(sel.sum()), p=w / w.sum())

    # channel: online share growing over the stream; the rest 90% at the counter, 10% by post
    u_kenh = g.random(n)
    online = u_kenh < lerp(*unit.online, t)
    kenh = np.where(online, 1, np.where(g.random(n) < 0.9, 0, 2))

    # deadline: the procedure's handling time in working days from receipt
    d = np.array([procs[i].thoi_han for i in range(len(procs))])[proc]
    han = busday(recv, d)
    han = np.where(d > 0, han, np.datetime64("NaT"))

    # fate: ~2% withdrawn or refused; otherwise early (most), on the deadline, or late (a few)
    u = g.random(n)
    withdrawn = u < 0.02
    outcome = np.where(withdrawn, np.where(g.random(n) < 0.7, 1, 2), 0)
    p_late, p_on = lerp(0.035, 0.012, t), lerp(0.16, 0.10, t)
    v = g.random(n)
    late, on_time = v < p_late, (v >= p_late) & (v < p_late + p_on)
    span = np.maximum(d, 1)
    early_days = np.where(d > 0, np.floor(g.random(n) * span), g.integers(0, 8, n)).astype(np.int64)
    result = busday(recv, early_days)
    has_deadline = d > 0
    deadline_safe = np.where(has_deadline, han, recv)  # busday cannot take NaT
    result = np.where(on_time & has_deadline, deadline_safe, result)
    late_days = np.minimum(1 + g.geometric(0.22, n), 3 * span + 2)  # days late, by handling time
    result = np.where(late & has_deadline, busday(deadline_safe, late_days), result)
    result = np.where(
        withdrawn, busday(recv, np.floor(g.random(n) * span).astype(np.int64)), result
    )

    so_hoa = ~withdrawn & (g.random(n) < lerp(0.90, 0.985, t))
    return Stream(ma, recv, proc, kenh, han, result, outcome, so_hoa, g.random(n))


@dataclass
class Export:
    """A quarter's dossier list in contract terms (one entry per written row)."""

    ma_ho_so: list
    ma_thu_tuc: list
    linh_vuc: list
    he_thong: list
    kenh_nop: list  # contract code
    ngay_tiep_nhan: list  # date or None
    han_xu_ly: list
    ngay_co_ket_qua: list
    trang_thai: list  # contract code
    da_so_hoa: list  # bool
    portal_status: list  # the national portal's TrangThaiHoSo
    person: list  # number of the fake applicant (portal export only)

    def frame(self) -> pd.DataFrame:
        """The records as helpers.io reads them (the portal export has no system column)."""
        return pd.DataFrame(
            {
                "ma_ho_so": pd.Series(self.ma_ho_so, dtype=object),
                "ma_thu_tuc": pd.Series(self.ma_thu_tuc, dtype=object),
                "linh_vuc": pd.Series(self.linh_vuc, dtype=object),
                "he_thong": pd.Series(self.he_thong, dtype=object),
                "kenh_nop": pd.Series(self.kenh_nop, dtype=object),
                **{
                    key: pd.to_datetime(pd.Series(getattr(self, key), dtype=object))
                    for key in ("ngay_tiep_nhan", "han_xu_ly", "ngay_co_ket_qua")
                },
                "trang_thai": pd.Series(self.trang_thai, dtype=object),
                "da_so_hoa": pd.array(self.da_so_hoa, dtype=bool),
            }
        )


def export(unit: Unit, s: Stream, q: Quarter, procs: list[Procedure]) -> Export:
    """The stream as the dossier system exports it at ``den_ngay`` of quarter ``q``."""
    start, end = (np.datetime64(x) for x in q.window())
    keep = ((s.recv >= start) & (s.recv <= end)) | ((s.recv < start) & (s.result >= start))
    idx = np.flatnonzero(keep)
    closed = s.result[idx] <= end
    outcome = s.outcome[idx]
    status = np.where(closed, np.array(OUTCOME)[outcome], "dang_giai_quyet")
    result = np.where(closed, s.result[idx], np.datetime64("NaT"))
    so_hoa = closed & s.so_hoa[idx]
    # the portal's codes: 10 returned, 9 resolved in the last days, 7 withdrawn; open: 2 just
    # received, else mostly 4 (being handled), some 5 (papers requested), 6 (fees), 8 (paused)
    u = s.u[idx]
    just = s.recv[idx] >= end - np.timedelta64(1, "D")
    open_code = np.where(just, 2, np.select([u < 0.8, u < 0.92, u < 0.97], [4, 5, 6], 8))
    final_code = np.where(
        outcome == 0, np.where(s.result[idx] > end - np.timedelta64(3, "D"), 9, 10), 7
    )
    portal = np.where(closed, final_code, open_code)
    proc = [procs[i] for i in s.proc[idx]]
    return Export(
        ma_ho_so=s.ma[idx].tolist(),
        ma_thu_tuc=[p.ma for p in proc],
        linh_vuc=[p.linh_vuc for p in proc],
        he_thong=[p.he_thong for p in proc],
        kenh_nop=[KENH[k] for k in s.kenh[idx]],
        ngay_tiep_nhan=s.recv[idx].astype(object).tolist(),
        han_xu_ly=s.han[idx].astype(object).tolist(),
        ngay_co_ket_qua=result.astype("datetime64[D]").astype(object).tolist(),
        trang_thai=status.tolist(),
        da_so_hoa=so_hoa.tolist(),
        portal_status=portal.tolist(),
        person=(idx + 1).tolist(),
    )


def add_portal_extras(unit: Unit, x: Export, q: Quarter, procs: list[Procedure], k: int) -> None:
    """Rows of the portal export outside every count: submitted online but refused at intake
    (status 3) and submitted in the quarter's last days, not yet received (status 1)."""
    g = rng(unit, EXTRA, k)
    start, end = q.window()
    offered = [procs[i] for i in range(len(procs)) if procs[i].linh_vuc != "Chứng thực"]
    n3, n1 = int(g.poisson(12)), int(g.poisson(4)) + 1
    days = [start + timedelta(int(g.integers(0, (end - start).days + 1))) for _ in range(n3)]
    days += [end - timedelta(int(g.integers(0, 2))) for _ in range(n1)]
    for j, (day, code) in enumerate(zip(days, [3] * n3 + [1] * n1, strict=True)):
        p = offered[int(g.integers(len(offered)))]
        x.ma_ho_so.append(f"{unit.ma_don_vi}-{day:%y%m%d}-{9001 + j:04d}")
        x.ma_thu_tuc.append(p.ma)
        x.linh_vuc.append(p.linh_vuc)
        x.he_thong.append(p.he_thong)
        x.kenh_nop.append("truc_tuyen")
        x.ngay_tiep_nhan.append(None)
        x.han_xu_ly.append(None)
        x.ngay_co_ket_qua.append(None)
        x.trang_thai.append("khong_tiep_nhan" if code == 3 else "chua_tiep_nhan")
        x.da_so_hoa.append(False)
        x.portal_status.append(code)
        x.person.append(90_001 + j)
    # the export lists dossiers by code (its date, then its number)
    order = sorted(range(len(x.ma_ho_so)), key=lambda i: x.ma_ho_so[i])
    for name in Export.__dataclass_fields__:
        values = getattr(x, name)
        setattr(x, name, [values[i] for i in order])


def duplicate_one_row(unit: Unit, x: Export, k: int) -> None:
    """Planted mistake: one resolved dossier of mid-quarter exported twice (an export whose
    pages overlapped by one row)."""
    g = rng(unit, PICK, k)
    candidates = [
        i
        for i in range(len(x.ma_ho_so) // 3, 2 * len(x.ma_ho_so) // 3)
        if x.trang_thai[i] == "da_giai_quyet"
    ]
    i = candidates[int(g.integers(len(candidates)))]
    for name in Export.__dataclass_fields__:
        values = getattr(x, name)
        values.insert(i + 1, values[i])


# Columns of ho_so_tong_hop holding the flows, in the order of indicators.FLOW_KEYS.
AGGREGATE_COLUMNS = [col.key for col in c.HO_SO_TONG_HOP.columns if col.kind == "int"]


def ho_so_tong_hop_rows(x: Export, q: Quarter, procs: list[Procedure]) -> list[dict]:
    """The aggregate as the national form: «Tổng» and every system, from the same records, so
    that it reconciles with them (the records carry the system the export leaves out)."""
    start, end = q.window()
    records = x.frame()
    total = indicators.record_flows(records, start, end)
    by_system = indicators.record_breakdown(records, "he_thong", start, end)
    ministries = sorted({p.he_thong for p in procs} - {THANH_PHO})

    def row(name: str, flows, thuoc: str | None = None) -> dict:
        out = {"he_thong": name, "thuoc": thuoc}
        for key, column in zip(indicators.FLOW_KEYS, AGGREGATE_COLUMNS, strict=True):
            out[column] = int(flows[key])
        return out

    zero = dict.fromkeys(indicators.FLOW_KEYS, 0)
    systems = {
        name: by_system.loc[name].to_dict() if name in by_system.index else zero
        for name in [THANH_PHO, *ministries]
    }
    bo_nganh = {key: sum(int(systems[m][key]) for m in ministries) for key in indicators.FLOW_KEYS}
    return [
        row(c.TONG, total),
        row(THANH_PHO, systems[THANH_PHO]),
        row(BO_NGANH, bo_nganh),
        *(row(m, systems[m], BO_NGANH) for m in ministries),
    ]


# --- chi_tieu: the year's programme ----------------------------------------------------------
# Objectives and tasks done by the end of each quarter of the programme year (cumulative).
DONE_BY_QUARTER = {"muc_tieu": (2, 5, 8, 12), "nhiem_vu_tien_do": (3, 4, 6, 7)}


def programme(unit: Unit, year: int) -> list[dict]:
    """The year's 42 objectives and tasks, each with its deadline, start and completion date."""
    g = rng(unit, PROGRAMME, year)
    items = []
    for row in SAMPLE["chi_tieu"]:
        ma, noi_dung = row["ma"], row["noi_dung"]
        loai = PHU_LIEN.code(c.CHI_TIEU, "loai", row["loai"])
        text = noi_dung.replace("năm 2026", f"năm {year}").replace("phường", unit.kind)
        items.append(
            {
                "ma": ma,
                "noi_dung": text,
                "loai": loai,
                "han": None,
                "done": None,
                "start": date(year, 1, 1),
            }
        )
    for loai, base in DONE_BY_QUARTER.items():
        rows = [it for it in items if it["loai"] == loai]
        targets = np.maximum.accumulate(
            np.clip(np.array(base) + g.integers(-1, 2, 4), 0, len(rows))
        )
        for j, it in enumerate(rows[i] for i in g.permutation(len(rows))):
            quarter = next((n + 1 for n, tgt in enumerate(targets) if j < tgt), None)
            if quarter is not None:
                first, last = Quarter(year, quarter).window()
                first = max(first, date(year, 1, 12))
                it["done"] = first + timedelta(int(g.integers(0, (last - first).days + 1)))
            else:  # not done this year: started some time in the first three quarters
                it["start"] = date(year, 1, 1) + timedelta(int(g.integers(0, 240)))
            if loai == "nhiem_vu_tien_do":
                if it["done"] is not None:
                    it["han"] = min(
                        it["done"] + timedelta(int(g.integers(0, 45))), date(year, 12, 31)
                    )
                else:
                    it["han"] = date(year, int(g.choice([9, 11, 12])), 30)
            elif g.random() < 0.5:
                it["han"] = date(year, 12, 31)
    for it in items:  # two recurring tasks start only in the second half of the year
        if it["loai"] == "nhiem_vu_thuong_xuyen" and it["ma"] in ("NV-TX11", "NV-TX17"):
            it["start"] = date(year, 7, 1)
    return items


def chi_tieu_rows(items: list[dict], q: Quarter) -> list[dict]:
    end = q.window()[1]
    rows = []
    for it in items:
        if it["done"] is not None and it["done"] <= end:
            status, done_on, note = "hoan_thanh", it["done"], None
        elif it["start"] <= end:
            status, done_on = "dang_thuc_hien", None
            late = it["han"] is not None and it["han"] < end
            note = "Chậm so với kế hoạch, đang hoàn thiện" if late else None
        else:
            status, done_on, note = "chua_thuc_hien", None, "Chưa đến thời điểm triển khai"
        rows.append(
            {
                "ma": it["ma"],
                "noi_dung": it["noi_dung"],
                "loai": it["loai"],
                "han_hoan_thanh": it["han"],
                "trang_thai": status,
                "ngay_hoan_thanh": done_on,
                "ghi_chu": note,
            }
        )
    return rows


# --- chi_so: the other indicators ------------------------------------------------------------
VNEID_SHARE = {  # typical share integrated at the end of each quarter
    "vneid_so_suc_khoe": (0.21, 0.28, 0.35, 0.42),
    "vneid_an_sinh_xa_hoi": (0.13, 0.18, 0.23, 0.28),
    "vneid_giay_phep_lai_xe": (0.16, 0.21, 0.26, 0.31),
}


def chi_so_rows(unit: Unit, k: int, q: Quarter) -> list[dict]:
    """Indicators at the end of quarter ``k``. Counts with a denominator are cumulative (they
    never fall); declared rates are the counts' own, rounded, except the planted mistake."""
    g = rng(unit, CHI_SO)  # the same draws every quarter: quarter k takes its own column
    noise = 1 + g.uniform(-0.02, 0.02, (4, 3))
    tai_khoan = round(unit.tai_khoan * (1 + 0.012 * k))  # activated VNeID accounts

    def pct(tu: int, mau: int) -> int:
        return round(100 * tu / mau)

    vneid = {}
    for j, (ma, shares) in enumerate(VNEID_SHARE.items()):
        mau = unit.dan_so if ma == "vneid_so_suc_khoe" else tai_khoan
        tu = round(mau * min(0.95, shares[k] * unit.vneid * noise[k, j]))
        rate = pct(tu, mau)
        if PLANTED.get((unit.slug, str(q))) == "ty_le_lech" and ma == "vneid_an_sinh_xa_hoi":
            rate += 10  # planted: a slipped digit in the declared rate
        if unit.style == "label" and j != 1:  # this office types counts as Vietnamese text
            tu, mau = vn_number(tu), vn_number(mau)
        vneid[ma] = (tu, mau, rate)
    wifi = min(unit.nha_van_hoa, round(unit.nha_van_hoa * (0.4, 0.6, 0.8, 1.0)[k]))
    accounts = min(unit.can_bo, unit.can_bo - 4 + 2 * k)
    trained = min(unit.can_bo, round(unit.can_bo * (0.42, 0.63, 0.85, 0.95)[k]))
    beneficiaries = unit.doi_tuong + 6 * k
    paid = min(beneficiaries, round(beneficiaries * (0.93, 0.97, 1.0, 1.0)[k]))
    protected = min(unit.can_bo, unit.can_bo - 6 + 2 * k)
    team = f"khoảng {vn_number(round(unit.to_06 * (0.85, 0.92, 1.0, 1.0)[k], -1))}"
    devices = f"khoảng {vn_number(round(unit.dan_so * (0.012, 0.02, 0.028, 0.034)[k], -2))}"
    # (nhom, ma, chi_so, don_vi_tinh, tu_so, mau_so, ty_le_bao_cao, ghi_chu)
    table = [
        ("ha_tang", "wifi_nha_van_hoa", "Nhà văn hóa có Wi-Fi kết nối Internet tốc độ cao miễn phí", "nhà văn hóa", wifi, unit.nha_van_hoa, None, None),
        ("ha_tang", "hop_khong_giay_to", "Cuộc họp của Ủy ban nhân dân được tổ chức không giấy tờ", "cuộc họp", None, None, 100, None),
        ("chinh_quyen_so", "tai_khoan_can_bo", "Cán bộ, công chức được cấp tài khoản trên các hệ thống điều hành", "người", accounts, unit.can_bo, pct(accounts, unit.can_bo), None),
        ("chinh_quyen_so", "van_ban_ky_so", "Văn bản đi được ký số, phát hành trên môi trường điện tử", "văn bản", None, None, (96, 97, 98, 99)[k], "trừ văn bản mật"),
        ("du_lieu_so", "dong_bo_dang_vien", "Dữ liệu đảng viên được đồng bộ trên phần mềm quản lý đảng viên", "đảng viên", None, None, 100, None),
        ("du_lieu_so", "vneid_so_suc_khoe", "Người dân được tích hợp Sổ sức khỏe điện tử trên VNeID", "người", *vneid["vneid_so_suc_khoe"], None),
        ("du_lieu_so", "vneid_an_sinh_xa_hoi", "Tài khoản VNeID được tích hợp thông tin an sinh xã hội", "tài khoản", *vneid["vneid_an_sinh_xa_hoi"], None),
        ("du_lieu_so", "vneid_giay_phep_lai_xe", "Tài khoản VNeID được tích hợp giấy phép lái xe", "tài khoản", *vneid["vneid_giay_phep_lai_xe"], None),
        ("nhan_luc_so", "thanh_vien_to_cong_tac_06", "Thành viên Tổ công tác Đề án 06 và Tổ công nghệ số cộng đồng", "người", team, None, None, None),
        ("nhan_luc_so", "can_bo_boi_duong_ky_nang_so", "Cán bộ, công chức đã được bồi dưỡng kỹ năng số (lũy kế)", "người", trained, unit.can_bo, pct(trained, unit.can_bo), None),
        ("kinh_te_so", "ho_kinh_doanh_khong_tien_mat", "Hộ kinh doanh sử dụng mã QR, chuyển khoản trong thanh toán", "hộ", None, None, f"trên {(70, 75, 80, 85)[k]}%", None),
        ("kinh_te_so", "san_pham_tren_san_tmdt", "Sản phẩm địa phương được đưa lên sàn thương mại điện tử", "sản phẩm", (4, 6, 9, 11)[k], None, None, None),
        ("xa_hoi_so", "chi_tra_qua_tai_khoan", "Người có công, đối tượng bảo trợ xã hội được chi trả qua tài khoản", "người", paid, beneficiaries, pct(paid, beneficiaries), None),
        ("xa_hoi_so", "truong_hoc_khong_tien_mat", "Trường học thu các khoản thu không dùng tiền mặt", "trường", None, None, 100, None),
        ("xa_hoi_so", "thiet_bi_ho_tro_cai_dat", "Thiết bị được hỗ trợ cài đặt, kích hoạt ứng dụng, nền tảng số", "thiết bị", devices, None, None, None),
        ("an_toan_thong_tin", "may_tinh_phong_chong_ma_doc", "Máy tính được cài đặt phần mềm phòng chống mã độc", "máy", protected, unit.can_bo, pct(protected, unit.can_bo), None),
        ("an_toan_thong_tin", "su_co_attt", "Sự cố mất an toàn thông tin", "sự cố", 0, None, None, None),
        ("khcn", "sang_kien_cai_tien", "Sáng kiến, cải tiến được công nhận trong năm", "sáng kiến", (1, 2, 3, 1)[k], None, None, None),
    ]  # fmt: skip
    keys = ("nhom", "ma", "chi_so", "don_vi_tinh", "tu_so", "mau_so", "ty_le_bao_cao", "ghi_chu")
    return [dict(zip(keys, row, strict=True)) for row in table]


def vn_number(n: float) -> str:
    """A whole number as a Vietnamese office types it: 22581 -> "22.581"."""
    return f"{n:,.0f}".replace(",", ".")


# --- thong_tin, van_ban, noi_dung ----------------------------------------------------------
def thong_tin_rows(unit: Unit, q: Quarter) -> list[dict]:
    start, end = q.window()
    deputy = DEPUTY.get(unit.slug) if str(q) == "2025-Q3" else None
    label = q.short_label.replace("Quý", "quý")
    values = {
        "don_vi": unit.don_vi,
        "co_quan": unit.co_quan,
        "cap_tren": CITY,
        "ky": str(q),
        "tu_ngay": start,
        "den_ngay": end,
        "quy_uoc_ky": "quy_lich",
        "so_ky_hieu": "/BC-UBND",
        "dia_danh": unit.name,
        "ngay_bao_cao": busday(np.datetime64(end), 4).astype(object),
        "nguoi_ky": deputy or unit.nguoi_ky,
        "chuc_vu_ky": "Phó Chủ tịch" if deputy else "Chủ tịch",
        "tham_quyen_ky": "KT. Chủ tịch" if deputy else "TM. Ủy ban nhân dân",
        "can_cu": (
            "Thực hiện chế độ báo cáo định kỳ của Ủy ban nhân dân thành phố về triển khai Nghị "
            "quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
            f"công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, {unit.co_quan} báo cáo kết "
            f"quả thực hiện {label} như sau:"
        ),
        "noi_nhan": "\n".join(
            [
                "Ủy ban nhân dân thành phố",
                "Sở Khoa học và Công nghệ thành phố",
                f"Thường trực Đảng ủy {unit.kind}",
                f"CT, các PCT UBND {unit.kind}",
                "Lưu: VT",
            ]
        ),
    }
    assert list(values) == list(c.THONG_TIN_KHOA)
    return [{"khoa": key, "gia_tri": value} for key, value in values.items()]


# (loai, trich_yeu, muc) of the documents a unit may issue in each quarter
VAN_BAN_MAU: list[list[tuple[str, str, str]]] = [
    [
        ("Kế hoạch", "về triển khai phong trào “Bình dân học vụ số” trên địa bàn {dv} năm 2025", "I.1"),
        ("Quyết định", "về việc kiện toàn Tổ công nghệ số cộng đồng {dv}", "I.1"),
        ("Kế hoạch", "về tuyên truyền Nghị quyết số 57-NQ/TW của Bộ Chính trị trên địa bàn {dv} năm 2025", "I.2"),
    ],
    [
        ("Kế hoạch", "về đẩy mạnh thanh toán không dùng tiền mặt trên địa bàn {dv}", "I.1"),
        ("Kế hoạch", "về hỗ trợ người dân tích hợp tiện ích trên ứng dụng VNeID", "II.2.3"),
        ("Kế hoạch", "về bảo đảm an toàn thông tin mạng trong hoạt động của {cq} năm 2025", "II.2.7"),
    ],
    [
        ("Kế hoạch", "về rà soát, làm sạch dữ liệu dân cư phục vụ Đề án 06 trên địa bàn {dv}", "I.1"),
        ("Kế hoạch", "về tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2025", "I.2"),
        ("Quyết định", "về việc ban hành Quy chế bảo đảm an toàn thông tin mạng của {cq}", "II.2.7"),
    ],
    [
        ("Kế hoạch", "về chuyển đổi số {dv} năm 2026", "I.1"),
        ("Kế hoạch", "về phát triển khoa học, công nghệ và đổi mới sáng tạo {dv} năm 2026", "I.1"),
        ("Quyết định", "về việc ban hành Chương trình công tác năm 2026 của Ban Chỉ đạo {dv} về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", "I.1"),
        ("Kế hoạch", "về tuyên truyền Nghị quyết số 57-NQ/TW của Bộ Chính trị trên địa bàn {dv} năm 2026", "I.2"),
    ],
]  # fmt: skip


def van_ban_rows(unit: Unit, k: int, q: Quarter) -> list[dict]:
    """Two to four documents of the quarter, numbered in order through the year."""
    g = rng(unit, VAN_BAN, k)
    templates = VAN_BAN_MAU[k]
    n = int(g.integers(2, len(templates) + 1))
    chosen = sorted({0, *g.choice(np.arange(1, len(templates)), n - 1, replace=False).tolist()})
    start, end = q.window()
    days = sorted(
        start + timedelta(int(x))
        for x in g.choice((end - start).days - 3, len(chosen), replace=False)
    )
    per_day = 0.9 if unit.kind == "phường" else 0.5  # documents a day, all kinds
    rows, number = [], 0
    for j, day in zip(chosen, days, strict=True):
        loai, trich_yeu, muc = templates[j]
        day = busday(np.datetime64(day)).astype(object)
        number = max(number + 1, round(day.timetuple().tm_yday * per_day) + int(g.integers(1, 4)))
        so = f"{number}/{'KH' if loai == 'Kế hoạch' else 'QĐ'}-UBND"
        rows.append(
            {
                "so_ky_hieu": so,
                "ngay_ban_hanh": day,
                "loai": loai,
                "trich_yeu": trich_yeu.format(dv=unit.dv, cq=unit.co_quan),
                "muc": muc,
            }
        )
    return rows


# Generic paragraphs per section; {dv} the unit ("phường Mẫu An"), {to} its residential
# groups, {quy} the quarter ("Quý II/2025"), {nam} its year, {quy_toi} the next quarter.
NOI_DUNG_MAU: dict[str, list[str]] = {
    "I.1": [
        "Ủy ban nhân dân {dv} tiếp tục quán triệt, triển khai Nghị quyết số 57-NQ/TW của Bộ Chính trị và các chương trình, kế hoạch của Thành phố về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số; trong {quy} đã ban hành các văn bản chỉ đạo như:",
        "Ban Chỉ đạo {dv} duy trì giao ban định kỳ, phân công rõ người, rõ việc, rõ thời hạn; thường xuyên theo dõi, đôn đốc tiến độ các mục tiêu, nhiệm vụ của Chương trình công tác năm {nam}.",
        "Các bộ phận chuyên môn được giao chủ trì từng nhiệm vụ đã chủ động phối hợp, cập nhật kết quả thực hiện lên hệ thống theo dõi, báo cáo của Thành phố đúng thời hạn.",
        "Việc thực hiện nhiệm vụ chuyển đổi số được gắn với đánh giá, xếp loại cán bộ, công chức hằng quý.",
    ],
    "I.2": [
        "Công tác tuyên truyền về Nghị quyết số 57-NQ/TW được thực hiện thường xuyên qua hệ thống truyền thanh, trang thông tin điện tử, các nhóm Zalo của {to} và tại Trung tâm Phục vụ hành chính công.",
        "Các tổ công nghệ số cộng đồng phối hợp với Đoàn Thanh niên hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID, dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.",
        "Treo băng rôn, khẩu hiệu tại trụ sở, nhà văn hóa và các tuyến đường chính; lồng ghép nội dung chuyển đổi số trong các buổi sinh hoạt của {to}.",
    ],
    "II.2.1": [
        "Duy trì ổn định đường truyền Internet, mạng nội bộ và hệ thống hội nghị truyền hình phục vụ hoạt động chỉ đạo, điều hành của {dv}.",
        "Trung tâm Phục vụ hành chính công được bố trí đủ máy tính, máy quét, thiết bị tra cứu phục vụ tiếp nhận hồ sơ và hỗ trợ người dân.",
        "Tiếp tục phối hợp với doanh nghiệp viễn thông lắp đặt Wi-Fi miễn phí tại các nhà văn hóa; rà soát, thay thế thiết bị đã hết khấu hao.",
    ],
    "II.2.2": [
        "Văn bản đi, đến được xử lý trên hệ thống quản lý văn bản và điều hành; văn bản phát hành được ký số, trừ văn bản mật.",
        "Các cuộc họp của Ủy ban nhân dân được tổ chức không giấy tờ; tài liệu họp được gửi qua hệ thống phòng họp số.",
        "Trung tâm Phục vụ hành chính công bố trí cán bộ hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán phí, lệ phí qua Cổng Dịch vụ công quốc gia.",
    ],
    "II.2.3": [
        "Tiếp tục rà soát, làm sạch dữ liệu dân cư, hộ tịch, người có công và bảo trợ xã hội, bảo đảm dữ liệu “đúng, đủ, sạch, sống”.",
        "Kết quả giải quyết thủ tục hành chính được số hóa và lưu trên kho dữ liệu điện tử của tổ chức, cá nhân.",
        "Phối hợp với Công an {dv} hỗ trợ người dân tích hợp giấy tờ cá nhân, tiện ích trên ứng dụng VNeID.",
    ],
    "II.2.4": [
        "Cử cán bộ, công chức tham gia các lớp bồi dưỡng kỹ năng số, an toàn thông tin do Thành phố tổ chức và học trên nền tảng học tập trực tuyến mở.",
        "Duy trì hoạt động của Tổ công tác Đề án 06 và Tổ công nghệ số cộng đồng tại các {to}; kiện toàn thành viên khi có thay đổi.",
        "Triển khai phong trào “Bình dân học vụ số” đến cán bộ, đảng viên và Nhân dân.",
    ],
    "II.2.5": [
        "Vận động hộ kinh doanh, tiểu thương sử dụng mã QR, chuyển khoản trong thanh toán; hỗ trợ đưa sản phẩm địa phương lên sàn thương mại điện tử.",
        "Phối hợp với các ngân hàng thương mại hướng dẫn người dân mở tài khoản, sử dụng dịch vụ ngân hàng số.",
    ],
    "II.2.6": [
        "Các trường học trên địa bàn thu học phí và các khoản thu khác không dùng tiền mặt; sử dụng sổ liên lạc điện tử.",
        "Trợ cấp cho người có công và đối tượng bảo trợ xã hội được chi trả qua tài khoản cá nhân.",
        "Trạm Y tế tiếp đón người bệnh bằng căn cước và ứng dụng VNeID; cập nhật hồ sơ sức khỏe điện tử.",
    ],
    "II.2.7": [
        "Máy tính của cơ quan được cài đặt phần mềm phòng chống mã độc; dữ liệu quan trọng được sao lưu định kỳ.",
        "Quán triệt cán bộ, công chức không soạn thảo, lưu trữ văn bản mật trên máy tính có kết nối Internet; trong kỳ không xảy ra sự cố mất an toàn thông tin.",
    ],
    "II.3": [
        "Khuyến khích cán bộ, công chức đăng ký sáng kiến, cải tiến trong giải quyết công việc và cải cách hành chính.",
        "Tìm hiểu, thử nghiệm ứng dụng trí tuệ nhân tạo hỗ trợ tra cứu văn bản, tổng hợp báo cáo.",
    ],
    "III.1": [
        "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến và giải quyết đúng hạn tiếp tục được duy trì ở mức cao.",
        "Hoạt động chỉ đạo, điều hành trên môi trường điện tử đi vào nền nếp; nhận thức của cán bộ và người dân về chuyển đổi số được nâng lên.",
        "Các tổ công nghệ số cộng đồng hoạt động đều đặn, hỗ trợ kịp thời người cao tuổi và người yếu thế.",
    ],
    "III.2": [
        "Một số trang thiết bị công nghệ thông tin đã cũ, cấu hình thấp; kinh phí cho chuyển đổi số còn hạn chế.",
        "Việc kết nối, chia sẻ dữ liệu giữa các hệ thống đôi lúc còn gián đoạn; một bộ phận người cao tuổi còn khó khăn khi sử dụng dịch vụ công trực tuyến.",
        "Tỷ lệ tích hợp một số tiện ích trên ứng dụng VNeID còn thấp so với chỉ tiêu đề ra.",
    ],
    "IV": [
        "Tiếp tục thực hiện các nhiệm vụ của Chương trình công tác trong {quy_toi}, tập trung các chỉ tiêu chưa hoàn thành.",
        "Đẩy mạnh hỗ trợ người dân tích hợp tiện ích trên ứng dụng VNeID và sử dụng dịch vụ công trực tuyến toàn trình.",
        "Duy trì bảo đảm an toàn thông tin; rà soát, nâng cấp trang thiết bị tại Trung tâm Phục vụ hành chính công.",
        "Tăng cường bồi dưỡng kỹ năng số cho cán bộ, công chức và thành viên các tổ công nghệ số cộng đồng.",
    ],
    "V": [
        "Đề nghị Thành phố quan tâm bố trí kinh phí đầu tư, nâng cấp hạ tầng công nghệ thông tin cho cấp xã.",
        "Đề nghị các sở, ngành tiếp tục hoàn thiện kết nối, đồng bộ dữ liệu giữa các hệ thống thông tin giải quyết thủ tục hành chính.",
    ],
}
assert set(NOI_DUNG_MAU) <= set(c.MUC_BAO_CAO)


def noi_dung_rows(unit: Unit, k: int, q: Quarter) -> list[dict]:
    """Two or three paragraphs a section (I.1 always opens with the one listing documents)."""
    g = rng(unit, NOI_DUNG, k)
    words = {
        "dv": unit.dv,
        "to": unit.to,
        "quy": q.short_label,
        "nam": q.year,
        "quy_toi": q.next().short_label,
    }
    rows = []
    for muc, pool in NOI_DUNG_MAU.items():
        keep = min(len(pool), 3 if muc in ("I.1", "IV") else 2)
        if muc == "I.1":
            picked = [
                0,
                *sorted(g.choice(np.arange(1, len(pool)), keep - 1, replace=False).tolist()),
            ]
        else:
            picked = sorted(g.choice(len(pool), keep, replace=False).tolist())
        rows += [
            {"muc": muc, "thu_tu": n, "van_ban": pool[i].format(**words)}
            for n, i in enumerate(picked, start=1)
        ]
    return rows


# --- writing (helpers.xlsx, the writer every generator shares) ---------------------------
KEEP_CODES = {"muc"}  # enumerations written as codes even in a display-label workbook

# The national portal's export of the dossier list: its headers, and fake personal columns.
PORTAL_HEADERS = ("MaHoSo", "MaTTHC", "TenLinhVuc", "ChuHoSo", "SoDienThoai", "DiaChi", "KenhThucHien",
                  "NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "TrangThaiHoSo", "HoSoCoThanhPhanSoHoa")  # fmt: skip
PORTAL_KENH = {"truc_tiep": 1, "truc_tuyen": 2, "buu_chinh": 3}
HO_SO_KEYS = tuple(col.key for col in c.HO_SO.columns)


def write_table(wb: Workbook, unit: Unit, sheet: c.Sheet, rows: list[dict]) -> None:
    """A small sheet, every contract column, headers and enumerations spelled as the unit
    spells them (keys and codes, or display labels)."""
    labels = unit.style != "key"
    columns = sheet.columns
    header = [col.label if labels else col.key for col in columns]
    values = [[r.get(col.key) for col in columns] for r in rows]
    widths = xlsx.fit_widths(header, values)  # of the codes, as the files have always had

    def shown(col: c.Column, value: object) -> object:
        if labels and col.kind == "enum" and col.key not in KEEP_CODES and value in col.enum:
            return col.enum[value]
        return value

    table = [[shown(col, v) for col, v in zip(columns, row, strict=True)] for row in values]
    xlsx.write_sheet(wb, sheet.label if labels else sheet.key, header, table, widths=widths)


def write_ho_so(wb: Workbook, unit: Unit, x: Export) -> None:
    """The dossier list, streamed row by row (write-only), in the unit's spelling."""
    portal = unit.style == "portal"
    labels = unit.style == "label"
    if portal:
        headers = PORTAL_HEADERS
        widths = (20, 11, 30, 18, 13, 36, 13, 13, 13, 16, 14, 21)
    else:
        headers = tuple(c.HO_SO.column(k).label if labels else k for k in HO_SO_KEYS)
        widths = (20, 11, 30, 22, 12, 15, 12, 16, 16, 10)
    title = c.HO_SO.key if unit.style == "key" else c.HO_SO.label
    xlsx.write_sheet(wb, title, headers, _ho_so_rows(x, portal, labels), widths=widths)


def _ho_so_rows(x: Export, portal: bool, labels: bool) -> Iterator[list]:
    for i in range(len(x.ma_ho_so)):
        dates = [x.ngay_tiep_nhan[i], x.han_xu_ly[i], x.ngay_co_ket_qua[i]]
        kenh, status, so_hoa = x.kenh_nop[i], x.trang_thai[i], x.da_so_hoa[i]
        head = [x.ma_ho_so[i], x.ma_thu_tuc[i], x.linh_vuc[i]]
        if portal:
            p = x.person[i]  # a fake applicant, the same in every quarter's export
            fake = [f"Người mẫu {p:05d}", f"09{p:08d}", f"Số {p % 200 + 1} đường Mẫu"]
            code = PORTAL_KENH[kenh]
            code = None if code == 1 and p % 3 == 0 else code  # some counter rows left blank
            yield [*head, *fake, code, *dates, x.portal_status[i], int(so_hoa)]
        elif labels:
            shown = [
                c.KENH_NOP[kenh],
                *dates,
                c.TRANG_THAI_HO_SO[status],
                "Có" if so_hoa else "Không",
            ]
            yield [*head, x.he_thong[i], *shown]
        else:
            yield [*head, x.he_thong[i], kenh, *dates, status, int(so_hoa)]


def build(unit: Unit, k: int, q: Quarter, procs, present, stream, items) -> tuple[Workbook, dict]:
    """Quarter ``k``'s workbook: every sheet of the contract that the unit fills, in order."""
    x = export(unit, stream, q, procs)
    if unit.style == "portal":
        add_portal_extras(unit, x, q, procs, k)
    if PLANTED.get((unit.slug, str(q))) == "ho_so_trung":
        duplicate_one_row(unit, x, k)
    tables = {
        "thong_tin": thong_tin_rows(unit, q),
        "chi_tieu": chi_tieu_rows(items, q),
        "thu_tuc": thu_tuc_rows(unit, k, procs, present[k]),
        "chi_so": chi_so_rows(unit, k, q),
        "van_ban": van_ban_rows(unit, k, q),
        "noi_dung": noi_dung_rows(unit, k, q),
    }
    if unit.style == "portal":  # the wards' records are their only dossier figures
        tables["ho_so_tong_hop"] = ho_so_tong_hop_rows(x, q, procs)
    wb = xlsx.new_workbook(write_only=True)
    for sheet in c.SHEETS:
        if sheet.key == "ho_so":
            write_ho_so(wb, unit, x)
        elif sheet.key in tables:
            write_table(wb, unit, sheet, tables[sheet.key])
    wb.properties.title = f"Báo cáo NQ57 {q.short_label} — {unit.don_vi} (dữ liệu giả lập)"
    wb.properties.creator = "data/make_synthetic.py"
    wb.properties.lastModifiedBy = "data/make_synthetic.py"
    counts = {key: len(rows) for key, rows in tables.items()}
    counts["ho_so"] = len(x.ma_ho_so)
    return wb, counts


def make_unit(unit: Unit) -> list[str]:
    """Write the unit's four quarters; one line per file written."""
    procs = catalogue()
    present = unit_catalogue(unit, procs)
    stream = dossier_stream(unit, procs, present)
    programmes = {year: programme(unit, year) for year in sorted({q.year for q in QUARTERS})}
    lines = []
    for k, q in enumerate(QUARTERS):
        wb, counts = build(unit, k, q, procs, present, stream, programmes[q.year])
        path = HERE / unit.slug / f"{q}.xlsx"
        xlsx.save(wb, path, fixed_time=FIXED_TIME)
        rows = ", ".join(f"{key}: {n}" for key, n in counts.items())
        lines.append(
            f"Wrote {path.relative_to(HERE.parent)} ({path.stat().st_size / 1e6:.2f} MB; {rows})"
        )
    return lines


def main() -> None:
    began = time.perf_counter()
    # one process per unit: the units share nothing, and their random streams are their own
    with ProcessPoolExecutor(max_workers=min(len(UNITS), os.cpu_count() or 1)) as pool:
        for lines in pool.map(make_unit, UNITS):
            print("\n".join(lines))
    print(f"Done in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
