"""Bitsets: Python ints as sets of document numbers (bit n set: document n is in the set).

The Whoosh backend filters, counts facets and ranks on them; the in-memory and PostgreSQL
backends rank on them (``search.scoring``). ``&``, ``|`` and ``~`` are set operations,
``int.bit_count`` is the size. A bitset turned into ``bytes`` once answers many membership
questions faster than shifting a large int each time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["bits_from", "bit_positions", "as_bytes", "contains"]

_BYTE_BITS = tuple(tuple(i for i in range(8) if b >> i & 1) for b in range(256))


def bits_from(positions: Iterable[int]) -> int:
    """A bitset (Python int) with the given bit positions set."""
    pos = positions if isinstance(positions, (list, tuple)) else list(positions)
    if not pos:
        return 0
    buf = bytearray(max(pos) // 8 + 1)
    for p in pos:
        buf[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buf, "little")


def bit_positions(mask: int) -> Iterator[int]:
    """The set bit positions of a bitset, ascending."""
    if mask <= 0:
        return
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for i, byte in enumerate(data):
        if byte:
            base = i << 3
            for b in _BYTE_BITS[byte]:
                yield base + b


def as_bytes(mask: int) -> bytes:
    """The bitset as little-endian bytes, for ``contains`` (empty for 0 and for ``-1``)."""
    return mask.to_bytes((mask.bit_length() + 7) // 8, "little") if mask > 0 else b""


def contains(data: bytes, docnum: int) -> bool:
    """Whether bit ``docnum`` is set in a bitset given as ``as_bytes``."""
    i = docnum >> 3
    return i < len(data) and bool(data[i] >> (docnum & 7) & 1)
