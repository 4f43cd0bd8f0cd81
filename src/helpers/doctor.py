"""What this computer lacks for each output of a report, with the command that installs it."""

from __future__ import annotations

import importlib
import platform
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from helpers import config

OUTPUTS = ("HTML", "PDF", "DOCX")
_GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
_CSS = config.TEMPLATES_DIR / "nbconvert" / "bao_cao" / "bao_cao.css"
# The Python packages that reports import: distribution, module, the outputs that need it
# (the notebook runs for every output). WeasyPrint has its own check, Pango's (pango_check).
_PACKAGES = (
    ("pandas", "pandas", OUTPUTS),
    ("python-calamine", "python_calamine", OUTPUTS),
    ("papermill", "papermill", OUTPUTS),
    ("ipykernel", "ipykernel", OUTPUTS),
    ("matplotlib", "matplotlib", OUTPUTS),
    ("filelock", "filelock", OUTPUTS),
    ("nbconvert", "nbconvert", ("HTML", "PDF")),
    ("python-docx", "docx", ("DOCX",)),
)


@dataclass(frozen=True)
class System:
    """The facts about this computer that the install commands depend on."""

    name: str  # "Windows", "macOS" or "Linux" (any other POSIX system counts as Linux)
    conda: bool = False  # Python runs in a conda/mamba environment
    apt: bool = False  # Debian, Ubuntu
    dnf: bool = False  # Fedora, RHEL
    brew: bool = False  # Homebrew (macOS)

    @classmethod
    def here(cls) -> System:
        names = {"Windows": "Windows", "Darwin": "macOS"}
        return cls(
            name=names.get(platform.system(), "Linux"),
            conda=(Path(sys.prefix) / "conda-meta").is_dir(),
            apt=shutil.which("apt-get") is not None,
            dnf=shutil.which("dnf") is not None,
            brew=shutil.which("brew") is not None,
        )


@dataclass(frozen=True)
class Check:
    """One thing some outputs need, whether it is there, and how to get it when it is not."""

    outputs: tuple[str, ...]  # the outputs that need it
    what: str
    ok: bool
    found: str  # what was found, or why it is missing
    fix: str = ""  # the exact command (or step) that installs it


def install_pango(system: System) -> str:
    """The command that installs Pango (WeasyPrint's text layout) on ``system``."""
    if system.conda:
        return "conda install -c conda-forge pango"
    if system.name == "Windows":
        # WeasyPrint looks for Pango in C:\msys64\ucrt64\bin (its documented way on Windows)
        return (
            "winget install -e --id MSYS2.MSYS2 && C:\\msys64\\usr\\bin\\bash.exe -lc "
            '"pacman -S --noconfirm mingw-w64-ucrt-x86_64-pango"'
        )
    if system.name == "macOS":
        return "brew install pango"
    if system.dnf and not system.apt:
        return "sudo dnf install -y pango fontconfig"
    # Debian packages HarfBuzz's subsetter apart (elsewhere it comes with HarfBuzz)
    return "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig"


def install_fonts(system: System) -> str:
    """The command that installs fonts with every Vietnamese letter on ``system``."""
    if system.name == "Windows":
        return (
            "Times New Roman và Arial có sẵn trong Windows: cài lại trong Cài đặt > Cá nhân hóa "
            "> Phông chữ" + (", hoặc: conda install -c conda-forge fonts-conda-ecosystem"
            if system.conda else "")
        )  # fmt: skip
    if system.name == "macOS":
        return "brew install --cask font-dejavu"
    if system.conda:
        return "conda install -c conda-forge fonts-conda-ecosystem"
    if system.dnf and not system.apt:
        return (
            "sudo dnf install -y dejavu-serif-fonts dejavu-sans-fonts liberation-serif-fonts "
            "liberation-sans-fonts"
        )
    return "sudo apt-get install -y fonts-dejavu-core fonts-liberation2"


def vietnamese_letters() -> str:
    """Every letter of Vietnamese, lower and upper case: 12 vowels with 6 tones each, and đ."""
    tones = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    lower = {unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in tones}
    lower.add("đ")
    return "".join(sorted(lower | {ch.upper() for ch in lower}))


def css_font_stacks(css: str) -> list[tuple[str, ...]]:
    """Each distinct ``font-family`` list of a stylesheet, generic families left out."""
    stacks: list[tuple[str, ...]] = []
    for value in re.findall(r"font-family\s*:\s*([^;}]+)", css):
        names = tuple(
            name
            for name in (part.strip().strip("\"'") for part in value.split(","))
            if name and name.lower() not in _GENERIC_FAMILIES and name.lower() != "inherit"
        )
        if names and names not in stacks:
            stacks.append(names)
    return stacks


def system_fonts() -> dict[str, list[Path]]:
    """Font files by family, as the PDF's renderer sees them: fontconfig's list when there is
    one (WeasyPrint finds fonts through it), else the OS's font folders read directly."""
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            listed = subprocess.run(
                [fc_list, "--format", "%{family}\t%{file}\n"],
                capture_output=True, text=True, encoding="utf-8", timeout=60, check=True,
            ).stdout  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            listed = ""
        fonts: dict[str, list[Path]] = {}
        for line in listed.splitlines():
            families, _, file = line.partition("\t")
            for family in families.split(","):
                fonts.setdefault(family.strip(), []).append(Path(file))
        if fonts:
            return fonts
    return _scan_font_folders()


def _scan_font_folders() -> dict[str, list[Path]]:
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    fonts: dict[str, list[Path]] = {}
    for file in font_manager.findSystemFonts():
        try:
            with TTFont(file, fontNumber=0, lazy=True) as font:
                family = font["name"].getBestFamilyName()
        except Exception:  # a font file fontTools cannot read is no font for us either
            continue
        if family:
            fonts.setdefault(family, []).append(Path(file))
    return fonts


def covers(file: Path, letters: str) -> bool:
    """Whether the font in ``file`` has a glyph for every character of ``letters``."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(file, fontNumber=0, lazy=True) as font:
            cmap = font.getBestCmap() or {}
    except Exception:
        return False
    return all(ord(ch) in cmap for ch in letters)


def font_checks(
    system: System,
    css: str,
    fonts: dict[str, list[Path]],
    has_letters: Callable[[Path, str], bool] = covers,
) -> list[Check]:
    """For each font list of the PDF's stylesheet: is one of its families installed with every
    Vietnamese letter? The first such family is the one the PDF will show."""
    letters = vietnamese_letters()
    checks = []
    for stack in css_font_stacks(css):
        usable = next(
            (f for f in stack if any(has_letters(p, letters) for p in fonts.get(f, []))), None
        )
        checks.append(
            Check(
                ("PDF",),
                f"phông chữ tiếng Việt cho «{', '.join(stack)}»",
                usable is not None,
                f"dùng {usable}" if usable else "không có phông nào trong danh sách, đủ dấu",
                "" if usable else install_fonts(system),
            )
        )
    return checks


def _load(module: str) -> None:
    importlib.import_module(module)


def package_checks(load: Callable[[str], None] = _load) -> list[Check]:
    """The Python packages each output needs, importable from this Python."""
    checks = []
    for dist, module, outputs in _PACKAGES:
        try:
            load(module)  # imported, not only found: a broken install (a DLL) shows here
            ok, found = True, f"{dist} {metadata.version(dist)}"
        except ImportError as exc:
            ok, found = False, f"không nhập được ({exc})"
        except metadata.PackageNotFoundError:  # importable without its metadata
            ok, found = True, dist
        checks.append(
            Check(outputs, f"gói Python {dist}", ok, found, "" if ok else "pip install -e .")
        )
    return checks


def pango_check(system: System, load: Callable[[str], None] = _load) -> Check:
    """WeasyPrint and the Pango libraries it loads when imported (OSError when they are missing)."""
    try:
        load("weasyprint")
    except (ImportError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return Check(("PDF",), "Pango (WeasyPrint)", False, first, install_pango(system))
    try:
        version = f"WeasyPrint {metadata.version('weasyprint')}"
    except metadata.PackageNotFoundError:
        version = "WeasyPrint"
    return Check(("PDF",), "Pango (WeasyPrint)", True, version)


def kernel_check() -> Check:
    """The Jupyter kernel that executes the report's notebook (``python3``, this Python's)."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

        spec = KernelSpecManager().get_kernel_spec("python3")
        return Check(OUTPUTS, "nhân Jupyter python3", True, spec.display_name)
    except ImportError as exc:
        return Check(OUTPUTS, "nhân Jupyter python3", False, str(exc), "pip install -e .")
    except NoSuchKernel:
        return Check(
            OUTPUTS, "nhân Jupyter python3", False, "chưa có",
            f'"{sys.executable}" -m ipykernel install --user',
        )  # fmt: skip


def diagnose(system: System | None = None) -> list[Check]:
    """Everything the HTML, PDF and DOCX outputs need on this computer, checked."""
    system = system or System.here()
    python_ok = sys.version_info >= (3, 11)
    checks = [
        Check(
            OUTPUTS,
            "Python 3.11 trở lên",
            python_ok,
            f"Python {platform.python_version()} ({sys.executable})",
            ""
            if python_ok
            else "cài Python 3.11 trở lên (hoặc: conda env create -f environment.yml)",
        ),
        *package_checks(),
        kernel_check(),
        pango_check(system),
        *font_checks(system, _CSS.read_text(encoding="utf-8"), system_fonts()),
    ]
    return checks


def missing(checks: Sequence[Check]) -> list[Check]:
    return [c for c in checks if not c.ok]


def format_report(checks: Sequence[Check], system: System) -> str:
    """The checks as a person reads them: each output ready or not, then what to install."""
    env = " (môi trường conda)" if system.conda else ""
    lines = [f"Máy: {system.name}{env}, Python {platform.python_version()}.", ""]
    for output in OUTPUTS:
        lacking = [c for c in checks if output in c.outputs and not c.ok]
        state = "sẵn sàng" if not lacking else "thiếu " + "; ".join(c.what for c in lacking)
        lines.append(f"  {output:<5} {state}")
    lines.append("  LibreOffice: không cần (chỉ bộ kiểm thử dùng nó để xem thử tệp DOCX).")
    lines.append("")
    for c in checks:
        mark = "có   " if c.ok else "THIẾU"
        lines.append(f"[{mark}] {c.what}: {c.found}")
        if c.fix:
            lines.append(f"        Cài bằng: {c.fix}")
    lacking = missing(checks)
    lines.append("")
    if not lacking:
        lines.append("Đủ mọi thứ để tạo HTML, PDF và DOCX.")
    elif all(c.outputs == ("PDF",) for c in lacking):
        lines.append("HTML và DOCX vẫn tạo được; PDF cần cài thêm những mục THIẾU ở trên.")
    else:
        lines.append("Cần cài thêm những mục THIẾU ở trên.")
    return "\n".join(lines)
