"""Run where the pinned requirements are: in this Python if it has them, else in .venv/.

`python3 build.py` and `python3 build.py test` each set themselves up: on a machine whose
Python lacks the pinned packages (Debian's and Ubuntu's system Python refuse `pip install`,
PEP 668), the first run makes a virtual environment in the project's .venv/, installs the
pinned requirements into it from PyPI, and runs the command again from there. Where the
system's venv has no pip (Debian without python3-venv), pip itself comes from PyPI as a wheel,
checked against its published hash. Standard library only: it runs before anything is installed.
"""
from __future__ import annotations

import hashlib
import os
import re
import sys
from pathlib import Path

VENV = ".venv"
PIP = "26.3"                               # the pip a venv without one is given
_PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;#]+)")


class SetupFailed(Exception):
    pass


def pins(path: Path) -> list:
    """[(name, version)] pinned in a requirements file, following `-r other.txt`."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("-r "):
            found += pins(path.parent / line[3:].strip())
        elif (match := _PIN.match(line)):
            found.append(match.groups())
    return found


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def installed(wanted, paths=None) -> bool:
    """True if every pinned (name, version) is installed on this Python's path (its .dist-info
    folder is there): a listing of a few folders, not an import of every package."""
    have = set()
    for folder in paths if paths is not None else sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and "-" in name:
                project, version = name[: -len(".dist-info")].rsplit("-", 1)
                have.add((_normal(project), version))
    return all((_normal(name), version) in have for name, version in wanted)


def ensure(root: Path, requirements: str, argv: list) -> None:
    """Return if this Python has the requirements; else set up .venv/ and run argv again there."""
    path = root / requirements
    wanted = pins(path)
    if installed(wanted):
        return
    folder = root / VENV
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    inside = Path(sys.prefix).resolve() == folder.resolve()
    try:
        if not (python.is_file() and installed(wanted, _site_packages(folder))):
            _set_up(folder, python, path)
    except Exception as exc:  # noqa: BLE001 — whatever stopped it, the editor gets the way to do it by hand
        print(f"error: could not set up {VENV}/ with {requirements} ({exc}); make it by hand: "
              f"python3 -m venv {VENV} && {VENV}/bin/pip install -r {requirements}", file=sys.stderr)
        raise SystemExit(2)
    if not inside:
        os.execv(str(python), [str(python), *argv])


def _site_packages(folder: Path) -> list:
    return [str(p) for p in (*folder.glob("lib/python*/site-packages"), folder / "Lib" / "site-packages")]


def _set_up(folder: Path, python: Path, requirements: Path) -> None:
    import importlib.util
    import subprocess
    import venv
    print(f"setting up {VENV}/ with the pinned {requirements.name} (once; later runs start at once)…",
          file=sys.stderr, flush=True)
    if not python.is_file():
        # Debian's Python without python3-venv has no ensurepip (and its venv then exits the
        # process with advice to install it): make the venv without pip, and bring pip in below.
        has_ensurepip = importlib.util.find_spec("ensurepip") is not None
        try:
            venv.create(folder, with_pip=has_ensurepip)
        except (subprocess.CalledProcessError, OSError, SystemExit):
            venv.create(folder, with_pip=False, clear=True)
    if subprocess.run([str(python), "-m", "pip", "--version"], capture_output=True).returncode != 0:
        _install_pip(folder, python)
    done = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "-r", str(requirements)], stdout=sys.stderr)
    if done.returncode != 0:
        raise SetupFailed(f"pip could not install {requirements.name}; see its messages above")


def _install_pip(folder: Path, python: Path) -> None:
    """pip into a venv that has none: its wheel from PyPI, checked against PyPI's sha256."""
    import json
    import subprocess
    import urllib.parse
    import urllib.request
    listing = "https://pypi.org/pypi/pip/json"
    with urllib.request.urlopen(listing, timeout=60) as answer:
        files = json.load(answer)["releases"].get(PIP, [])
    wheel = next((f for f in files if f["filename"].endswith("-py3-none-any.whl")), None)
    if wheel is None:
        raise SetupFailed(f"PyPI lists no wheel of pip {PIP}")
    # a mirror may give the address relative to the listing
    with urllib.request.urlopen(urllib.parse.urljoin(listing, wheel["url"]), timeout=120) as answer:
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        raise SetupFailed("the pip wheel from PyPI does not match its published sha256")
    target = folder / wheel["filename"]
    target.write_bytes(data)
    try:
        # A wheel is a zip that Python can run from: pip installs itself from its own wheel.
        done = subprocess.run([str(python), f"{target}/pip", "install", "--quiet", "--no-index", str(target)],
                              stdout=sys.stderr)
        if done.returncode != 0:
            raise SetupFailed("pip could not install itself from its wheel")
    finally:
        target.unlink(missing_ok=True)
