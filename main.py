"""Start Doorbraak zoals het commando `doorbraak` dat doet."""

from doorbraak.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
