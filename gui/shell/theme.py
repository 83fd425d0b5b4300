"""Fonts and palettes: the reading typography and a light/dark palette that follows the system."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

SERIF_FAMILIES = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "Liberation Serif",
                  "DejaVu Serif", "serif"]
TITLE_SCALE = 1.75
READING_MEASURE_CHARS = 70  # a comfortable line length for body text


def reading_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


# The article's selection: solid graphite with inverse text, far from every tag's pale tint
# (tests/gui check the distance under colour-vision deficiencies too).
SELECTION_COLOURS = {False: ("#3b3f47", "#ffffff"), True: ("#d7dce4", "#111111")}


def with_reading_selection(palette: QPalette) -> QPalette:
    """``palette`` with the article's selection colours for its light or dark base."""
    background, text = SELECTION_COLOURS[is_dark(palette)]
    # A copy by resolving: QPalette(palette) tries a Qt.GlobalColor overload (docks.py).
    changed = QPalette().resolve(palette)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        changed.setColor(group, QPalette.ColorRole.Highlight, QColor(background))
        changed.setColor(group, QPalette.ColorRole.HighlightedText, QColor(text))
    return changed


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def system_prefers_dark(app: QGuiApplication) -> bool:
    """Whether the desktop is in its dark scheme, read from the palette the platform gave the
    application (Fusion and the desktop themes follow the system's scheme). Asking
    ``styleHints().colorScheme()`` would build Qt's enum namespace before the first paint."""
    return is_dark(app.palette())


def dark_palette() -> QPalette:
    """A calm dark palette: warm grey surfaces, off-white text, a readable accent."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#1f2023", role.WindowText: "#e6e4df", role.Base: "#18191b",
        role.AlternateBase: "#232428", role.Text: "#e6e4df", role.Button: "#2a2b2f",
        role.ButtonText: "#e6e4df", role.ToolTipBase: "#2a2b2f", role.ToolTipText: "#e6e4df",
        role.Highlight: "#3d6fb6", role.HighlightedText: "#ffffff", role.Link: "#8ab4f8",
        role.PlaceholderText: "#8b8a86", role.Mid: "#3a3b40", role.Midlight: "#34353a",
        role.Dark: "#121315", role.Light: "#45464c", role.Shadow: "#000000",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#6f6e6a"))
    return palette


def light_palette() -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#f3f1ec", role.WindowText: "#24231f", role.Base: "#fdfcf9",
        role.AlternateBase: "#f6f4ef", role.Text: "#24231f", role.Button: "#ebe8e1",
        role.ButtonText: "#24231f", role.ToolTipBase: "#fffdf6", role.ToolTipText: "#24231f",
        role.Highlight: "#b7d0f0", role.HighlightedText: "#111111", role.Link: "#1f5fae",
        role.PlaceholderText: "#8d8a82", role.Mid: "#cfcbc2", role.Midlight: "#e2dfd8",
        role.Dark: "#a9a59c", role.Light: "#ffffff", role.Shadow: "#6b675f",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    # Set for every group above: without this a disabled button reads as an enabled one.
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#9a968d"))
    return palette


# Given to a new QApplication on its command line: setStyle() would wrap a QStyle for Python
# and build its enums, about 10 ms before the first paint.
STYLE_ARGUMENTS = ["-style", "Fusion"]


def apply_theme(app, dark: bool | None = None, *, set_style: bool = True) -> bool:
    """Fusion style with our palette; ``dark=None`` follows the system. Returns dark or not.
    ``set_style=False``: the application was made with ``STYLE_ARGUMENTS`` already."""
    if set_style:
        app.setStyle("Fusion")
    use_dark = system_prefers_dark(app) if dark is None else dark
    app.setPalette(dark_palette() if use_dark else light_palette())
    return use_dark
