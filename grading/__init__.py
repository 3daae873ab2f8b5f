"""The course's grading package: sandboxed autograde, the out-of-process judge, scans and reports.

Public API (each also a command, see docs/GRADING.md):

- ``grading.env.KERNEL_ENV``: the one place that writes the grading kernel's environment.
- ``grading.judge``: hidden tests run in a clean judge process; student code runs in its own kernel.
"""
