"""Every file of a built site goes through a `SiteWriter`: written into a new folder, or — when
the previous build wrote the same bytes, or made the file from the same inputs — hard-linked from
the previous site instead of written again; text files get a `.gz` twin for nginx `gzip_static`.

What the previous build wrote is its `Manifest` (path → digest, the key it was made from, and the
file's size, mtime and inode). A previous file is reused only while it is still the file that
build wrote (same size, mtime and inode): a site edited by hand, or left half-replaced, is
simply written afresh. Files are never written in place: a new file appears under a temporary
name and is renamed, so a linked file of the previous (live) site is never changed.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, field
from pathlib import Path

# files served compressed by nginx `gzip_static` (and worth it); .gz twins are never compressed again
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".map", ".md")
MANIFEST_VERSION = 1


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip (no name, no time stamp): the same file gives the same `.gz`."""
    return gzip.compress(data, compresslevel=6, mtime=0)       # level 9: 1.6 times the time for 1 % less


@dataclass(frozen=True)
class Entry:
    """One file of a built site: its content digest, what it was made from, and its file identity."""

    digest: str
    key: str                 # the inputs it was made from (a page key, a source file's stamp, or the digest)
    size: int
    mtime_ns: int
    ino: int


@dataclass
class Manifest:
    """The files of one built site (site-relative path → Entry)."""

    entries: dict[str, Entry] = field(default_factory=dict)

    @staticmethod
    def load(path: Path | None) -> Manifest:
        """The manifest saved at `path`, or an empty one (none, damaged, or another version)."""
        from .cache import read_trusted
        data = read_trusted(path) if path is not None else None       # only a file this user wrote
        if data is None:
            return Manifest()
        try:
            version, entries = pickle.loads(data)
        except Exception:                 # a damaged or foreign manifest: build everything afresh
            return Manifest()
        return Manifest(entries) if version == MANIFEST_VERSION else Manifest()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((MANIFEST_VERSION, self.entries), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)


class SiteWriter:
    """Writes the files of one build into `folder`, reusing what the previous site (`previous`,
    built into `previous_folder`) already has. `compress` adds a `.gz` twin to every text file."""

    def __init__(self, folder: Path, previous_folder: Path | None = None, previous: Manifest | None = None,
                 compress: bool = False) -> None:
        self.folder = Path(folder)
        self.previous_folder = previous_folder
        self.previous = previous or Manifest()
        self.compress = compress
        self.entries: dict[str, Entry] = {}
        self.reused = 0
        self.written = 0
        self._folders: set[Path] = set()

    # -- the previous site ---------------------------------------------------------------------------
    def previous_entry(self, rel: str) -> Entry | None:
        """The previous build's entry for `rel` while its file is still the one that build wrote."""
        old = self.previous.entries.get(rel)
        if old is None or self.previous_folder is None:
            return None
        try:
            st = os.stat(self.previous_folder / rel)
        except OSError:
            return None
        return old if (st.st_size, st.st_mtime_ns, st.st_ino) == (old.size, old.mtime_ns, old.ino) else None

    def reuse(self, rel: str, key: str) -> bool:
        """Take the previous site's `rel` (and its `.gz`) when it was made from the same `key`
        (or keep what this build wrote already from the same key)."""
        if (done := self.entries.get(rel)) is not None and done.key == key:
            return True
        old = self.previous_entry(rel)
        if old is None or old.key != key:
            return False
        self._link(rel, old)
        self._twin(rel, old.digest, None)
        self.reused += 1
        return True

    # -- writing -------------------------------------------------------------------------------------
    def write(self, rel: str, data: bytes, key: str | None = None) -> None:
        """Write `data` as the site's `rel` (made from `key`; the content itself when None)."""
        found = digest(data)
        key = key or found
        if (done := self.entries.get(rel)) is not None and done.digest == found:
            self.entries[rel] = Entry(found, key, done.size, done.mtime_ns, done.ino)
            return                          # written already by this build (the preview's quick look)
        old = self.previous_entry(rel)
        if old is not None and old.digest == found:
            self._link(rel, Entry(found, key, old.size, old.mtime_ns, old.ino))
            self.reused += 1
        else:
            self.entries[rel] = self._new_file(rel, data, found, key)
            self.written += 1
        self._twin(rel, found, data)

    def write_text(self, rel: str, text: str, key: str | None = None) -> None:
        self.write(rel, text.encode("utf-8"), key)

    def copy(self, rel: str, source: Path) -> None:
        """The site's `rel` is a copy of the file `source` (an asset, an attachment)."""
        st = os.stat(source)
        key = f"file:{os.path.abspath(source)}:{st.st_size}:{st.st_mtime_ns}"
        if not self.reuse(rel, key):
            self.write(rel, Path(source).read_bytes(), key)

    def adopt(self) -> None:
        """Record the files that others wrote straight into the folder (a plugin's own output),
        so that the manifest lists every file and text files get their `.gz` too."""
        for path in sorted(p for p in self.folder.rglob("*") if p.is_file()):
            rel = path.relative_to(self.folder).as_posix()
            if rel in self.entries or rel.endswith(".gz") and rel[:-3] in self.entries:
                continue
            data = path.read_bytes()
            st = path.stat()
            found = digest(data)
            self.entries[rel] = Entry(found, found, st.st_size, st.st_mtime_ns, st.st_ino)
            self._twin(rel, found, data)

    def manifest(self) -> Manifest:
        return Manifest(dict(self.entries))

    # -- internals -----------------------------------------------------------------------------------
    def _twin(self, rel: str, found: str, data: bytes | None) -> None:
        """The `.gz` of a text file: linked when the previous site has it for the same content."""
        twin, key = rel + ".gz", "gz:" + found
        if not self.compress or not rel.endswith(COMPRESSED_SUFFIXES) or twin in self.entries:
            return                      # (sitemap.xml.gz is written as MkDocs writes it)
        old = self.previous_entry(twin)
        if old is not None and old.key == key:
            self._link(twin, old)
            return
        if data is None:
            data = (self.folder / rel).read_bytes()
        packed = gzip_bytes(data)
        self.entries[twin] = self._new_file(twin, packed, digest(packed), key)

    def _new_file(self, rel: str, data: bytes, found: str, key: str) -> Entry:
        path = self.folder / rel
        self._parent(path)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        st = os.stat(path)
        return Entry(found, key, st.st_size, st.st_mtime_ns, st.st_ino)

    def _link(self, rel: str, old: Entry) -> None:
        """Hard-link the previous site's file (copied where the file system cannot link)."""
        assert self.previous_folder is not None
        source, path = self.previous_folder / rel, self.folder / rel
        self._parent(path)
        try:
            os.link(source, path)                   # a new folder: the name is free
            self.entries[rel] = Entry(old.digest, old.key, old.size, old.mtime_ns, old.ino)
            return
        except FileExistsError:
            pass
        except OSError:
            pass
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copy2(source, tmp)
        os.replace(tmp, path)
        st = os.stat(path)
        self.entries[rel] = Entry(old.digest, old.key, st.st_size, st.st_mtime_ns, st.st_ino)

    def _parent(self, path: Path) -> None:
        folder = path.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
