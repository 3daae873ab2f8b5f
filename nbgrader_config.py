"""nbgrader configuration for the course (read by every `nbgrader` command and by formgrader).

Start JupyterLab / nbgrader from this folder (`make lab`, `make grade`): CourseDirectory.root is here.
Every choice below answers a trap reproduced on this stack (see ../shared/TOOLCHAIN.md and docs/GRADING.md).
"""
import os
import sys

c = get_config()  # noqa: F821 - provided by nbgrader/traitlets

ROOT = os.path.dirname(os.path.abspath(__file__))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)  # makes grading.nbext importable by name below

# The grading kernel's environment lives in grading/env.py and is given only to grading kernels (the sandboxed
# grader and the self-check set it on the nbgrader process they start). This file never changes os.environ:
# formgrader loads it inside the lab's Jupyter server, and a student's kernels must keep plots and progress bars.

c.CourseDirectory.course_id = "pytorch-dl-kr"
c.CourseDirectory.root = ROOT
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, "gradebook.db")
# Never copy caches, checkpoints or trained weights into release/ or feedback/.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.pth", "*.onnx", "*.onnx.data"]

# A writable exchange inside the course (the default /usr/local/share/nbgrader/exchange is not).
c.Exchange.root = os.path.join(ROOT, ".exchange")
os.makedirs(c.Exchange.root, exist_ok=True)

# Student stub shown in release/ instead of the solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE (여기에 코드를 작성하세요)\nraise NotImplementedError()"}

# Torch notebooks: kernel start + `import torch` alone take seconds; training cells take tens of seconds.
c.Execute.timeout = 300
c.Execute.startup_timeout = 120
# Minimal tracebacks: a failing hidden assert shows only its (Korean) message, never its source lines.
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]

# A deleted or metadata-stripped test cell is put back and run (else it is only flagged).
c.OverwriteCells.add_missing_cells = True

# Drop every stderr stream (warnings, progress bars) before grading: errors are 'error' outputs and still count.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?s)."

# nbgrader's LimitOutput counts lines only; also cap characters (a single 20 MB line would pass).
c.Autograde.autograde_preprocessors = [
    "grading.execute.JudgedExecute",  # test cells judged out of process (grading/judge.py)
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "grading.nbext.LimitOutputChars",
    "nbgrader.preprocessors.SaveAutoGrades",
    # After scoring: what formgrader shows has no active content and no hidden-test text in outputs.
    "grading.nbext.SanitizeOutputs",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Feedback never shows hidden tests or the mark scheme (strings, not classes: formgrader serialises config).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "grading.nbext.MinimalTracebacks",
    # No active content (scripts, handlers, javascript: URLs, iframes, widgets) and no hidden-test line in any
    # output, whatever the student's code printed or raised.
    "grading.nbext.SanitizeOutputs",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# `nbgrader export`: CSV cells a spreadsheet would run as formulas (a grade_id starting with '=') get a quote.
c.ExportApp.plugin_class = "grading.nbext.SafeCsvExportPlugin"
