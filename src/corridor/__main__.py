from corridor.cli import main

raise SystemExit(main())
