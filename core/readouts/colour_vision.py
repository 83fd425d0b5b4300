"""How far apart two colours look, for people with full colour vision and with each common
colour-vision deficiency: the check that tags, the selection and the analysis marks can
be told apart at a glance on the page, light or dark.

CVD is simulated with the matrices of Machado, Oliveira and Fernandes (2009) at full
severity, applied to linear RGB; distance is CIE76 ΔE in CIELAB (D65).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from itertools import combinations

RGB = tuple[float, float, float]
Matrix = tuple[RGB, RGB, RGB]


class Vision(Enum):
    NORMAL = "normal"
    PROTANOPIA = "protanopia"
    DEUTERANOPIA = "deuteranopia"
    TRITANOPIA = "tritanopia"


_MATRICES: dict[Vision, Matrix] = {
    Vision.PROTANOPIA: ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                        (-0.003882, -0.048116, 1.051998)),
    Vision.DEUTERANOPIA: ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                          (-0.011820, 0.042940, 0.968881)),
    Vision.TRITANOPIA: ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                        (0.004733, 0.691367, 0.303900)),
}


def parse_hex(colour: str) -> RGB:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def to_hex(rgb: RGB) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02x}" for c in rgb)


def blend(base: str, colour: str, alpha: float) -> str:
    """``colour`` laid over ``base`` at opacity ``alpha`` (as the highlighter paints it)."""
    b, c = parse_hex(base), parse_hex(colour)
    return to_hex(tuple(x + (y - x) * alpha for x, y in zip(b, c, strict=True)))  # type: ignore[arg-type]


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def seen(colour: str, vision: Vision) -> RGB:
    """The sRGB colour a person with ``vision`` perceives for ``colour`` (approximately)."""
    rgb = parse_hex(colour)
    if vision is Vision.NORMAL:
        return rgb
    linear = [_linear(c) for c in rgb]
    matrix = _MATRICES[vision]
    return tuple(_gamma(sum(m * v for m, v in zip(row, linear, strict=True)))  # type: ignore[return-value]
                 for row in matrix)


def lab(rgb: RGB) -> RGB:
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def distance(a: str, b: str, vision: Vision = Vision.NORMAL) -> float:
    """ΔE between how ``a`` and ``b`` look to a person with ``vision``."""
    la, lb = lab(seen(a, vision)), lab(seen(b, vision))
    return float(sum((x - y) ** 2 for x, y in zip(la, lb, strict=True)) ** 0.5)


def closest_pair(colours: dict[str, str], visions: Iterable[Vision] = tuple(Vision)
                 ) -> tuple[float, str, str, Vision]:
    """The two named colours that look most alike to anyone: (ΔE, name, name, vision)."""
    worst: tuple[float, str, str, Vision] = (float("inf"), "", "", Vision.NORMAL)
    for vision in visions:
        for (name_a, a), (name_b, b) in combinations(colours.items(), 2):
            found = distance(a, b, vision)
            if found < worst[0]:
                worst = (found, name_a, name_b, vision)
    return worst
