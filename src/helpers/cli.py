"""The ``workbook`` command: a thin wrapper over the Python API (``helpers.render`` …)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from helpers import config
from helpers.errors import WorkbookError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbook",
        description="Báo cáo quý về Nghị quyết 57-NQ/TW từ bảng tính của phường, xã.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    run = sub.add_parser("run", help="chạy báo cáo một quý: notebook, HTML, PDF, chi-so.json")
    run.add_argument("--unit", default=config.DEFAULT_UNIT, help="đơn vị (thư mục trong data/)")
    run.add_argument("--quarter", default=config.DEFAULT_QUARTER, help="quý, dạng YYYY-Qn")
    run.add_argument("--data", type=Path, default=config.DATA_DIR, help="thư mục dữ liệu")
    run.add_argument("--out", type=Path, default=config.OUTPUTS_DIR, help="thư mục kết quả")
    run.add_argument(
        "--format",
        action="append",
        choices=("html", "pdf", "docx"),
        dest="formats",
        help="định dạng cần xuất (lặp lại được; mặc định: tất cả)",
    )

    run.add_argument(
        "--strict", action="store_true",
        help="không tạo báo cáo khi kiểm tra số liệu phát hiện lỗi",
    )  # fmt: skip

    check = sub.add_parser(
        "check",
        help="đọc, kiểm tra theo mẫu và đối chiếu số liệu của một tệp "
        "(thoát 0: không có lỗi; 1: có lỗi số liệu; 2: tệp không đọc được hoặc sai mẫu)",
    )
    check.add_argument("file", type=Path, help="tệp .xlsx của một đơn vị, một quý")
    check.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    return parser


def _run(args: argparse.Namespace) -> int:
    from helpers.render import FORMATS, run_report

    result = run_report(
        unit=args.unit,
        quarter=args.quarter,
        data_dir=args.data,
        out_dir=args.out,
        formats=tuple(args.formats or FORMATS),
        strict=args.strict,
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
    from helpers import checks

    result = checks.check_file(args.file)
    if args.json:
        print(checks.to_json(result.findings, result.unit, result.quarter), end="")
    else:
        print(checks.format_table(result))
    return 1 if checks.has_errors(result.findings) else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 done, 1 failed, 2 bad input, 130 interrupted)."""
    args = _parser().parse_args(argv)
    try:
        return {"run": _run, "check": _check}[args.command](args)
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
