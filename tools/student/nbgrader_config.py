"""nbgrader configuration of the student distribution: only what the Validate button needs.

(The course repository's nbgrader_config.py configures grading; students never grade.)
"""
import os

c = get_config()  # noqa: F821 - provided by nbgrader/traitlets

ROOT = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "pytorch-dl-kr"
c.CourseDirectory.root = ROOT
c.CourseDirectory.release_directory = "release"
# Torch notebooks: kernel start + `import torch` take seconds; training cells take tens of seconds.
c.Execute.timeout = 300
c.Execute.startup_timeout = 120
# A failing test shows its (Korean) message without a long traceback.
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]
