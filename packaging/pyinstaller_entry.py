"""Entry script of the PyInstaller bundle: the app's main(), after any spawned child's work."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A PDF reader child started with "spawn" re-runs this executable: freeze_support()
    # runs its task and exits, before the app (and Qt) is imported.
    multiprocessing.freeze_support()
    from peelviewer.app import main

    sys.exit(main())
