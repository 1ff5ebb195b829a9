"""BagIt bags (RFC 8493) made and checked with the Library of Congress's bagit package.

Input: the payload files (path -> bytes) and the bag-info fields. Output: a bag
folder (bagit.txt, bag-info.txt, manifest-sha256/sha512.txt, tagmanifest-*.txt,
data/), or for a check the list of files that are missing, unexpected or changed.

bagit writes the manifests; three things it does are fixed afterwards so two runs
give the same bytes and the bag says the version it follows:
- bagit.txt says BagIt-Version 0.97; RFC 8493 (section 2.1.1) is version 1.0;
- Bagging-Date would be today's date: it is given (from SOURCE_DATE_EPOCH or the TEI);
- the tag manifests list the tag files in directory order: their lines are sorted.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import bagit

from ..diagnostics import Diagnostic, Location

ALGORITHMS = ["sha256", "sha512"]
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"

# bagit logs every file it hashes at INFO and each problem at WARNING; our own
# one-line messages say the same, so its log stays quiet
logging.getLogger("bagit").setLevel(logging.ERROR)


def bag_size(total: int) -> str:
    """Bag-Size (RFC 8493 2.2.2), for people: '1.2 MB'."""
    size = float(total)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


def write_bag(target: Path, files: dict[str, bytes], info: dict[str, str]) -> None:
    """Make the bag in a temporary folder beside `target`, then put it in place, so a
    failed run leaves the earlier bag (if any) as it was. `target` must be absent, an
    empty folder or a bag: the caller checks."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for path, data in sorted(files.items()):
            destination = staging / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(data)
        total = sum(len(d) for d in files.values())
        fields = {**info, "Bag-Size": bag_size(total)}
        made = bagit.make_bag(str(staging), fields, processes=1, checksums=ALGORITHMS)
        (staging / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
        made = bagit.Bag(str(staging))  # re-read as 1.0, then tag manifests again
        made.save(processes=1)
        for name in ALGORITHMS:
            manifest = staging / f"tagmanifest-{name}.txt"
            lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
            lines.sort(key=lambda line: line.split(maxsplit=1)[-1])  # by file name
            manifest.write_text("".join(lines), encoding="utf-8")
        _replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replace(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def is_bag(folder: Path) -> bool:
    return (folder / "bagit.txt").is_file()


@dataclass(frozen=True)
class Finding:
    """One file of a bag that is not as its manifests say."""

    path: str  # relative to the bag
    code: str  # a-003 changed, a-004 missing, a-005 unexpected

    def diagnostic(self, shown_bag: str) -> Diagnostic:
        return Diagnostic(self.code, Location(f"{shown_bag}/{self.path}"))


def check_bag(folder: Path) -> list[Finding]:
    """Every file of the bag that is missing, not in the manifests, or changed (its
    sha256 or sha512 differs), in path order. Raises bagit.BagError for a folder that
    is not a readable bag."""
    bag = bagit.Bag(str(folder))
    missing, unexpected = bag.compare_manifests_with_fs()
    findings = [Finding(p, "a-004") for p in missing]
    findings += [Finding(p, "a-005") for p in unexpected]
    for path in bag.tagfile_entries():
        if not (folder / path).exists():
            findings.append(Finding(path, "a-004"))
    gone = {f.path for f in findings}
    try:
        # bagit's own check of every manifest entry; Bag.validate() would stop at the
        # first problem (Payload-Oxum), and an archivist needs every changed file
        bag._validate_entries(1)
    except bagit.BagValidationError as error:
        changed = {d.path for d in error.details if isinstance(d, bagit.ChecksumMismatch)}
        findings += [Finding(p, "a-003") for p in changed - gone]
    return sorted(set(findings), key=lambda f: f.path)
