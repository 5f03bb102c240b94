"""`python -m peelviewer`."""

import sys

from peelviewer.app import main

# The guard matters: PDF reading spawns child processes, which import this module again.
if __name__ == "__main__":
    sys.exit(main())
