"""Cutting a long text into blocks that the recognisers read one at a time."""

from __future__ import annotations

BLOCK_CHARS = 64 * 1024  # recognisers run block by block so progress and cancel stay responsive


def text_blocks(text: str, size: int = BLOCK_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into spans of about ``size`` characters, where no date, amount or name runs on.

    A cut falls after a newline (no recogniser crosses one), else after a sentence's full stop,
    else after a space.
    """
    blocks, start, length = [], 0, len(text)
    while start < length:
        end = min(length, start + size)
        if end < length:
            floor = start + size // 2
            cut = text.rfind("\n", floor, end)
            if cut < 0:
                full_stop = text.rfind(". ", floor, end)
                cut = full_stop + 1 if full_stop >= 0 else text.rfind(" ", floor, end)
            end = cut + 1 if cut >= 0 else end
        blocks.append((start, end))
        start = end
    return blocks
