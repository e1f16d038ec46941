"""`python -m generator` runs the rolebook command."""

from .cli import main

main()
