"""The user's choice of knowledge packs: which folders to open, in order, and whether the
pack bundled with the app is among them (no Qt; the GUI's Packs dialog edits it).

`describe` reads a folder's ``pack.yaml`` only (never its entities), so listing packs stays
cheap however large a pack is. `PackSetEditor` applies the user's edits one by one and
refuses the ones that would open the same pack twice, with a message naming both folders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

KINDS = ("reviewed", "imported")
"""A reviewed pack was checked by clinicians for this app; an imported one is a converted
ontology, shown as its authors published it."""
DEFAULT_KIND = "reviewed"
CHANGELOG = "CHANGELOG.md"
MAX_CHANGELOG_BYTES = 2 * 1024 * 1024


class PackFolderProblem(Exception):
    """A folder that cannot be listed as a pack; the message names the file (and line)."""


@dataclass(frozen=True, slots=True)
class PackInfo:
    """What ``pack.yaml`` says about a pack, read without loading its entities."""

    folder: Path
    id: str
    name: str
    version: str
    kind: str = DEFAULT_KIND
    last_reviewed: str = ""
    description: str = ""
    has_changelog: bool = False

    @property
    def title(self) -> str:
        """"Hemifacial spasm 1.1.0": the name and version a reader recognises."""
        return f"{self.name} {self.version}".strip()

    @property
    def kind_label(self) -> str:
        return self.kind.capitalize()


def describe(folder: Path) -> PackInfo:
    """The pack in ``folder``, from its ``pack.yaml`` (and whether it has a changelog).

    Raises PackFolderProblem naming the file and line when the folder is missing, holds no
    ``pack.yaml``, or that file is not readable YAML with an id, a name and a version.
    """
    from .pack.yamlread import LocMap, YamlProblem, read_yaml  # YAML loads on first use

    folder = Path(folder)
    if not folder.is_dir():
        raise PackFolderProblem(f"no folder at {folder}")
    meta_file = folder / "pack.yaml"
    if not meta_file.is_file():
        raise PackFolderProblem(f"{folder} is not a knowledge pack: it has no pack.yaml")
    display = str(meta_file)
    try:
        data = read_yaml(meta_file, display).data
    except YamlProblem as problem:
        raise PackFolderProblem(str(problem)) from None
    if not isinstance(data, LocMap):
        raise PackFolderProblem(f"{display}:1: pack.yaml must be a mapping of fields "
                                "(id, name, version, ...)")

    def text(key: str, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                raise PackFolderProblem(f"{data.loc}: pack.yaml has no '{key}'")
            return ""
        if not isinstance(value, str):
            raise PackFolderProblem(f"{data.key_locs[key]}: '{key}' must be plain text")
        value = " ".join(value.split())
        if required and not value:
            raise PackFolderProblem(f"{data.key_locs[key]}: '{key}' is empty")
        return value

    pack_id = text("id", required=True)
    if "/" in pack_id or any(c.isspace() for c in pack_id):
        raise PackFolderProblem(f"{data.key_locs['id']}: the pack id '{pack_id}' may not "
                                "contain '/' or spaces (it prefixes the ids of its pages)")
    kind = text("kind") or DEFAULT_KIND
    if kind not in KINDS:
        raise PackFolderProblem(f"{data.key_locs['kind']}: 'kind' must be "
                                f"{' or '.join(KINDS)}, not '{kind}'")
    return PackInfo(folder=folder, id=pack_id, name=text("name", required=True),
                    version=text("version", required=True), kind=kind,
                    last_reviewed=text("last_reviewed"), description=text("description"),
                    has_changelog=(folder / CHANGELOG).is_file())


def read_changelog(info: PackInfo) -> str:
    """The pack's CHANGELOG.md as text ("" when it has none or it cannot be read)."""
    path = info.folder / CHANGELOG
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_CHANGELOG_BYTES + 1)
    except OSError:
        return ""
    text = raw[:MAX_CHANGELOG_BYTES].decode("utf-8", errors="replace")
    if len(raw) > MAX_CHANGELOG_BYTES:
        text += "\n\n(The rest of the changelog is not shown: the file is too long.)\n"
    return text


# -- versions ---------------------------------------------------------------------------

_NUMBERS = re.compile(r"\d+")


def _version_key(version: str) -> tuple[int, ...] | None:
    parts = re.split(r"[.\-+_ ]", version.strip().lstrip("vV"))
    numbers = [int(p) for p in parts if _NUMBERS.fullmatch(p)]
    return tuple(numbers) if numbers and len(numbers) == len(parts) else None


def compare_versions(new: str, old: str) -> int | None:
    """-1, 0 or 1 as ``new`` is older than, the same as or newer than ``old`` ("1.10.0" is
    newer than "1.9.0"); None when either is not a dotted number, such as a release date
    written another way."""
    if new.strip() == old.strip():
        return 0
    a, b = _version_key(new), _version_key(old)
    if a is None or b is None:
        return None
    width = max(len(a), len(b))
    a, b = a + (0,) * (width - len(a)), b + (0,) * (width - len(b))
    return (a > b) - (a < b)


def version_change(new: PackInfo, old: PackInfo) -> Notice:
    """What replacing ``old`` by ``new`` does to the version, in a sentence."""
    order = compare_versions(new.version, old.version)
    name = new.name
    if order == 1:
        return Notice(f"{name}: version {new.version} is newer than the open {old.version}.")
    if order == -1:
        return Notice(f"{name}: version {new.version} is older than the open {old.version}. "
                      "Keep the newer copy unless you mean to go back.", warning=True)
    if order == 0:
        return Notice(f"{name}: the same version {new.version} as the open copy.")
    return Notice(f"{name}: version {new.version} replaces {old.version} (the two cannot "
                  "be compared; check the changelog).", warning=True)


# -- the chosen set ---------------------------------------------------------------------

def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def unique_folders(folders: Iterable[Path]) -> tuple[Path, ...]:
    """The folders in order, each once (the same folder written two ways counts once)."""
    kept: list[Path] = []
    for folder in folders:
        if not any(_same_folder(folder, seen) for seen in kept):
            kept.append(folder)
    return tuple(kept)


@dataclass(frozen=True, slots=True)
class PackSet:
    """The packs to open: the bundled one first when included, then the user's folders."""

    folders: tuple[Path, ...] = ()
    include_bundled: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "folders", unique_folders(Path(f) for f in self.folders))

    def open_folders(self, bundled: Path | None) -> list[Path]:
        """Every folder to open, in order (a user folder that is the bundled one counts once)."""
        first = [bundled] if self.include_bundled and bundled is not None else []
        return list(unique_folders([*first, *self.folders]))

    def to_strings(self) -> list[str]:
        """The folders as plain strings, for the settings file."""
        return [str(folder) for folder in self.folders]

    @classmethod
    def from_strings(cls, folders: Sequence[str], include_bundled: bool = True) -> PackSet:
        return cls(tuple(Path(f) for f in folders if f.strip()), include_bundled)


def readable_folders(folders: Sequence[Path]) -> list[Path]:
    """The folders that hold a pack now (a USB stick taken out leaves its folder out)."""
    return [folder for folder in folders if (folder / "pack.yaml").is_file()]


@dataclass(frozen=True, slots=True)
class Notice:
    """A sentence for the user after an edit; ``warning`` when it deserves a second look."""

    text: str
    warning: bool = False


class PackSetRefused(Exception):
    """An edit that would leave the set wrong (the same pack twice, not a pack); the set is
    unchanged and the message says why."""


@dataclass(slots=True)
class PackEntry:
    """One chosen folder, with its pack's description or why it cannot be read now (a USB
    stick taken out): kept either way, so nothing the user chose is lost."""

    folder: Path
    info: PackInfo | None
    problem: str = ""
    bundled: bool = False

    @property
    def pack_id(self) -> str | None:
        return self.info.id if self.info is not None else None


Describe = Callable[[Path], PackInfo]


@dataclass(slots=True)
class PackSetEditor:
    """Applies add, replace, remove and the bundled switch to a set, refusing any edit that
    would open one pack twice. ``entries`` lists the bundled pack first when included."""

    bundled: Path | None
    include_bundled: bool = True
    user: list[PackEntry] = field(default_factory=list)
    bundled_entry: PackEntry | None = None
    describe_folder: Describe = describe

    @classmethod
    def start(cls, chosen: PackSet, bundled: Path | None,
              describe_folder: Describe = describe) -> PackSetEditor:
        editor = cls(bundled=bundled, include_bundled=chosen.include_bundled,
                     describe_folder=describe_folder)
        if bundled is not None:
            editor.bundled_entry = replace(editor._entry(bundled), bundled=True)
        editor.user = [editor._entry(folder) for folder in chosen.folders
                       if bundled is None or not _same_folder(folder, bundled)]
        return editor

    def _entry(self, folder: Path) -> PackEntry:
        try:
            return PackEntry(folder, self.describe_folder(folder))
        except PackFolderProblem as problem:
            return PackEntry(folder, None, str(problem))

    @property
    def entries(self) -> list[PackEntry]:
        first = [self.bundled_entry] if self.include_bundled and self.bundled_entry else []
        return [*first, *self.user]

    def result(self) -> PackSet:
        return PackSet(tuple(e.folder for e in self.user), self.include_bundled)

    def _holder_of(self, pack_id: str, besides: PackEntry | None = None) -> PackEntry | None:
        for entry in self.entries:
            if entry is not besides and entry.pack_id == pack_id:
                return entry
        return None

    def _read(self, folder: Path) -> PackInfo:
        try:
            return self.describe_folder(folder)
        except PackFolderProblem as problem:
            raise PackSetRefused(f"Not opened: {problem}") from None

    def _refuse_twice(self, info: PackInfo, besides: PackEntry | None = None) -> None:
        for entry in self.entries:
            if entry is not besides and _same_folder(entry.folder, info.folder):
                raise PackSetRefused(f"{info.folder} is already open.")
        holder = self._holder_of(info.id, besides)
        if holder is not None:
            raise PackSetRefused(
                f"The pack “{info.id}” is already open from {holder.folder}; "
                f"{info.folder} holds the same pack (version {info.version}). "
                "Use Replace… to swap one copy for the other.")

    def add(self, folder: Path) -> Notice:
        """Add the pack in ``folder`` after the others."""
        info = self._read(folder)
        self._refuse_twice(info)
        self.user.append(PackEntry(info.folder, info))
        return Notice(f"Added {info.title} ({info.kind}).")

    def replace(self, entry: PackEntry, folder: Path) -> Notice:
        """Swap ``entry`` for another copy of the same pack (a newer one from a USB stick).

        Replacing the bundled pack leaves it out and opens the copy first, in its place.
        """
        info = self._read(folder)
        self._refuse_twice(info, besides=entry)
        old = entry.info
        if old is not None and old.id != info.id:
            raise PackSetRefused(
                f"{info.folder} holds another pack (“{info.id}”, {info.name}), not "
                f"“{old.id}”. Use Add pack… to open it beside the others.")
        new_entry = PackEntry(info.folder, info)
        if entry.bundled:
            self.include_bundled = False
            self.user.insert(0, new_entry)
        else:
            self.user[self.user.index(entry)] = new_entry
        if old is None:
            return Notice(f"{info.title} replaces the unreadable {entry.folder}.")
        return version_change(info, old)

    def remove(self, entry: PackEntry) -> Notice:
        if entry.bundled:
            self.include_bundled = False
        else:
            self.user.remove(entry)
        name = entry.info.title if entry.info is not None else str(entry.folder)
        return Notice(f"Removed {name}.")

    def set_include_bundled(self, include: bool) -> Notice | None:
        """Include or leave out the bundled pack; refused when a copy of it is open."""
        if include == self.include_bundled:
            return None
        entry = self.bundled_entry
        if include and entry is not None and entry.pack_id is not None:
            holder = self._holder_of(entry.pack_id, besides=entry)
            if holder is not None:
                raise PackSetRefused(
                    f"The bundled pack “{entry.pack_id}” ({self.bundled}) is already open "
                    f"from {holder.folder}. Remove that copy first to use the bundled one.")
        self.include_bundled = include
        return None
