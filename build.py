#!/usr/bin/env python3
"""Build the annotated reading edition: `python build.py --help`."""
import sys

from edition.cli import main

if __name__ == "__main__":
    sys.exit(main())
