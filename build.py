"""Thin entry point: `python build.py [ARGS]` runs the nashr CLI (no sub-command means `build`)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from nashr.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:], default_command="build"))
