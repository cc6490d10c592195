"""frontier-lint: find launches of forbidden LLM command-line agents in Python code."""

__version__ = "0.1.0"
