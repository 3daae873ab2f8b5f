"""`python -m helpers doctor` (check the environment) and `python -m helpers submit 04` (hand in unit 04)."""
from __future__ import annotations

import sys

USAGE = """사용법:
  python -m helpers doctor          환경 점검 (버전, 데이터, 한글 글꼴, 장치)
  python -m helpers submit 04       04 단원 과제를 실행해 확인하고 build/submit/04_주제.zip 으로 묶기
                                    (--file 경로.ipynb 로 파일 지정, --no-run 으로 실행 생략)"""

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] in ([], ["doctor"]):
        from .doctor import main

        sys.exit(main(args[1:]))
    if args[:1] == ["submit"]:
        from .submit import main as submit_main

        sys.exit(submit_main(args[1:]))
    print(USAGE, file=sys.stderr)
    sys.exit(2)
