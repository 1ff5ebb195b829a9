"""EPUB writer: members of an earlier zip copied without compressing them again.

Input: the anthology.epub of the last build (`KeptMembers`) and the bytes a new
member must hold. Output: that member's compressed bytes from the old file, when
its entry holds exactly those bytes (same path, size, CRC and, inflated, the same
bytes), else None. Deflate is deterministic for the same input, level and zlib,
so a copied member is the bytes compressing again would give; the caller keeps
the zlib version with the file and reuses nothing when it changed.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the zip format's local file header


class KeptMembers:
    """The deflated members of a zip file, read on demand."""

    def __init__(self, path: Path | None) -> None:
        self.stream: BinaryIO | None = None
        self.infos: dict[str, zipfile.ZipInfo] = {}
        if path is None:
            return
        try:
            self.stream = path.open("rb")
            with zipfile.ZipFile(self.stream) as zf:
                self.infos = {i.filename: i for i in zf.infolist()}
        except (OSError, zipfile.BadZipFile):
            self.close()

    def __enter__(self) -> KeptMembers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream, self.infos = None, {}

    def deflated(self, name: str, data: bytes) -> tuple[int, bytes] | None:
        """(CRC, compressed bytes) of the old member `name` if it holds `data`."""
        info = self.infos.get(name)
        if (
            self.stream is None
            or info is None
            or info.compress_type != zipfile.ZIP_DEFLATED
            or info.file_size != len(data)
            or info.CRC != zlib.crc32(data)
        ):
            return None
        try:
            self.stream.seek(info.header_offset)
            header = _LOCAL_HEADER.unpack(self.stream.read(_LOCAL_HEADER.size))
            self.stream.seek(header[-2] + header[-1], 1)  # past the name and extra field
            raw = self.stream.read(info.compress_size)
            # a CRC can collide; inflating (several times faster than deflate) cannot
            same = zlib.decompress(raw, -zlib.MAX_WBITS) == data
        except (OSError, struct.error, zlib.error):
            return None
        return (info.CRC, raw) if same else None


def append_deflated(zf: zipfile.ZipFile, info: zipfile.ZipInfo, crc: int, raw: bytes) -> bool:
    """Append a member whose deflated bytes are known, as ZipFile.writestr would
    write it to a seekable file (header with sizes and CRC, no data descriptor).
    False, with nothing written, where this Python's ZipFile keeps its state under
    other names (the caller then compresses)."""
    if not all(hasattr(zf, name) for name in ("fp", "start_dir", "filelist", "NameToInfo")):
        return False
    fp = zf.fp
    if fp is None or info.file_size * 1.05 > zipfile.ZIP64_LIMIT:  # writestr's zip64 rule
        return False
    fp.seek(zf.start_dir)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.flag_bits = 0
    info.CRC = crc
    info.compress_size = len(raw)
    info.header_offset = fp.tell()
    fp.write(info.FileHeader(False))
    fp.write(raw)
    zf.start_dir = fp.tell()
    zf.filelist.append(info)
    zf.NameToInfo[info.filename] = info
    zf._didModify = True  # type: ignore[attr-defined]  # so close() writes the directory
    return True
