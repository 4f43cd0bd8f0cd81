"""`workbook doctor`: what each output lacks, with the command for the OS it runs on; and the
fonts the PDF and the charts name, which must exist on Windows and macOS as on Linux."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from helpers import charts, config, doctor
from portable import simulated_env, workbook

CSS = (config.TEMPLATES_DIR / "nbconvert" / "bao_cao" / "bao_cao.css").read_text(encoding="utf-8")
INDEX = (config.TEMPLATES_DIR / "index" / "index.html.j2").read_text(encoding="utf-8")
WINDOWS_MACOS = {"Times New Roman", "Arial", "Segoe UI"}  # shipped with both, or with Windows
LINUX = {"Liberation Serif", "Liberation Sans", "DejaVu Serif", "DejaVu Sans"}

WINDOWS = doctor.System("Windows")
WINDOWS_CONDA = doctor.System("Windows", conda=True)
MACOS = doctor.System("macOS", brew=True)
DEBIAN = doctor.System("Linux", apt=True)
FEDORA = doctor.System("Linux", dnf=True)


@pytest.mark.parametrize(
    ("system", "pango", "fonts"),
    [
        (
            WINDOWS,
            "winget install -e --id MSYS2.MSYS2 && C:\\msys64\\usr\\bin\\bash.exe -lc "
            '"pacman -S --noconfirm mingw-w64-ucrt-x86_64-pango"',
            "Cài đặt > Cá nhân hóa > Phông chữ",
        ),
        (WINDOWS_CONDA, "conda install -c conda-forge pango", "fonts-conda-ecosystem"),
        (MACOS, "brew install pango", "brew install --cask font-dejavu"),
        (
            DEBIAN,
            "sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 "
            "fontconfig",
            "sudo apt-get install -y fonts-dejavu-core fonts-liberation2",
        ),
        (FEDORA, "sudo dnf install -y pango fontconfig", "sudo dnf install -y dejavu-serif-fonts"),
    ],
)
def test_each_system_gets_its_own_install_command(system, pango, fonts):
    assert doctor.install_pango(system) == pango
    assert fonts in doctor.install_fonts(system)


def test_the_vietnamese_letters_are_all_there():
    letters = doctor.vietnamese_letters()
    assert len(letters) == 2 * (12 * 6 + 1)  # 12 vowels, 6 tones, and đ; both cases
    assert all(ch in letters for ch in "ặẶữỮỹỸđĐơƠưƯẩẨ")
    assert all(unicodedata.is_normalized("NFC", ch) and len(ch) == 1 for ch in letters)


def test_the_pdf_css_names_a_windows_macos_family_and_a_linux_one_in_every_list():
    stacks = doctor.css_font_stacks(CSS)
    assert len(stacks) >= 2  # the body (serif) and the tables (sans)
    for stack in stacks:
        assert WINDOWS_MACOS & set(stack), stack
        assert LINUX & set(stack), stack
        assert stack[0] in WINDOWS_MACOS, stack  # the same look on a ward's PC as in the city
    assert ("Times New Roman", "Liberation Serif", "DejaVu Serif") in stacks
    (index_stack,) = doctor.css_font_stacks(INDEX)
    assert index_stack[0] == "Segoe UI" and LINUX & set(index_stack)


def test_the_charts_name_arial_then_linux_fonts_and_fall_back_to_matplotlibs_own():
    assert charts.FONTS[0] == "Arial" and charts.FONTS[-1] == "DejaVu Sans"
    assert "Liberation Sans" in charts.FONTS
    from matplotlib import font_manager

    chosen = font_manager.findfont(charts.font(), fallback_to_default=False)
    assert doctor.covers(Path(chosen), doctor.vietnamese_letters()), chosen


def test_fonts_on_this_computer_cover_every_vietnamese_letter_for_each_css_list():
    checks = doctor.font_checks(DEBIAN, CSS, doctor.system_fonts())
    assert checks and all(c.ok for c in checks), [c for c in checks if not c.ok]
    assert all(c.found.removeprefix("dùng ") in LINUX | WINDOWS_MACOS for c in checks)


def test_the_font_folders_read_without_fontconfig_agree_with_it():
    scanned = doctor._scan_font_folders()  # the way on Windows without fontconfig
    assert {"DejaVu Serif", "Liberation Serif"} & set(scanned)


def test_a_windows_font_set_satisfies_the_css_and_none_asks_for_an_install():
    windows_fonts = {name: [Path(f"C:/Windows/Fonts/{name}.ttf")] for name in WINDOWS_MACOS}
    checks = doctor.font_checks(WINDOWS, CSS, windows_fonts, has_letters=lambda p, t: True)
    assert all(c.ok for c in checks) and {c.found for c in checks} <= {
        "dùng Times New Roman",
        "dùng Arial",
    }
    none = doctor.font_checks(WINDOWS, CSS, {}, has_letters=lambda p, t: True)
    assert none and not any(c.ok for c in none)
    assert all("Phông chữ" in c.fix for c in none)
    # a font without Vietnamese letters does not count
    lacking = doctor.font_checks(MACOS, CSS, windows_fonts, has_letters=lambda p, t: False)
    assert not any(c.ok for c in lacking) and lacking[0].fix == "brew install --cask font-dejavu"


def test_without_pango_only_the_pdf_is_missing_with_the_command(monkeypatch):
    def load(module: str) -> None:
        if module == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': error 0x7e")

    check = doctor.pango_check(MACOS, load=load)
    assert not check.ok and check.outputs == ("PDF",) and check.fix == "brew install pango"
    assert "libpango" in check.found
    checks = [c for c in doctor.diagnose(MACOS) if c.what != check.what] + [check]
    text = doctor.format_report(checks, MACOS)
    assert "  HTML  sẵn sàng" in text and "  DOCX  sẵn sàng" in text
    assert "  PDF   thiếu Pango (WeasyPrint)" in text
    assert "Cài bằng: brew install pango" in text
    assert "HTML và DOCX vẫn tạo được" in text and "LibreOffice: không cần" in text


def test_doctor_on_this_computer_finds_everything_and_exits_0():
    proc = workbook("doctor", env=simulated_env())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for output in ("HTML", "PDF", "DOCX"):
        assert f"  {output:<5} sẵn sàng" in proc.stdout
    assert "THIẾU" not in proc.stdout and "Traceback" not in proc.stderr


def test_doctor_without_pango_says_what_to_install_and_exits_1():
    proc = workbook("doctor", env=simulated_env(no_pango=True))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "[THIẾU] Pango (WeasyPrint): cannot load library 'libpango-1.0-0'" in proc.stdout
    assert f"Cài bằng: {doctor.install_pango(doctor.System.here())}" in proc.stdout
    assert "  HTML  sẵn sàng" in proc.stdout and "  DOCX  sẵn sàng" in proc.stdout
