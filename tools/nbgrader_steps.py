"""generate_assignment, autograde (every submitted student) and generate_feedback of one assignment, in one process.

    python -m tools.nbgrader_steps NAME        # run in a course directory that has nbgrader_config.py

The same nbgrader apps (`GenerateAssignment`, `Autograde`, `GenerateFeedback`) the `nbgrader` command line runs,
with the course's nbgrader_config.py, but started once: a process start with nbgrader, nbformat and the grading
package imported costs about 3.5 CPU-seconds, paid three times per unit by three commands (tools/gradecheck.py).
Prints one JSON line {"generate": s, "autograde": s, "feedback": s, "ok": {...}}; each app's log goes to stderr.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    name = (argv if argv is not None else sys.argv[1:])[0]
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    course = Path.cwd()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    api = NbGraderAPI(config=config)
    seconds, ok = {}, {}
    for step, call in (("generate", lambda: api.generate_assignment(name, force=True)),
                       ("autograde", lambda: api.autograde(name, "*", force=True)),
                       ("feedback", lambda: api.generate_feedback(name, force=True))):
        t = time.perf_counter()
        result = call()
        seconds[step] = time.perf_counter() - t
        ok[step] = bool(result.get("success"))
        sys.stderr.write(f"\n$ nbgrader {step} {name}\n{result.get('log', '')}{result.get('error', '') or ''}\n")
        sys.stderr.flush()
    print(json.dumps({**seconds, "ok": ok}))
    return 0 if all(ok.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
