"""Ingang van `doorbraak-app` in de bundel: de desktopapp, zoals het gui-script `doorbraak-app`."""

import sys

from doorbraak.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
