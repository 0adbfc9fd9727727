#!/usr/bin/env python3
"""The edition's one command: `python3 build.py` builds it, `python3 build.py test` tests it
(`python3 build.py bench` runs the benchmark).

Each sets itself up on a fresh machine: without the pinned requirements in this Python, the
first run makes .venv/ and installs them there (see edition/environment.py).
`python3 build.py --help` lists the commands.
"""
import os
import sys
from pathlib import Path

from edition import environment

ROOT = Path(__file__).resolve().parent

if __name__ == "__main__":
    if sys.argv[1:2] == ["test"]:
        environment.ensure(ROOT, "requirements-dev.txt", [sys.argv[0], *sys.argv[1:]])
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "pytest", *sys.argv[2:]])
    if sys.argv[1:2] == ["bench"]:
        environment.ensure(ROOT, "requirements-dev.txt", [sys.argv[0], *sys.argv[1:]])
        os.execv(sys.executable, [sys.executable, str(ROOT / "bench" / "run.py"), *sys.argv[2:]])
    environment.ensure(ROOT, "requirements.txt", [sys.argv[0], *sys.argv[1:]])
    from edition.cli import main
    sys.exit(main())
