"""Library models: what a call or an attribute of the standard library or a framework means.

Teaching the resolver a library call is one edit in one of these modules:
- `builtins`: builtin names and functions (`str`, `list`, `super`, `getattr`), the methods of
  strings, dicts and lists, `functools.partial`.
- `stdlib`: functions that build program names and command lines (`os.getenv`, `os.path.join`,
  `shlex.split`, `shutil.which`, `pathlib.Path`, ...), the environment, and library objects
  whose value is known (`sys.executable`, `sys.argv`, `os.environ`).
- `classes`: what class declarations mean: generated constructors and their fields
  (dataclasses, attrs, pydantic, msgspec, NamedTuple), declared field defaults, enums,
  properties, abstract methods.
- `handoffs`: callables handed to threads, executors and event loops.
- `processes`: what a launch gives (the process, its stdout, the text it prints: the path a
  probe such as `which claude` prints names that program).
- `configured`: launch configurations an SDK or an MCP client reads (the rule pack's configured
  sinks).
- `commands`: command objects of sh and plumbum (the rule pack's `commands`): a program named by
  an attribute, a subscript key or a call's argument, run when the object is called.

A call of a library function by its dotted name goes to `CALLEE_MODELS` first (models that need
the frame: `super()`, `getattr`, field declarations), then is a sink of the rule pack and/or a
value model (`VALUE_MODELS`: a function of the arguments' values).
"""

from __future__ import annotations

from frontier_lint.dataflow.models import builtins, classes, cli_args, code, stdlib
from frontier_lint.dataflow.models.builtins import CalleeModel, ValueModel

VALUE_MODELS: dict[str, ValueModel] = {**builtins.MODELS, **stdlib.MODELS}
CALLEE_MODELS: dict[str, CalleeModel] = {
    **builtins.CALLEE_MODELS,
    **classes.CALLEE_MODELS,
    **code.CALLEE_MODELS,
    "argparse.ArgumentParser": cli_args.argument_parser,
}
