"""Statements that bind a name to a definition: `def`, `class`, and imports.

At module level a `def` or `class` binds a reference to the project definition (a function
defined by module-level code as it runs is registered with the analyzer); in a class body, a
reference to the member; in a function, a nested function runs with the arguments of each call
made there (`calls.call_local`), and once more at the end with its parameters unknown if it is
never called there (passed out, registered as a callback). Imports bind module references or
names looked up in their module when first used (`LazyImport`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import TOO_DEEP_NESTED, LazyImport, LocalFunc
from frontier_lint.dataflow.refs import ClassRef, ExternalRef, FuncRef, ModuleRef
from frontier_lint.dataflow.summaries import FuncDef, param_nodes
from frontier_lint.dataflow.values import Ref, Value, unknown
from frontier_lint.frontend.syntax import (
    block,
    declared,
    dotted,
    local_names,
    names_in,
    stores_in,
)
from frontier_lint.lazy_regex import lazy_compile

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame


def function_def(f: Frame, node: cst.FunctionDef) -> None:
    name = node.name.value
    if f.module_level:
        fid = FuncId(f.func.path, name)
        f.env[name] = FuncRef(trace=(), func=fid)
        fd = FuncDef(fid, f.func.path, name, node, block(node.body), f.piece)
        f.defined.append(fd)
        f.analyzer.define(fd)
    elif f.class_body:
        f.env[name] = FuncRef(trace=(), func=FuncId(f.func.path, f"{f.func.qualname}.{name}"))
    else:
        # A nested function: its body runs with the arguments of each call made here
        # (`calls.call_local`); one it is never called with here (passed out, registered as
        # a callback) is analysed as if its launches were here, its parameters unknown
        # (`finish_nested`). Run once now, quietly, for what it stores on `self`.
        f.env[name] = unknown(f"nested function {name}")
        # (It may run after the method changed `self`: it reads the instance.)
        env = f.without_stored_on_self(f.env)
        f.nested.append((node, tuple(env.items())))
        with f.quietly():
            run_nested(f, node, dict(env))
        f.env[name] = LocalFunc(
            trace=(), node=node, func=f.func.id, env=tuple(env.items()), piece=f.piece
        )
        _nonlocal_writes(f, node)


def _nonlocal_writes(f: Frame, node: cst.FunctionDef) -> None:
    """A nested function assigning a local of this one through `nonlocal` (`def use_codex():
    nonlocal binary; binary = "codex"`) may have run before any later read of it: what it
    assigns is an alternative there (computed from its own locals: not known)."""
    for local in sorted(declared(node, cst.Nonlocal)):
        stores = stores_in(node, local)
        inner = local_names(node, stores)
        writes: list[Value] = []
        for target, rhs in stores.found:
            where = f"nested function {node.name.value}()"
            if rhs is None or inner & names_in(rhs):
                writes.append(unknown(f"`{local}` is assigned in {where} through `nonlocal`"))
                continue
            with f.quietly():
                got = f.eval(rhs)
            note = f"{local} assigned in {where} (nonlocal) as {{code}}"
            writes.append(
                got.with_hop(f.hop(target, note, rhs)) if not isinstance(got, Ref) else got
            )
        if writes:
            if f.volatile is None:
                f.volatile = {}
            f.volatile.setdefault(local, []).extend(writes)


def class_def(f: Frame, node: cst.ClassDef) -> None:
    name = node.name.value
    if f.module_level:
        f.env[name] = ClassRef(trace=(), cls=FuncId(f.func.path, name))
    elif f.class_body:
        f.env[name] = ClassRef(trace=(), cls=FuncId(f.func.path, f"{f.func.qualname}.{name}"))
    else:
        f.env[name] = unknown(f"local class {name}")
        # Its methods (and its nested classes') are not followed where called: their launches
        # are analysed as those of nested functions never called here (`finish_nested`), with
        # their parameters (`self` too) unknown.
        env = tuple(f.env.items())
        todo = [node]
        while todo:
            for st in block(todo.pop().body):
                if isinstance(st, cst.FunctionDef):
                    f.nested.append((st, env))
                elif isinstance(st, cst.ClassDef):
                    todo.append(st)


def import_statement(f: Frame, node: cst.Import) -> None:
    for alias in node.names:
        module = dotted(alias.name)
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            f.env[alias.asname.name.value] = _module_ref(f, module, 0)
        else:
            top = module.split(".")[0]
            f.env[top] = _module_ref(f, top, 0)


def module_ref(f: Frame, dotted: str) -> Value:
    """What an absolute import of `dotted` binds (`importlib.import_module("subprocess")` is
    `import subprocess` done at run time)."""
    return _module_ref(f, dotted, 0)


def _module_ref(f: Frame, dotted: str, level: int) -> Value:
    if not level and dotted.split(".")[0] in f.analyzer.sink_modules:
        # A project file named like a sink's module (a vendored `subprocess.py`) does not
        # hide the real one: launches through it must still be seen.
        return ExternalRef(trace=(), name=dotted)
    if level:
        target = f.analyzer.project.resolve_relative(dotted, level, f.func.path)
    else:
        target = f.analyzer.project.resolve_absolute(dotted, f.func.path)
    if target is not None:
        return ModuleRef(trace=(), path=target)
    if level:
        return unknown(f"relative import {'.' * level}{dotted} not found in the project")
    return ExternalRef(trace=(), name=dotted)


def import_from(f: Frame, node: cst.ImportFrom) -> None:
    level = len(node.relative)
    modname = dotted(node.module) if node.module is not None else ""
    base = _module_ref(f, modname, level)
    if isinstance(node.names, cst.ImportStar):
        if isinstance(base, ModuleRef):
            f.star_imports.append(base.path)
        elif isinstance(base, ExternalRef):
            # `from subprocess import *`: the library module's sinks by their own names (`run`,
            # `Popen`); its other names are not known here, as before.
            prefix = f"{base.name}."
            for sink in f.analyzer.sinks:
                rest = sink[len(prefix) :] if sink.startswith(prefix) else ""
                if rest and "." not in rest and not rest.startswith("_"):
                    f.env[rest] = ExternalRef(trace=(), name=sink)
        return
    for alias in node.names:
        name = dotted(alias.name)
        local = name
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            local = alias.asname.name.value
        if isinstance(base, ModuleRef) and base.path.endswith(".py"):
            sub = f.analyzer.project.submodule(base.path, name)
            if sub is None and _has_module_getattr(f, base.path):
                # A module with a `__getattr__` (PEP 562): a name it lacks is what the hook
                # gives for it, called here (`attributes.of_module`).
                f.env[local] = f.attr_of(base, name, alias)
                continue
            f.env[local] = (
                ModuleRef(trace=(), path=sub)
                if sub is not None
                else LazyImport(trace=(), module=base.path, name=name)
            )
        else:
            f.env[local] = f.attr_of(base, name, alias)


_MODULE_GETATTR = lazy_compile(rb"^def[ \t]+__getattr__[ \t]*\(", re.M)


def _has_module_getattr(f: Frame, path: str) -> bool:
    """Whether module `path` defines a top-level `__getattr__` (by its text), once per module
    (the files do not change during a run)."""
    known = f.analyzer.module_getattr
    got = known.get(path)
    if got is None:
        data = f.analyzer.project.raw(path)
        got = known[path] = b"__getattr__" in data and _MODULE_GETATTR.search(data) is not None
    return got


def run_nested(
    f: Frame, node: cst.FunctionDef, env: dict[str, Value], why: str | None = None
) -> None:
    """A nested function's body with its parameters unknown (for reason `why`, else as a
    function nothing here calls), in the scope `env`."""
    name = node.name.value
    for p in param_nodes(node.params):
        env[p.name.value] = unknown(why or f"parameter `{p.name.value}` of nested function {name}")
    saved, saved_returns = f.env, f.returns
    f.env, f.returns = env, []
    try:
        f.run(block(node.body))
    finally:
        f.env, f.returns = saved, saved_returns


def finish_nested(f: Frame) -> None:
    """Nested functions this function never called: their launches as if they were here."""
    i = 0
    while i < len(f.nested):
        node, env = f.nested[i]
        i += 1
        if id(node) in f.nested_too_deep:
            # Called past the bound on nested calls: its launches with what it was given
            # unknown for that reason.
            run_nested(f, node, dict(env), TOO_DEEP_NESTED)
        elif id(node) not in f.called_nested:
            run_nested(f, node, dict(env))
