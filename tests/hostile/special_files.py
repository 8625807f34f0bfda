"""Class "special-files": content files that are not plain, small, UTF-8 regular files inside
content/: FIFOs (must not hang), links leading out or nowhere, directories, odd file names, empty,
non-UTF-8 and oversized files, and seed files replaced by links or FIFOs."""

from __future__ import annotations

import os
from pathlib import Path

from tests.hostile import FIXTURE, Case

G = "special-files"
ZZ = "agreements/zz.yaml"
NOT_REGULAR = "not a regular file"
OUTSIDE = "outside the content folder"
FILE_NAME = "file name"
SEEDS = {1: "001_2f20cb3a5547961c.txt", 2: "003_ff83097f0f7ac4af.txt", 3: "004_068383fcdce40681.txt"}
"""Index in sources.yaml -> seed file name."""
_SOURCES = (Path(__file__).resolve().parents[2] / "content" / "sources.yaml").read_text(encoding="utf-8").splitlines()
SEED_LINES = {i: next(n for n, line in enumerate(_SOURCES, 1) if line.strip().endswith(name) and "file:" in line) for i, name in SEEDS.items()}
"""Index in sources.yaml -> line of its `file:` (read from the real file, so edits there do not break the cases)."""
OUTSIDE_TARGET = "/etc/hostname" if Path("/etc/hostname").is_file() else "/etc/passwd"


def fifo(path: str):
    def setup(content: Path, scratch: Path) -> None:
        target = content / path
        if target.exists():
            target.unlink()
        os.mkfifo(target)

    return setup


def link(path: str, target):
    """A symbolic link at content/<path> to target (a str, or a function of the scratch folder)."""

    def setup(content: Path, scratch: Path) -> None:
        where = content / path
        if where.exists() or where.is_symlink():
            where.unlink()
        os.symlink(target(scratch) if callable(target) else target, where)

    return setup


def outside_file(scratch: Path) -> str:
    """A valid agreement outside the content folder."""
    path = scratch / "outside.yaml"
    path.write_text(FIXTURE, encoding="utf-8")
    return str(path)


def directory(path: str):
    def setup(content: Path, scratch: Path) -> None:
        target = content / path
        if target.exists():
            target.unlink()
        target.mkdir()
        (target / "x.yaml").write_text(FIXTURE, encoding="utf-8")

    return setup


def named(name: str):
    """The fixture agreement under an odd file name."""

    def setup(content: Path, scratch: Path) -> None:
        (content / "agreements" / name).write_text(FIXTURE, encoding="utf-8")

    return setup


def whole(name: str, field: str, message: str, data: str | bytes, file: str = ZZ) -> Case:
    return Case(G, name, field, message, None, file=file, new=data)


CASES = [
    Case(G, "fifo-agreement", "(file)", NOT_REGULAR, None, file=ZZ, setup=fifo(ZZ)),
    Case(G, "fifo-sources-yaml", "(file)", NOT_REGULAR, None, file="sources.yaml", setup=fifo("sources.yaml")),
    Case(G, "symlink-to-file-outside", "(file)", OUTSIDE, None, file=ZZ, setup=link(ZZ, outside_file)),
    Case(G, "symlink-to-dev-zero", "(file)", OUTSIDE, None, file=ZZ, setup=link(ZZ, "/dev/zero")),
    Case(G, "symlink-loop", "(file)", "", None, file=ZZ, setup=link(ZZ, "zz.yaml")),
    Case(G, "symlink-dangling-inside", "(file)", "cannot be read", None, file=ZZ, setup=link(ZZ, "missing.yaml")),
    Case(G, "directory-named-yaml", "(file)", NOT_REGULAR, None, file=ZZ, setup=directory(ZZ)),
    Case(G, "file-name-with-markup", "(file)", FILE_NAME, None, file="agreements/zz--><b>.yaml", setup=named("zz--><b>.yaml")),
    Case(G, "file-name-upper-case", "(file)", FILE_NAME, None, file="agreements/Zz.yaml", setup=named("Zz.yaml")),
    Case(G, "file-name-with-space", "(file)", FILE_NAME, None, file="agreements/zz space.yaml", setup=named("zz space.yaml")),
    Case(G, "file-name-with-escape-sequence", "(file)", FILE_NAME, None, file="agreements/zz", setup=named("zz\x1b[2J.yaml"), file_prefix=True),
    Case(G, "file-name-with-line-break", "(file)", FILE_NAME, None, file="agreements/zz", setup=named("zz\nforged.yaml"), file_prefix=True),
    Case(G, "file-name-with-bidi-control", "(file)", FILE_NAME, None, file="agreements/zz", setup=named("zz\u202elmay.yaml"), file_prefix=True),
    whole("empty-file", "(file)", "empty", ""),
    whole("latin-1-file", "(file)", "not valid UTF-8", FIXTURE.encode("latin-1")),
    whole("nine-megabytes", "(file)", "limit", FIXTURE + "# " + "x" * 9_000_000 + "\n"),
    whole("stray-top-level-file", "(file)", "unknown content file", FIXTURE, file="zz.yaml"),
    Case(G, "seed-symlink-outside", "sources[1].file", OUTSIDE, SEED_LINES[1], file="sources.yaml", setup=link("seeds/" + SEEDS[1], OUTSIDE_TARGET)),
    Case(G, "seed-fifo", "sources[2].file", NOT_REGULAR, SEED_LINES[2], file="sources.yaml", setup=fifo("seeds/" + SEEDS[2])),
    Case(G, "seed-directory", "sources[3].file", NOT_REGULAR, SEED_LINES[3], file="sources.yaml", setup=directory("seeds/" + SEEDS[3])),
    whole("comments-only", "(file)", "empty", "# nothing here\n"),
    whole("utf-16-file", "(file)", "not valid UTF-8", FIXTURE.encode("utf-16")),
]
