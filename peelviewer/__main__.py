"""`python -m peelviewer`."""

import sys

from peelviewer.app import main

sys.exit(main())
