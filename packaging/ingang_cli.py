"""Ingang van `doorbraak` in de bundel: de opdrachtregel, zoals het script `doorbraak`."""

import sys

from doorbraak.cli import main

if __name__ == "__main__":
    sys.exit(main())
