"""`python -m nashr` runs the CLI."""
from nashr.cli import main

raise SystemExit(main())
