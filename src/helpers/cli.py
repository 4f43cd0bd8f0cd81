"""The ``workbook`` command: a thin wrapper over the Python API (``helpers.render`` …)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers import config
from helpers.errors import WorkbookError

# the formats of `workbook run --format` (helpers.render.FORMATS, which loads much more)
FORMATS = ("html", "pdf", "docx", "xlsx")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook",
        description="Báo cáo quý về Nghị quyết 57-NQ/TW từ bảng tính của phường, xã.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    _add_run(sub)
    _add_check(sub)
    _add_template(sub)
    _add_batch(sub)
    _add_cache(sub)
    _add_consolidate(sub)
    _add_doctor(sub)
    return parser


def _add_run(sub: argparse._SubParsersAction) -> None:
    """``workbook run``: one unit's report of a quarter or a longer period."""
    run = sub.add_parser(
        "run", help="chạy báo cáo một quý (hoặc 6 tháng, 9 tháng, cả năm): HTML, PDF, DOCX, JSON"
    )
    run.add_argument("--unit", default=config.DEFAULT_UNIT, help="đơn vị (thư mục trong data/)")
    span = run.add_mutually_exclusive_group()
    span.add_argument("--quarter", default=config.DEFAULT_QUARTER, help="quý, dạng YYYY-Qn")
    span.add_argument(
        "--period",
        help="kỳ báo cáo dài hơn một quý: YYYY-6T (6 tháng đầu năm), YYYY-9T (9 tháng), "
        "YYYY (cả năm); cộng từ số liệu các quý",
    )
    run.add_argument("--data", type=Path, default=config.DATA_DIR, help="thư mục dữ liệu")
    run.add_argument("--out", type=Path, default=config.OUTPUTS_DIR, help="thư mục kết quả")
    run.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        dest="formats",
        help="định dạng cần xuất (lặp lại được; mặc định: tất cả); xlsx: Biểu II.06a/VPCP/KSTT, "
        "cho đơn vị có danh sách hồ sơ",
    )

    run.add_argument(
        "--strict", action="store_true",
        help="không tạo báo cáo khi kiểm tra số liệu phát hiện lỗi",
    )  # fmt: skip
    run.add_argument(
        "--no-draft", dest="draft", action="store_false",
        help="không dự thảo các ý đánh giá của mục III từ số liệu",
    )  # fmt: skip
    run.add_argument(
        "--no-analysis", dest="analysis", action="store_false",
        help="không thêm phụ lục phân tích hồ sơ (đơn vị có danh sách hồ sơ)",
    )  # fmt: skip


def _add_check(sub: argparse._SubParsersAction) -> None:
    """``workbook check``: one file read, checked against the contract and reconciled."""
    check = sub.add_parser(
        "check",
        help="đọc, kiểm tra theo mẫu và đối chiếu số liệu của một tệp "
        "(thoát 0: không có lỗi; 1: có lỗi số liệu; 2: tệp không đọc được hoặc sai mẫu)",
    )
    check.add_argument("file", type=Path, help="tệp .xlsx của một đơn vị, một quý")
    check.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _add_template(sub: argparse._SubParsersAction) -> None:
    """``workbook template``: a blank input workbook."""
    template = sub.add_parser(
        "template",
        help="tạo tệp mẫu số liệu trống (.xlsx) cho một đơn vị, một quý, kèm trang hướng dẫn",
    )
    template.add_argument("--unit", required=True, help="đơn vị (tên thư mục trong data/)")
    which = template.add_mutually_exclusive_group(required=True)
    which.add_argument("--quarter", help="quý, dạng YYYY-Qn")
    which.add_argument(
        "--period",
        help="báo cáo 6 tháng, 9 tháng, cả năm (YYYY-6T, YYYY-9T, YYYY): tệp chỉ có trang "
        "thông tin và nội dung, số liệu lấy từ các tệp quý",
    )
    template.add_argument(
        "-o",
        "--output",
        type=Path,
        help="tệp cần tạo (mặc định: data/<đơn vị>/<YYYY>-Q<n>.xlsx, hay <kỳ>.xlsx)",
    )
    template.add_argument("--force", action="store_true", help="ghi đè nếu tệp đã có")


def _add_batch(sub: argparse._SubParsersAction) -> None:
    """``workbook batch``: every unit's reports, then the index."""
    batch = sub.add_parser(
        "batch",
        help="chạy báo cáo cho mọi đơn vị, mọi quý có trong thư mục dữ liệu và mọi kỳ 6 tháng, "
        "9 tháng, cả năm đủ các quý (bỏ qua báo cáo không đổi), rồi cập nhật trang danh mục "
        "index.html",
    )
    batch.add_argument("--data", type=Path, default=config.DATA_DIR, help="thư mục dữ liệu")
    batch.add_argument("--out", type=Path, default=config.OUTPUTS_DIR, help="thư mục kết quả")
    batch.add_argument("--units", nargs="+", metavar="ĐƠN_VỊ", help="chỉ các đơn vị này")
    batch.add_argument(
        "--quarters", nargs="+", metavar="KỲ",
        help="chỉ các kỳ này: quý (YYYY-Qn) hoặc 6 tháng, 9 tháng, cả năm (YYYY-6T, YYYY-9T, YYYY)",
    )  # fmt: skip
    batch.add_argument("--jobs", type=int, default=2, help="số tiến trình chạy song song")
    batch.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT", help="chạy trên cụm Dask distributed này"
    )
    batch.add_argument("--force", action="store_true", help="chạy lại cả báo cáo không đổi")
    batch.add_argument(
        "--format", action="append", choices=FORMATS, dest="formats",
        help="định dạng cần xuất (lặp lại được; mặc định: tất cả, Biểu II.06a cho đơn vị có "
        "danh sách hồ sơ)",
    )  # fmt: skip
    batch.add_argument("--json", action="store_true", help="in bảng kết quả dạng JSON")


def _add_cache(sub: argparse._SubParsersAction) -> None:
    """``workbook cache``: the parsed-input cache."""
    cached = sub.add_parser(
        "cache",
        help="bộ nhớ đệm các tệp số liệu đã đọc (tệp không đổi thì không phải đọc lại): "
        "xem nơi lưu và dung lượng, hoặc xóa",
    )
    cached.add_argument("--clear", action="store_true", help="xóa toàn bộ bộ nhớ đệm")


def _add_consolidate(sub: argparse._SubParsersAction) -> None:
    """``workbook consolidate``: the city roll-up."""
    consolidate = sub.add_parser(
        "consolidate",
        help="báo cáo tổng hợp một quý (hoặc 6 tháng, 9 tháng, cả năm) của mọi đơn vị "
        "(cấp thành phố)",
    )
    rolled = consolidate.add_mutually_exclusive_group(required=True)
    rolled.add_argument("--quarter", help="quý, dạng YYYY-Qn")
    rolled.add_argument(
        "--period", help="YYYY-6T (6 tháng đầu năm), YYYY-9T (9 tháng), YYYY (cả năm)"
    )
    consolidate.add_argument("--data", type=Path, default=config.DATA_DIR, help="thư mục dữ liệu")
    consolidate.add_argument("--out", type=Path, default=config.OUTPUTS_DIR, help="thư mục kết quả")


def _add_doctor(sub: argparse._SubParsersAction) -> None:
    """``workbook doctor``: what this machine lacks for each output."""
    sub.add_parser(
        "doctor",
        help="máy này còn thiếu gì để tạo HTML, PDF, DOCX (Pango, phông chữ…) và lệnh cài cho "
        "hệ điều hành đang dùng (thoát 0: đủ cả; 1: còn thiếu)",
    )


def _run(args: argparse.Namespace) -> int:
    from helpers.render import run_report

    result = run_report(
        unit=args.unit,
        quarter=args.quarter,
        data_dir=args.data,
        out_dir=args.out,
        formats=tuple(args.formats) if args.formats else None,  # None: all that apply
        strict=args.strict,
        draft=args.draft,
        period=args.period,
        analysis=args.analysis,
    )
    print(f"Đã tạo báo cáo {result.unit} {result.quarter} tại {result.folder}:")
    for path in result.files.values():
        print(f"  {path.name}")
    for warning in result.warnings:
        print(f"Lưu ý: {warning}", file=sys.stderr)
    timing = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    print(f"Thời gian: {timing}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from helpers import cache

    # the same file, beside the same previous quarter, checked by the same code: the same
    # answer, without loading pandas (see helpers.cache)
    key = cache.check_key(args.file, "json" if args.json else "table")
    remembered = cache.load_output(key) if key else None
    if remembered is not None:
        exit_code, text = remembered
        print(text, end="")
        return exit_code

    from helpers import findings

    result = findings.check_file(args.file)
    if args.json:
        text = findings.to_json(result.findings, result.unit, result.quarter)
    else:
        text = findings.format_table(result) + "\n"
    exit_code = 1 if findings.has_errors(result.findings) else 0
    if key:
        cache.store_output(key, exit_code, text)
    print(text, end="")
    return exit_code


def _template(args: argparse.Namespace) -> int:
    from helpers import template

    quarter = (
        template.parse_period(args.period) if args.period else template.parse_quarter(args.quarter)
    )
    unit = template.check_unit(args.unit)
    path = args.output or config.DATA_DIR / unit / template.file_name(quarter)
    written = template.write_template(path, unit, quarter, overwrite=args.force)
    print(f"Đã tạo tệp mẫu {unit} {quarter} tại {written}")
    if written.name.lower() != template.file_name(quarter).lower():
        print(
            f"Lưu ý: để chạy báo cáo, tệp cần đặt tên {template.file_name(quarter)} trong thư "
            f"mục của đơn vị ({template.data_path(unit, quarter)}).",
            file=sys.stderr,
        )
    print(f"Nhập số liệu rồi kiểm tra bằng: workbook check {written}")
    return 0


def _batch(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from helpers import batch

    todo = batch.discover(args.data.resolve(), args.units, args.quarters)
    if not todo:
        print(f"Không có báo cáo nào để chạy trong «{args.data}».", file=sys.stderr)
        return 2
    with tqdm(total=len(todo), unit="báo cáo", file=sys.stderr, disable=args.json) as bar:

        def step(outcome: batch.Outcome) -> None:
            bar.set_postfix_str(f"{outcome.unit} {outcome.quarter}")
            bar.update()

        outcomes = batch.run_batch(
            args.data, args.out, units=args.units, quarters=args.quarters, jobs=args.jobs,
            scheduler=args.scheduler, force=args.force,
            formats=tuple(args.formats) if args.formats else None,
            progress=step,
        )  # fmt: skip
    print(batch.to_json(outcomes) if args.json else batch.summary_table(outcomes), end="\n")
    print(f"Trang danh mục: {args.out.resolve() / 'index.html'}", file=sys.stderr)
    return 1 if any(o.status == "loi" for o in outcomes) else 0


def _cache(args: argparse.Namespace) -> int:
    from helpers import cache

    folder = cache.default_dir()
    if args.clear:
        print(f"Đã xóa {cache.clear(folder)} tệp số liệu đã đọc khỏi {folder}.")
        return 0
    entries, size = cache.size(folder)
    print(f"Bộ nhớ đệm: {folder} — {entries} tệp số liệu đã đọc, {size / 2**20:.1f} MB.")
    print(f"Đặt biến môi trường {cache.ENV_VAR} để lưu ở nơi khác; xóa: workbook cache --clear")
    return 0


def _consolidate(args: argparse.Namespace) -> int:
    from helpers.rollup import consolidate

    folder = consolidate(args.period or args.quarter, args.data, args.out)
    print(f"Đã tạo báo cáo tổng hợp tại {folder}:")
    for path in sorted(folder.iterdir()):
        print(f"  {path.name}")
    return 0


def _doctor(args: argparse.Namespace) -> int:
    from helpers import doctor

    system = doctor.System.here()
    checks = doctor.diagnose(system)
    print(doctor.format_report(checks, system))
    return 1 if doctor.missing(checks) else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 done, 1 failed, 2 bad input, 130 interrupted)."""
    args = _parser().parse_args(argv)
    try:
        commands = {
            "run": _run, "check": _check, "template": _template, "batch": _batch,
            "consolidate": _consolidate, "cache": _cache, "doctor": _doctor,
        }  # fmt: skip
        return commands[args.command](args)
    except WorkbookError as exc:
        print(exc.user_message(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu; kết quả cũ (nếu có) vẫn giữ nguyên.", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug of ours: say so plainly, traceback only on request
        if os.environ.get("WORKBOOK_DEBUG"):
            raise
        print(
            f"Lỗi không mong đợi: {type(exc).__name__}: {exc}\n"
            "Đặt biến môi trường WORKBOOK_DEBUG=1 và chạy lại để xem chi tiết.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
