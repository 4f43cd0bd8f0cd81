"""Builders of real .xlsx input workbooks for the tests (openpyxl, through the shared writer
``helpers.xlsx``, as an office would save them)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from helpers import contract as c
from helpers import xlsx

Rows = Sequence[Sequence[object]]


def write_xlsx(path: Path, sheets: Mapping[str, tuple[Sequence[str], Rows]]) -> Path:
    """Write ``{sheet name: (headers, rows)}`` to ``path``, values only (as an office saves a
    plain sheet); dates become Excel dates."""
    wb = xlsx.new_workbook()
    for name, (headers, rows) in sheets.items():
        xlsx.write_sheet(wb, name, headers, rows, style=False)
    xlsx.save(wb, path)
    return path


def info_rows(
    quarter: str = "2026-Q1", start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31), **extra
) -> list[list[object]]:
    values = {
        "don_vi": "Phường Thử Nghiệm",
        "co_quan": "Ủy ban nhân dân phường Thử Nghiệm",
        "ky": quarter,
        "tu_ngay": start,
        "den_ngay": end,
        "dia_danh": "Thử Nghiệm",
        "nguoi_ky": "Nguyễn Văn A",
        "chuc_vu_ky": "Chủ tịch",
        "tham_quyen_ky": "TM. Ủy ban nhân dân",
        "noi_nhan": "Sở Khoa học và Công nghệ\nLưu: VT",
        **extra,
    }
    return [[k, v] for k, v in values.items() if v is not None]


def chi_tieu_rows(done: Mapping[str, tuple[int, int]] | None = None) -> list[list[object]]:
    """``{loai: (total, done)}`` objectives and tasks."""
    done = done or {
        "muc_tieu": (17, 9),
        "nhiem_vu_tien_do": (8, 6),
        "nhiem_vu_thuong_xuyen": (17, 0),
    }
    rows = []
    for loai, (total, n_done) in done.items():
        for i in range(total):
            status = "hoan_thanh" if i < n_done else "dang_thuc_hien"
            rows.append([f"{loai}-{i + 1}", f"Nội dung {loai} {i + 1}", loai, status])
    return rows


def thu_tuc_rows(split: Mapping[str, int] | None = None) -> list[list[object]]:
    split = split or {"toan_trinh": 218, "mot_phan": 159, "truc_tiep": 0}
    rows, n = [], 0
    for level, count in split.items():
        for _ in range(count):
            n += 1
            rows.append(
                [
                    f"TT{n:04d}",
                    f"Thủ tục số {n}",
                    ["Hộ tịch", "Đất đai", "Chứng thực"][n % 3],
                    level,
                    "Thành phố",
                ]
            )
    return rows


AGG_HEADERS = [col.key for col in c.HO_SO_TONG_HOP.columns]


def aggregate_rows() -> list[list[object]]:
    """The seed's dossier figures (Tổng + ministries, 884 vs 896 kept)."""
    rows: list[list[object]] = [
        ["Tổng", None, None, 11952, 11952, 0, 11989, 0, 0, 270, 392, 0],
        ["Các Bộ, ngành", None, None, 896] + [None] * (len(AGG_HEADERS) - 4),
    ]
    for name, n in [
        ("Bộ Xây dựng", 137),
        ("Bộ Công thương", 0),
        ("Bộ Tài chính", 414),
        ("Bộ Giáo dục và Đào tạo", 3),
        ("Bộ Y tế", 104),
        ("Bộ Tư pháp", 226),
    ]:
        rows.append([name, "Các Bộ, ngành", None, n] + [None] * (len(AGG_HEADERS) - 4))
    return rows


CHI_SO_HEADERS = [
    "nhom",
    "ma",
    "chi_so",
    "tu_so",
    "mau_so",
    "ty_le_bao_cao",
    "don_vi_tinh",
    "ghi_chu",
]


def chi_so_rows() -> list[list[object]]:
    return [
        [
            "du_lieu_so",
            "vneid_so_suc_khoe",
            "Tài khoản tích hợp Sổ sức khỏe điện tử",
            "22.581",
            "57.566",
            39,
            "tài khoản",
            None,
        ],
        [
            "nhan_luc_so",
            "to_cong_tac",
            "Thành viên Tổ công tác Đề án 06",
            "khoảng 300",
            None,
            None,
            "người",
            None,
        ],
        [
            "kinh_te_so",
            "ho_kinh_doanh_qr",
            "Hộ kinh doanh dùng mã QR",
            None,
            None,
            "trên 80%",
            None,
            None,
        ],
    ]


HO_SO_HEADERS = [
    "ma_ho_so",
    "ma_thu_tuc",
    "linh_vuc",
    "he_thong",
    "kenh_nop",
    "ngay_tiep_nhan",
    "han_xu_ly",
    "ngay_co_ket_qua",
    "trang_thai",
    "da_so_hoa",
]


def random_records(n: int, seed: int, start: dt.date, end: dt.date) -> list[list[object]]:
    """Dossier records spread before, inside and after the window, in every state."""
    rng = random.Random(seed)
    span = (end - start).days
    rows = []
    for i in range(n):
        received = start + dt.timedelta(days=rng.randint(-60, span + 20))
        deadline = None if rng.random() < 0.08 else received + dt.timedelta(days=rng.randint(1, 20))
        status = rng.choice(["da_giai_quyet"] * 6 + ["dang_giai_quyet"] * 2 + ["rut", "tu_choi"])
        result = None
        if status != "dang_giai_quyet" and not (
            status in ("rut", "tu_choi") and rng.random() < 0.2
        ):
            result = received + dt.timedelta(days=rng.randint(0, 30))
        rows.append(
            [
                f"HS{i:06d}",
                f"TT{rng.randint(1, 40):04d}",
                rng.choice(["Hộ tịch", "Đất đai", "Chứng thực"]),
                rng.choice(["Thành phố", "Bộ Tư pháp", "Bộ Tài chính"]),
                rng.choice(["truc_tuyen"] * 8 + ["truc_tiep", "buu_chinh"]),
                received,
                deadline,
                result,
                status,
                rng.random() < 0.9,
            ]
        )
    return rows


def timed_records(n: int, seed: int, start: dt.date, end: dt.date) -> list[list[object]]:
    """:func:`random_records` whose receipt is a date-time cell on most rows (07:00–16:30,
    as a counter's day runs), a date only on the others."""
    rows = random_records(n, seed, start, end)
    rng = random.Random(seed)
    for r in rows:
        if rng.random() < 0.8:
            r[5] = dt.datetime.combine(r[5], dt.time(rng.randint(7, 16), rng.choice((0, 30))))
    return rows


def sample_workbook(
    path: Path,
    *,
    quarter: str = "2026-Q1",
    records: Iterable[Sequence[object]] | None = None,
    aggregate: bool = True,
    info: Mapping[str, object] | None = None,
    extra_sheets: Mapping[str, tuple[Sequence[str], Rows]] | None = None,
    done: Mapping[str, tuple[int, int]] | None = None,
    procedures: Mapping[str, int] | None = None,
    indicators: Rows | None = None,
    measured: tuple[str, str] | None = None,
) -> Path:
    """A complete, valid workbook; records and/or aggregate as asked. ``done``, ``procedures``
    and ``indicators``: the rows of ``chi_tieu`` (see :func:`chi_tieu_rows`), ``thu_tuc`` (see
    :func:`thu_tuc_rows`) and ``chi_so`` instead of the seed's. ``measured``: (figure key,
    threshold) that the first target names (columns ``chi_so``, ``nguong``)."""
    targets: tuple[Sequence[str], Rows] = (
        ["ma", "noi_dung", "loai", "trang_thai"],
        chi_tieu_rows(done),
    )
    if measured is not None:
        rows = [[*r, None, None] for r in targets[1]]
        rows[0][-2:] = measured
        targets = ([*targets[0], "chi_so", "nguong"], rows)
    sheets: dict[str, tuple[Sequence[str], Rows]] = {
        "thong_tin": (["khoa", "gia_tri"], info_rows(quarter, **(info or {}))),
        "chi_tieu": targets,
        "thu_tuc": (
            ["ma_thu_tuc", "ten_thu_tuc", "linh_vuc", "muc_do", "he_thong"],
            thu_tuc_rows(procedures),
        ),
        "chi_so": (CHI_SO_HEADERS, chi_so_rows() if indicators is None else indicators),
    }
    if aggregate:
        sheets["ho_so_tong_hop"] = (AGG_HEADERS, aggregate_rows())
    if records is not None:
        sheets["ho_so"] = (HO_SO_HEADERS, list(records))
    sheets.update(extra_sheets or {})
    return write_xlsx(path, sheets)


# --- a unit's chained quarters: one history of dossiers, exported at each quarter's end ------


@dataclass(frozen=True)
class Life:
    """A dossier's whole history: received, closed (or never), and what the export shows."""

    code: str
    procedure: str
    field: str
    system: str
    channel: str
    received: dt.date
    deadline: dt.date | None
    closed: dt.date | None  # None: still open at every export
    final: str  # status once closed
    undated: bool  # a withdrawal the system exports without its date
    digitized: bool


def dossier_lives(n: int, seed: int, start: dt.date, end: dt.date) -> list[Life]:
    """``n`` dossiers received from 40 days before ``start`` to ``end``, closed up to 60 days
    later or never, in every final state."""
    rng = random.Random(seed)
    span = (end - start).days
    out = []
    for i in range(n):
        received = start + dt.timedelta(days=rng.randint(-40, span))
        closed = None if rng.random() < 0.15 else received + dt.timedelta(rng.randint(0, 60))
        final = rng.choice(["da_giai_quyet"] * 6 + ["rut", "tu_choi"])
        deadline = None if rng.random() < 0.08 else received + dt.timedelta(rng.randint(1, 25))
        out.append(
            Life(
                f"HS{seed:03d}{i:05d}", f"TT{rng.randint(1, 40):04d}",
                rng.choice(["Hộ tịch", "Đất đai", "Chứng thực"]),
                rng.choice(["Thành phố", "Bộ Tư pháp", "Bộ Tài chính"]),
                rng.choice(["truc_tuyen"] * 7 + ["truc_tiep", "buu_chinh"]),
                received, deadline, closed, final,
                final != "da_giai_quyet" and rng.random() < 0.2, rng.random() < 0.9,
            )
        )  # fmt: skip
    return out


def export(lives: Iterable[Life], start: dt.date, end: dt.date) -> list[list[object]]:
    """The dossier list a system exports at ``end`` for the quarter from ``start``: every
    dossier received in it, and those received before and still open at ``start``, each in
    its state at ``end`` (HO_SO_HEADERS order)."""
    rows = []
    for d in lives:
        if d.received > end or (d.received < start and d.closed is not None and d.closed < start):
            continue
        done = d.closed is not None and d.closed <= end
        result = d.closed if done and not d.undated else None
        rows.append(
            [
                d.code, d.procedure, d.field, d.system, d.channel, d.received, d.deadline,
                result, d.final if done else "dang_giai_quyet", d.digitized and done,
            ]
        )  # fmt: skip
    return rows


def chained_unit(
    folder: Path,
    quarters: Sequence[str],
    *,
    seed: int = 1,
    n: int = 400,
    measured: tuple[str, str] | None = None,
) -> dict[str, list[list[object]]]:
    """Write ``<folder>/<q>.xlsx`` for each quarter: one history of dossiers exported at each
    quarter's end (so each carry-over is the quarter before's pending), procedures, targets
    and coverage growing quarter on quarter. Returns each quarter's exported rows."""
    from helpers.periods import Quarter

    spans = [Quarter.parse(q).window() for q in quarters]
    lives = dossier_lives(n, seed, spans[0][0], spans[-1][1])
    out = {}
    for k, (q, (start, end)) in enumerate(zip(quarters, spans, strict=True)):
        rows = export(lives, start, end)
        sample_workbook(
            folder / f"{q}.xlsx",
            quarter=q,
            info={"tu_ngay": start, "den_ngay": end},
            records=rows,
            aggregate=False,
            done={
                "muc_tieu": (17, min(17, 5 + 3 * k)),
                "nhiem_vu_tien_do": (8, min(8, 2 + k)),
                "nhiem_vu_thuong_xuyen": (17, 0),
            },
            procedures={"toan_trinh": 18 + 2 * k, "mot_phan": 12, "truc_tiep": 6 - k % 4},
            measured=measured,
            indicators=[
                [
                    "du_lieu_so", "vneid_so_suc_khoe", "Tài khoản tích hợp Sổ sức khỏe điện tử",
                    20000 + 1500 * k + seed, 57566, None, "tài khoản", None,
                ],
                ["kinh_te_so", "ho_kinh_doanh_qr", "Hộ kinh doanh dùng mã QR", None, None,
                 f"trên {70 + k}%", None, None],
            ],
        )  # fmt: skip
        out[q] = rows
    return out
