"""Maintainer tools for the course (not shipped to students' kernels)."""
