"""`python -m helpers doctor`: check the course environment."""
from __future__ import annotations

import sys

from .doctor import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] in ([], ["doctor"]):
        sys.exit(main(args[1:]))
    print("사용법: python -m helpers doctor", file=sys.stderr)
    sys.exit(2)
