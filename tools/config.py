"""Read course.toml: the course's public address and its units (the registry every loop over units reads)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Unit:
    number: str
    slug: str
    title: str
    status: str
    min_exercises: int = 5

    @property
    def name(self) -> str:
        """Assignment / notebook name, e.g. '04_tensors'."""
        return f"{self.number}_{self.slug}"


@lru_cache(maxsize=None)
def load(path: Path = ROOT / "course.toml") -> dict:
    """The parsed course.toml."""
    with open(path, "rb") as f:
        return tomllib.load(f)


def units() -> list[Unit]:
    """Units in course order."""
    return [Unit(u["number"], u["slug"], u["title"], u.get("status", ""), int(u.get("min_exercises", 5))) for u in load()["units"]]


def unit_by_name(name: str) -> Unit:
    """The unit for a notebook name like '04_tensors'."""
    for u in units():
        if u.name == name:
            return u
    raise KeyError(f"{name} is not listed in course.toml [[units]]")


def repo_url() -> str:
    """https address of the public (student) repository."""
    r = load()["repository"]
    return f"https://github.com/{r['owner']}/{r['name']}.git"


def colab_url(relpath: str) -> str:
    """Colab address opening `relpath` (a notebook path inside the repository) from GitHub."""
    r = load()["repository"]
    return f"https://colab.research.google.com/github/{r['owner']}/{r['name']}/blob/{r['branch']}/{relpath}"


def unit_names() -> list[str]:
    """'NN_slug' of every unit, in course order (the loop list of the Makefile, tests and tools)."""
    return [u.name for u in units()]


if __name__ == "__main__":  # python -m tools.config names  -> one unit name per line (used by the Makefile)
    import sys

    if sys.argv[1:] != ["names"]:
        sys.exit("usage: python -m tools.config names")
    print("\n".join(unit_names()))
