"""Hand-offs: a callable handed to a thread, an executor or an event loop runs with the
arguments handed along (`asyncio.to_thread(subprocess.run, cmd)`, `pool.submit(run, cmd)`,
`Thread(target=launch, args=(cmd,))`, `loop.run_in_executor(None, run, cmd)`).

Teaching the resolver a new hand-off is an entry in one of these tables.
"""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.lazy import LocalFunc
from frontier_lint.dataflow.refs import (
    ExternalRef,
    FuncRef,
    MethodRef,
    PartialRef,
    sink_or_partial,
)
from frontier_lint.dataflow.values import DictV, Seq, Splat, Value, alt, options
from frontier_lint.frontend.syntax import dotted

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame

# What a hand-off calls: a library function, a project function or method, a partial, a local
# function.
CALLABLES = (ExternalRef, FuncRef, MethodRef, PartialRef, LocalFunc)

# Hand-offs (`handoff`): method name -> how many arguments come before the callable.
HANDOFF_METHODS = {
    "submit": 0,  # concurrent.futures executors
    "run_in_executor": 1,  # loop.run_in_executor(executor, fn, *args)
    "call_soon": 0,
    "call_soon_threadsafe": 0,
    "call_later": 1,
    "call_at": 1,
    "callback": 0,  # contextlib.ExitStack: called with the arguments on exit
    "start_soon": 0,  # a trio nursery's, an anyio task group's: start_soon(fn, *args)
}

# Hand-offs by a method name most calls of which hand nothing on (`ctx.run(fn, *args)` of a
# `contextvars.Context`, `nursery.start(fn, *args)`, but also `subprocess.run(cmd)`,
# `thread.start()`): followed only when the argument is a callable as evaluated, never forced
# (forcing every `.run(x)`'s first argument would read values nothing else needs).
UNFORCED_HANDOFF_METHODS = {"run": 0, "start": 0}

# Hand-offs whose arguments for the callable come packed (`scheduler.enter(delay, priority,
# action, argument=(...), kwargs={...})`): method -> the callable's position.
PACKED_METHODS = {"enter": 2, "enterabs": 2}

HANDOFF_FUNCTIONS = {
    "asyncio.to_thread": 0,
    "anyio.to_thread.run_sync": 0,
    "trio.to_thread.run_sync": 0,
    "anyio.from_thread.run_sync": 0,
    "atexit.register": 0,  # called with the arguments at exit
    "weakref.finalize": 1,  # finalize(obj, func, *args): called when obj is collected
    "trio.run": 0,  # trio.run(async_fn, *args)
    "anyio.run": 0,
    "operator.call": 0,  # operator.call(fn, *args, **kwargs) is fn(*args, **kwargs) (3.11)
}

# Hand-offs whose (awaited) result is the callable's.
RESULT_HANDOFFS = frozenset(HANDOFF_FUNCTIONS)

# Maps: the callable runs with an item of each iterable (`map(subprocess.run, cmds)`, an
# executor's or a pool's `map`); `starmap` with the items of an item. Function -> star.
MAP_FUNCTIONS = {"builtins.map": False, "itertools.starmap": True}
MAP_METHODS = {
    "map": False,
    "imap": False,
    "imap_unordered": False,
    "map_async": False,
    "starmap": True,
    "starmap_async": True,
}

# Task runners calling the function a decorator registers with a context as its first argument
# (`@task def build(c): c.run(line)`, run by `invoke build`): invoke gives an `invoke.Context`
# (`invoke/executor.py`); fabric the same when no host is named, a `fabric.Connection` (whose
# `run` is remote, not followed) for each host otherwise. Decorator -> the context's classes.
TASK_CONTEXTS: dict[str, tuple[str, ...]] = {
    "invoke.task": ("invoke.Context",),
    "invoke.tasks.task": ("invoke.Context",),
    "fabric.task": ("invoke.Context", "fabric.Connection"),
    "fabric.tasks.task": ("invoke.Context", "fabric.Connection"),
}


def task_context(f: Frame, node: cst.FunctionDef) -> Value | None:
    """The context a task runner gives a function its decorator registers (`TASK_CONTEXTS`):
    the instance of those classes its first parameter holds, whoever calls it. None when no
    decorator is such a runner's."""
    for deco in node.decorators:
        # (`@task`, `@task(help=...)`, `@invoke.task`: only a decorator so named is evaluated.)
        callee = deco.decorator.func if isinstance(deco.decorator, cst.Call) else deco.decorator
        if not dotted(callee).endswith("task"):
            continue
        for o in options(f.eval(callee)):
            if isinstance(o, ExternalRef) and o.name in TASK_CONTEXTS:
                hop = f.hop(deco, f"the context `{o.name}` gives the task it registers")
                return alt([ExternalRef(trace=(hop,), name=c) for c in TASK_CONTEXTS[o.name]])
    return None


# A multiprocessing context's process class, read as an attribute (`get_context("spawn").Process(
# target=run, args=(cmd,))`): the context's value is not known, its method name is.
CONTEXT_PROCESS_METHODS = frozenset(("Process",))

# A pool's methods running `func` with `args` (and `kwds`) once.
POOL_APPLY = frozenset(("apply", "apply_async"))

# Classes that run `target=` (or Timer's `function`) with `args=` / `kwargs=`.
THREAD_CLASSES = frozenset(("threading.Thread", "threading.Timer", "multiprocessing.Process"))
# Where they take `args` positionally.
ARGS_POSITIONS = {"threading.Thread": 3, "multiprocessing.Process": 3, "threading.Timer": 2}


def handoff(
    f: Frame, node: cst.Call, callee: Value, pos: list[Value], kws: dict[str, Value]
) -> Value | None:
    """A callable handed to a thread, an executor or an event loop runs with the arguments
    handed along (`asyncio.to_thread(subprocess.run, cmd)`, `pool.submit(run, cmd)`,
    `Thread(target=launch, args=(cmd,))`): it is called here, at the hand-off. Returns what
    the hand-off call itself evaluates to when that is the callable's result (awaiting
    `asyncio.to_thread`, `loop.run_in_executor`), else None."""
    method = node.func.attr.value if isinstance(node.func, cst.Attribute) else ""
    targets = {o.name for o in options(callee) if isinstance(o, ExternalRef)}
    star = next((MAP_FUNCTIONS[t] for t in targets if t in MAP_FUNCTIONS), MAP_METHODS.get(method))
    if star is not None and pos and not isinstance(pos[0], Splat):
        _mapped(f, node, pos[0], pos[1:], star)
        return None
    fn: Value | None
    if method in PACKED_METHODS and len(pos) > PACKED_METHODS[method]:
        at = PACKED_METHODS[method]
        if any(isinstance(v, Splat) for v in pos[: at + 1]):
            return None
        fn = pos[at]
        args = _handed_args(f, pos[at + 1] if len(pos) > at + 1 else kws.get("argument"))
        kwargs = _handed_kwargs(f, pos[at + 2] if len(pos) > at + 2 else kws.get("kwargs"))
    elif targets & THREAD_CLASSES or method in POOL_APPLY or method in CONTEXT_PROCESS_METHODS:
        # target= / args= / kwargs= (Timer: function=; a pool's apply(_async): func=, kwds=).
        pool = method in POOL_APPLY
        fn = kws.get("target") or kws.get("function") or kws.get("func")
        if fn is None and pool and pos:
            fn = pos[0]
        elif fn is None and len(pos) > 1:
            fn = pos[1]  # Thread(group, target), Timer(interval, function)
        given = kws.get("args") or (pos[1] if pool and len(pos) > 1 else None)
        where = next((ARGS_POSITIONS[t] for t in targets if t in ARGS_POSITIONS), None)
        if given is None and where is not None and len(pos) > where:
            given = pos[where]  # Thread(group, target, name, args), Timer(interval, function, args)
        args = _handed_args(f, given)
        kwargs = _handed_kwargs(f, kws.get("kwargs") or kws.get("kwds"))
    elif method in UNFORCED_HANDOFF_METHODS:
        at = UNFORCED_HANDOFF_METHODS[method]
        if len(pos) <= at or not any(isinstance(o, CALLABLES) for o in options(pos[at])):
            return None
        fn, args, kwargs = pos[at], pos[at + 1 :], dict(kws)
    else:
        skip = next(
            (HANDOFF_FUNCTIONS[t] for t in targets if t in HANDOFF_FUNCTIONS),
            HANDOFF_METHODS.get(method),
        )
        if skip is None or len(pos) <= skip or any(isinstance(v, Splat) for v in pos[: skip + 1]):
            return None
        fn, args, kwargs = pos[skip], pos[skip + 1 :], dict(kws)
    if fn is None:
        return None
    results = [
        f.call_one(o, node, args, kwargs, False)
        for o in options(f.force(fn))
        if isinstance(o, CALLABLES)
    ]
    if results and (targets & RESULT_HANDOFFS or method == "run_in_executor"):
        return alt(results)
    return None


def _mapped(f: Frame, node: cst.Call, fn: Value, iterables: list[Value], star: bool) -> None:
    """A launcher mapped over iterables (`map(subprocess.run, cmds)`, `pool.map(run, cmds)`):
    called here with an item of each (any of a known list's, else one not known: unresolved).
    A sink or a partial of one, or a project function or method known to launch (a wrapper,
    `map(launch, cmds)`, or a partial of one); one not known to yet is noted as a deferred call
    (`Frame.deferred`): its caller is analysed again if it turns out to be a wrapper. (Items
    are computed only for a launcher: `map(str, xs)` and the like cost nothing.)"""
    sinks = f.analyzer.sinks
    launchers = [o for o in options(f.force(fn)) if _launcher(f, o, sinks)]
    if not launchers or not iterables or any(isinstance(v, Splat) for v in iterables):
        return
    items = [f.element_of(f.force(v), node) for v in iterables]
    args: list[Value] = [Splat(trace=(), inner=items[0])] if star else items
    for o in launchers:
        f.call_one(o, node, args, {}, False)


def _launcher(f: Frame, o: Value, sinks: Container[str]) -> bool:
    """Whether `o`, mapped, is followed (`_mapped`)."""
    if sink_or_partial(o, sinks):
        return True
    while type(o) is PartialRef and o.args:
        o = o.args[0]
    if not isinstance(o, FuncRef | MethodRef):
        return False
    if f.analyzer.is_eager(o.func):
        return True
    f.deferred.add(o.func)
    return False


def _handed_args(f: Frame, v: Value | None) -> list[Value]:
    if v is None:
        return []
    items = next((o for o in options(f.force(v)) if isinstance(o, Seq)), None)
    return list(items.items) if items is not None else [Splat(trace=(), inner=v)]


def _handed_kwargs(f: Frame, v: Value | None) -> dict[str, Value]:
    d = next((o for o in options(f.force(v)) if isinstance(o, DictV)), None) if v else None
    return d.by_name() if d is not None else {}
