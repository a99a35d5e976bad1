from doorbraak.cli import main

raise SystemExit(main())
