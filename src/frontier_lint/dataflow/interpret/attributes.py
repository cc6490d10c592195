"""Attribute reads: what `value.attr` is, for each kind of value.

A module's global, a class's attribute or method (through its project bases), an instance's
attribute (what its constructor and methods store, a property's getter), `super()`'s, a library
object's (`sys.argv`), a parameter's (kept as a read the callers' arguments complete, or looked up
in its annotated class when a launch needs it), a string's or list's method. An attribute of a
value computed later is read later (`LazyAttr`). Each handler takes the frame and one alternative
of the value; `dispatch` maps value types to them.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.ids import FuncId
from frontier_lint.dataflow.lazy import (
    MAX_LAZY_READS,
    LazyAttr,
    LazyImport,
    LocalFunc,
    has_lazy,
    lazy_reads,
)
from frontier_lint.dataflow.models import cli_args, commands, processes
from frontier_lint.dataflow.models.builtins import INSTANCE_COPIES, dict_get, method_of
from frontier_lint.dataflow.models.classes import ENUM_VALUE_ATTRIBUTES, is_abstract, is_property
from frontier_lint.dataflow.models.stdlib import external_attribute
from frontier_lint.dataflow.receivers import fill_receiver, overridable
from frontier_lint.dataflow.refs import (
    AnnotatedRef,
    ArgParserRef,
    AttrsRef,
    BoundRef,
    ChosenRef,
    ClassRef,
    ExternalRef,
    FuncRef,
    GetterRef,
    InstanceRef,
    ItemRef,
    MethodRef,
    ModuleRef,
    NamespaceRef,
    OutputRef,
    PartialRef,
    StoredRef,
    SuperRef,
    chosen_attribute,
)
from frontier_lint.dataflow.summaries import param_nodes
from frontier_lint.dataflow.values import (
    Concat,
    Const,
    DictV,
    Param,
    ParamKind,
    Ref,
    Seq,
    Splat,
    Str,
    Unknown,
    Value,
    alt,
    options,
    seq,
    string,
    unknown,
)
from frontier_lint.frontend.grammar import check_expression
from frontier_lint.frontend.syntax import block, dotted, literal

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame
    from frontier_lint.dataflow.scopes import ClassInfo
    from frontier_lint.frontend.parsing import SiteRef


def attr_of(f: Frame, base: Value, attr: str, node: cst.CSTNode | None) -> Value:
    """`base.attr`, for each alternative of `base`."""
    if isinstance(base, LazyImport):
        base = f.resolve_import(base)
    if has_lazy(base):
        # Attribute of a deferred call result: looked up only if a launch needs it.
        if lazy_reads(base) >= MAX_LAZY_READS:
            # (Each read nests in the last: what walks them would recurse that deep.)
            return unknown(f"more than {MAX_LAZY_READS} attribute reads of a value not known yet")
        return LazyAttr(trace=(), base=base, attr=attr, at=_site(f, node))
    if attr.startswith("["):  # item N of an unpacked value (`assign`)
        index = int(attr[1:-1])
        found = []
        for o in options(base):
            head = o.items[: index + 1] if isinstance(o, Seq) else ()
            if len(head) > index and not any(isinstance(x, Splat) for x in head):
                found.append(head[index])
            else:
                found.append(unknown("unpacked value is not known"))
        return alt(found)
    results: list[Value] = []
    for o in options(base):
        if attr == "__func__" and isinstance(o, ExternalRef):
            # `staticmethod(subprocess.run).__func__`: the wrapped callable (`_static` reads
            # the staticmethod of a library callable as the callable).
            results.append(o)
        elif attr == "__call__" and isinstance(o, _CALLED_AS_ITSELF):
            # `f.__call__(argv)` is `f(argv)`: the callable itself, its sink or wrapper kept
            # (read as any attribute, `subprocess.run.__call__` was a call of nothing known).
            results.append(o)
        elif attr == "__getattribute__" and not isinstance(o, Unknown):
            # `subprocess.__getattribute__("run")` is `getattr(subprocess, "run")`; the
            # unbound `object.__getattribute__(subprocess, "run")` is `getattr` itself.
            getter = ExternalRef(trace=(), name="builtins.getattr")
            unbound = isinstance(o, ExternalRef) and o.name in _UNBOUND_GETTERS
            empty = DictV(trace=(), entries=())
            results.append(
                getter if unbound else PartialRef(trace=(), args=(getter, seq([o]), empty))
            )
        else:
            results.append(f.attr_one(o, attr, node))
    return alt(results)


# Callables whose `__call__` is the callable itself. (Not a class: its `__call__` is its
# instances' method, called with the instance first; an instance's is looked up as any method.)
_UNBOUND_GETTERS = frozenset(("builtins.object", "builtins.type"))
_CALLED_AS_ITSELF = (ExternalRef, FuncRef, MethodRef, BoundRef, PartialRef, GetterRef, LocalFunc)


def of_external(f: Frame, o: ExternalRef, attr: str, node: cst.CSTNode | None) -> Value:
    if attr == "__dict__":
        return NamespaceRef(trace=(), args=(o,))  # (`subprocess.__dict__["run"]`)
    made = f.analyzer.command_attributes.get(o.name)
    if made is not None:
        # `sh.codex`, `from plumbum.cmd import codex`: a command object naming the program.
        command = commands.by_attribute(f, made, attr, node)
        if command is not None:
            return command
    return external_attribute(o.name, attr)


def of_chosen(f: Frame, o: ChosenRef, attr: str, node: cst.CSTNode | None) -> Value:
    # `sys.modules[name].run`: the sinks of that name it may be.
    got = chosen_attribute(o, attr, f.analyzer.launchers)
    return got if got is not None else unknown(f"{o.why} (.{attr})")


def of_module(f: Frame, o: ModuleRef, attr: str, node: cst.CSTNode | None) -> Value:
    if attr == "__dict__":
        return NamespaceRef(trace=(), args=(o,))  # (`sys.modules[__name__].__dict__[name]`)
    sub = f.analyzer.project.submodule(o.path, attr)
    scope = f.analyzer.module_scope(o.path) if o.path.endswith(".py") else None
    if scope is not None:
        v = scope.lookup(attr)
        if isinstance(v, Unknown) and sub is None and node is not None and attr != "__getattr__":
            # A name the module lacks, read where its `__getattr__` (PEP 562) answers: what
            # that function gives for the name (`tools.anything` of a module whose
            # `__getattr__` returns `subprocess.run`).
            hook = scope.lookup("__getattr__")
            if isinstance(hook, FuncRef):
                func = f.analyzer.funcdef(hook.func)
                if func is not None:
                    return f.call_project(func, node, [string(attr)], {}, None)
        if not (isinstance(v, Unknown) and sub is not None):
            return v
    if sub is not None:
        return ModuleRef(trace=(), path=sub)
    return unknown(f"{f.analyzer.project.module_name(o.path)}.{attr} not found")


def of_class(f: Frame, o: ClassRef, attr: str, node: cst.CSTNode | None) -> Value:
    info = f.analyzer.class_info(o.cls)
    if info is not None:
        v = info.lookup(attr)
        if v is not None:
            if _own_cls(f, o, node):
                # `cls.binary` in a classmethod of the class that sets it: `Codex.run()` of
                # the inherited `Tool.run` reads Codex's, as `self.binary` in a method does.
                return overridable(v, o.cls, attr, f.analyzer)
            return v
        # A class method of a library base that is a sink (`MyPty.spawn(argv)` of `class
        # MyPty(ptyprocess.PtyProcess)`): the base's.
        for base in info.library_bases():
            if f"{base}.{attr}" in f.analyzer.launchers:
                return ExternalRef(trace=(), name=f"{base}.{attr}")
    return unknown(f"{o.cls.qualname}.{attr} not found")


def _own_cls(f: Frame, o: ClassRef, node: cst.CSTNode | None) -> bool:
    """Whether `node` reads an attribute of the classmethod's own `cls` (not of its class
    named outright)."""
    return (
        f.func.is_classmethod
        and o.cls == f.func.class_id
        and isinstance(node, cst.Attribute)
        and isinstance(node.value, cst.Name)
        and node.value.value == f.self_name
    )


def of_super(f: Frame, o: SuperRef, attr: str, node: cst.CSTNode | None) -> Value:
    info = f.analyzer.class_info(o.cls)
    receiver = o.receiver
    for base in info.bases() if info is not None else ():
        v = base.lookup(attr)
        if v is None:
            continue
        if isinstance(v, FuncRef) and isinstance(receiver, Ref):
            return MethodRef(trace=(), func=v.func, args=(receiver,))
        return v
    if attr == "__init__" and info is not None:
        # A subclass of a catalogue class (`class P(subprocess.Popen)`) constructing its base:
        # `super().__init__(argv, ...)` is that launch, judged through the subclass's callers.
        launchers = info.launcher_bases(f.analyzer.sinks)
        if launchers:
            return ExternalRef(trace=(), name=launchers[0])
    return unknown(f"super().{attr} not found")


def of_annotated(f: Frame, o: AnnotatedRef, attr: str, node: cst.CSTNode | None) -> Value:
    # `cfg.attr` with `cfg: Settings`. The reference holds the parameter (`of_param`), which a
    # caller's argument replaces: what that caller passes is read (an instance it built holds
    # its own fields, `CLISpec(cli="codex")`), and the annotated class stands in only where the
    # caller's value is not known (fail closed: its reason is an alternative) or where nothing
    # fills the parameter in (`analyzer.with_defaults`: the class's view, below).
    held = o.args[0] if o.args else None
    if held is not None and not _own(o, held):
        return _of_passed(f, o, held, attr, node)
    if held is not None:
        return LazyAttr(trace=(), base=o, attr=attr, at=f.reading)  # (waiting, below)
    if o.origin is not None and _waits_for_callers(f, o, attr):
        # Left to the callers, as a parameter's own read is (`of_param`): the function is a
        # wrapper of this parameter.
        waiting = replace(o, args=(o.origin,), origin=None)
        return LazyAttr(trace=(), base=waiting, attr=attr, at=f.reading)
    return _annotated_view(f, o, attr)


def _own(o: AnnotatedRef, held: Value) -> bool:
    """Whether `held` is the annotated parameter itself (not filled in yet)."""
    return type(held) is Param and held.func == o.func and held.name == o.param


def _of_passed(
    f: Frame, o: AnnotatedRef, held: Value, attr: str, node: cst.CSTNode | None
) -> Value:
    """Attribute `attr` of what a caller passed for annotated parameter `o`."""
    if has_lazy(held):
        held = f.force(held)  # (a call's result the caller passes: `get_spec(name)`)
    read: list[Value] = []
    for x in options(held):
        if type(x) is Param:
            # The caller's own parameter, handed on: read through the annotated class there,
            # not followed into that caller's callers in turn (a typed code base hands its
            # settings objects down long chains of calls: following each made every function on
            # them a wrapper, mesonbuild's `state: ModuleState` ~4x its CPU).
            read.append(_annotated_view(f, replace(o, args=(), origin=None), attr))
        elif isinstance(x, Unknown):
            # Not known what the caller passes: its reason, and what the annotated class holds.
            read.append(f.attr_one(x, attr, node))
            read.append(_annotated_view(f, replace(o, args=(), origin=None), attr, with_why=False))
        else:
            read.append(f.attr_one(x, attr, node))
    return alt(read)


def _waits_for_callers(f: Frame, o: AnnotatedRef, attr: str) -> bool:
    """Whether `cfg.attr` (the parameter not filled in yet) is left to the callers: what the
    instances they build are given, only. A constructor's input: a generated `__init__`'s
    field (dataclass, attrs, pydantic) or a plain `__init__`'s parameter of that name (`self.
    binary = binary`), or a method of a data class that only computes from its fields
    (`options.command(prompt)`). Not a method that launches by itself (called here on an
    instance of the class, as before: the call is this function's launch site), an abstract
    one (each implementation an alternative), an Enum's value (its members are all it can
    be), a field holding an instance or a callable (a receiver whose methods may launch), nor
    what a service class computes for itself (`env.coredata`, `compiler.get_warn_args()`):
    following those made most functions of a typed code base wrappers (mesonbuild ~4x CPU)."""
    func = f.analyzer.funcdef(o.func)
    if func is None:
        return False
    reader = f.other(func, depth=f.depth + 1)
    classes = _annotated_classes(reader, o.param)
    for cid in classes:
        info = f.analyzer.class_info(cid)
        if info is None:
            return False
        if info.enum_values() is not None and attr in ENUM_VALUE_ATTRIBUTES:
            return False
        fields = info.dataclass_fields()
        v = info.lookup(attr)
        if isinstance(v, FuncRef):
            outline = f.analyzer.method_outline(v.func)
            if fields is None or outline is None or outline.is_abstract is not False:
                return False
            if not outline.is_property and f.analyzer.is_eager(v.func):
                return False
            continue
        if v is not None and any(isinstance(x, Ref) for x in options(v)):
            return False  # (an instance or a callable as the default)
        if v is None and _field_classes(f, info, attr):
            return False  # declared with a project class (`sandbox: Sandbox`): a receiver
        if attr not in (fields if fields is not None else _init_params(f, info)):
            return False
    return bool(classes)


def _init_params(f: Frame, info: ClassInfo) -> list[str]:
    """The parameter names of the `__init__` a class (or its first base defining one) has."""
    init = info.lookup("__init__")
    func = f.analyzer.funcdef(init.func) if isinstance(init, FuncRef) else None
    if func is None or func.params is None:
        return []
    return [p.name.value for p in param_nodes(func.params)]


def _annotated_view(f: Frame, o: AnnotatedRef, attr: str, *, with_why: bool = True) -> Value:
    # What an instance of the annotated class holds is one alternative (its defaults); callers
    # may pass another, so the site stays open unless that one names a forbidden program. Read
    # where a launch or a call needs it only: forcing every annotated read (f-strings, `+`,
    # loops) parsed most classes of a typed code base (+4 MB).
    name = o.param
    why = unknown(f"attribute `{attr}` of parameter `{name}`")
    func = f.analyzer.funcdef(o.func)
    if func is None or not f.analyzer.for_launch:
        return why
    # Class-level values only (declared defaults, class attributes, methods): what methods
    # store on instances is not looked for (that summarised most of a typed code base's
    # methods: +6 MB and +4 % on the corpus, for no launch).
    reader = f.other(func, depth=f.depth + 1)
    read: list[Value] = [why] if with_why else []
    for cid in _annotated_classes(reader, name):
        info = f.analyzer.class_info(cid)
        members = info.enum_values() if info is not None else None
        if members is not None and attr in ENUM_VALUE_ATTRIBUTES:
            read.extend(members)  # an Enum parameter holds one of its members
            continue
        v = info.lookup(attr) if info is not None else None
        if v is None and info is not None:
            # A field declared with a project class and no value (`sandbox: Sandbox`): an
            # instance of it (or of any project subclass: its abstract methods run as each
            # implements them, `of_instance`).
            read.extend(InstanceRef(trace=(), cls=c) for c in _field_classes(f, info, attr))
            continue
        if isinstance(v, FuncRef) and info is not None:
            # An abstract method runs as the subclasses implement it; another on an instance
            # built in a way not known here (`_built_somehow`).
            read.extend(_dispatch(f, v.func, cid, attr) or [_built_somehow(f, info, v.func, name)])
            continue
        if v is not None:
            read.append(v)
    return alt(read) if read else why


def of_instance(f: Frame, o: InstanceRef, attr: str, node: cst.CSTNode | None) -> Value:
    info = f.analyzer.class_info(o.cls)
    if info is not None:
        v = info.lookup(attr)
        if v is None and attr in INSTANCE_COPIES and info.dataclass_fields() is not None:
            # `opts.model_copy(...)` of a model class: a copy (`models.builtins.copied`).
            return BoundRef(trace=(), method=attr, args=(o,))
        if isinstance(v, FuncRef) and info.stores_over_method(attr) and not _property(f, v):
            # A method the instance may hide with an attribute of its name, set by a method
            # (`self.run = A().run`; a method is no data descriptor): either is what it reads.
            inst = info.instance_attr(attr)
            method = _method(f, o, v, attr, node)
            return method if inst is None else alt([method, fill_receiver(inst, o, f.analyzer)])
        if isinstance(v, FuncRef):
            return _method(f, o, v, attr, node)
        if v is None and attr in f.analyzer.library_methods:
            inherited = _library_method(info, attr, f.analyzer.library_methods[attr])
            if inherited is not None:
                return inherited
        if (
            node is not None
            and v is None
            and isinstance(info.lookup("__getattr__"), FuncRef)
            and info.instance_attr(attr) is None  # (a class with the hook: rare)
        ):
            got = _getattr_hook(f, o, info, attr, node)
            if got is not None:
                return got
        if node is not None:
            # Inferring `self.x` summarises every method that assigns it: done only if the
            # value reaches a launch or names what is called (force).
            return LazyAttr(trace=(), base=o, attr=attr, at=f.site(node))
        own = f.self_name is not None and not o.args and o.cls == f.func.class_id
        inst = info.instance_attr(attr)
        if inst is not None:
            got = fill_receiver(inst, o, f.analyzer)
            if o.trace and o.binding is not None:
                # What the constructor was given, read back: the instance's own hops (where it
                # was made and kept, `BACKENDS = {"g": Cfg(command="gemini")}`) are the way its
                # value came, as they are for an item read from a table.
                got = got.with_trace(o.trace)
            if own and f.analyzer.for_launch and _from_constructor(got):
                # A constructor argument the class declares with a project class (`config:
                # BaseCLIConfig`, narrower than the base's `__init__` says): an instance of it,
                # whose abstract methods run as each implementation defines them.
                declared = [InstanceRef(trace=(), cls=c) for c in _field_classes(f, info, attr)]
                if declared:
                    return alt([got, *declared])
            return overridable(got, o.cls, attr, f.analyzer) if own else got
        if v is not None:
            return overridable(v, o.cls, attr, f.analyzer) if own else v
        got = _getattr_hook(f, o, info, attr, None)
        if got is not None:
            return got
        if own:
            # `self.binary` that the class leaves to its subclasses (declared without a value,
            # `binary: ClassVar[str]`): the receiver's class at each call tells, as for a
            # constructor argument kept on self.
            return Param.of_receiver(o.cls, attr, ParamKind.LEFT_TO_SUBCLASS)
    return unknown(f"attribute `{attr}` of {o.cls.qualname} instance")


def _property(f: Frame, v: FuncRef) -> bool:
    """Whether a method is a property (a data descriptor: `self.x = v` runs its setter, no
    instance attribute hides it)."""
    outline = f.analyzer.method_outline(v.func)
    if outline is not None:
        return outline.is_property
    func = f.analyzer.funcdef(v.func)
    if func is None or func.params is None:
        return False
    # (A setter defined after the getter is the name's last def: `@config.setter`.)
    return is_property(func.decorators) or any(
        dotted(d.decorator).endswith((".setter", ".deleter", ".getter")) for d in func.decorators
    )


def _getattr_hook(
    f: Frame, o: InstanceRef, info: ClassInfo, attr: str, node: cst.CSTNode | None
) -> Value | None:
    """An attribute neither the instance nor its class has, of a class defining `__getattr__`
    (a proxy: `def __getattr__(self, name): return getattr(subprocess, name)`): what the hook
    returns for the name, its call made where the attribute is read."""
    hook = info.lookup("__getattr__")
    func = f.analyzer.funcdef(hook.func) if isinstance(hook, FuncRef) else None
    if func is None or func.node is None:
        return None
    if node is not None:
        return f.call_project(func, node, [Str(trace=(), text=attr)], {}, o)
    at = f.reading
    if at is not None:
        return f.call_project(func, at.node, [Str(trace=(), text=attr)], {}, o, site=at)
    with f.quietly():
        return f.call_project(func, func.node, [Str(trace=(), text=attr)], {}, o)


def _method(f: Frame, o: InstanceRef, v: FuncRef, attr: str, node: cst.CSTNode | None) -> Value:
    """Method `v` of the instance's class read as `attr`: bound, or a property's getter called,
    or an abstract method's implementations."""
    outline = f.analyzer.method_outline(v.func)
    if (
        outline is not None
        and not outline.is_property
        and (o.args or o.binding is not None or outline.is_abstract is False)
    ):
        # Neither a getter nor an abstract method to dispatch (below): the method
        # itself, not parsed (most methods read as attributes are never called here).
        return MethodRef(trace=(), func=v.func, args=(o,))
    func = f.analyzer.funcdef(v.func)
    if func is not None and func.node is not None and is_property(func.decorators):
        # `obj.argv` runs the getter: its result is the attribute, and the read is the
        # getter's call (for a read computed later, where it was made: `f.reading`).
        if node is not None:
            return f.call_project(func, node, [], {}, o)
        at = f.reading
        if at is not None:
            return f.call_project(func, at.node, [], {}, o, site=at)
        # Read with no node (an annotation's names, looked up for its classes): no
        # call here; launches the getter makes are reported by its own function.
        with f.quietly():
            return f.call_project(func, func.node, [], {}, o)
    if (
        not o.args
        and o.binding is None  # `self`, or an instance only known by its class
        and func is not None
        and func.node is not None
        and is_abstract(func.node)
    ):
        return _implemented(f, o, v.func, attr)
    return MethodRef(trace=(), func=v.func, args=(o,))


def _library_method(info: ClassInfo, attr: str, classes: set[str]) -> Value | None:
    """Method `attr` inherited from a library class that the rule pack or a model names
    (`class Shell(code.InteractiveConsole)`: `self.push(line)` runs the line as `exec` does),
    where no project class in the hierarchy defines it: the library's method, bound."""
    for base in info.library_bases():
        if base in classes:
            return ExternalRef(trace=(), name=f"{base}.{attr}")
    return None


def _from_constructor(v: Value) -> bool:
    """Whether `v` is (one of) a constructor's arguments, as kept on the instance."""
    return any(isinstance(o, Param) and o.func.is_init for o in options(v))


def _implemented(f: Frame, o: InstanceRef, method: FuncId, attr: str) -> Value:
    """`self.command` in a method of the class that leaves `command` to its subclasses
    (abstract): it runs as each project subclass implements it. Looked up only where a launch
    (or a callee to be known) needs it; until then a read computed later (looking up every
    abstract method's implementations parsed most subclasses of large code bases)."""
    # On `self`, only for a launch's own value: as a callee to be known (a wrapper each
    # subclass implements, called from the base), it made the base's methods wrappers whose
    # common names were looked for across large code bases.
    own = f.self_name is not None and o.cls == f.func.class_id
    if not (f.analyzer.at_sink if own else f.analyzer.for_launch):
        return LazyAttr(trace=(), base=o, attr=attr)
    impls = _dispatch(f, method, o.cls, attr)
    return alt(impls) if impls else MethodRef(trace=(), func=method, args=(o,))


def _dispatch(f: Frame, method: FuncId, cid: FuncId, attr: str) -> list[Value]:
    """Abstract method `attr` of class `cid` as each project implementation runs it, on an
    instance of its class; an unknown alternative where the implementations of a protocol's
    method were too many to look at (fail closed)."""
    out: list[Value] = [
        _on_instance(owner, target)
        for owner, target in f.analyzer.implementations(method, cid, attr)
    ]
    why = f.analyzer.unbounded(cid, attr)
    if why is not None:
        out.append(unknown(why))
    return out


def _on_instance(cid: FuncId, method: FuncId) -> MethodRef:
    return MethodRef(trace=(), func=method, args=(InstanceRef(trace=(), cls=cid),))


def _built_somehow(f: Frame, info: ClassInfo, method: FuncId, param: str) -> MethodRef:
    """Method `method` of parameter `param`'s annotated class, on an instance built where this
    function cannot see (`def cmd_delete(agent: Agent): agent.delete_session(sid)`): built as a
    call passing nothing would build it, each constructor parameter its default (the rule of a
    wrapper no call fills in, `analyzer.with_defaults`), one without a default not known. A bare
    class instance left what the method reads of the constructor's parameters (`self._cmd =
    cmd`) waiting for a receiver that never filled it in: no finding and no unresolved site
    (session 25, tg-gemini). A method taking only `self` keeps the bare instance: its launches
    wait for no call's arguments and are judged at the method's own sites."""
    called = f.analyzer.funcdef(method)
    params = called.params if called is not None else None
    if params is None or (
        len(param_nodes(params)) < 2
        and not isinstance(params.star_arg, cst.Param)
        and params.star_kwarg is None
    ):
        return _on_instance(info.id, method)
    init = info.lookup("__init__")
    func = f.analyzer.funcdef(init.func) if isinstance(init, FuncRef) else None
    if func is None or func.params is None:
        return _on_instance(info.id, method)
    entries: list[tuple[Value, Value]] = []
    for p in param_nodes(func.params)[1:]:
        name = p.name.value
        if p.default is not None:
            got = f.default(func, p.default)
        else:
            got = unknown(f"`{name}` of the {info.id.qualname} that `{param}` holds")
        entries.append((string(name), got))
    instance = InstanceRef(
        trace=(), cls=info.id, init=func.id, args=(DictV(trace=(), entries=tuple(entries)),)
    )
    return MethodRef(trace=(), func=method, args=(instance,))


def of_text(f: Frame, o: Str | Concat, attr: str, node: cst.CSTNode | None) -> Value:
    if attr in ENUM_VALUE_ATTRIBUTES:
        # A str has no `.value`: this is an Enum member (`Agent.CODEX.value`), whose class
        # attribute resolved to its raw value.
        return o
    return of_data(f, o, attr, node)


def of_data(f: Frame, o: Str | Concat | Seq | DictV, attr: str, node: cst.CSTNode | None) -> Value:
    """A method of a string, sequence or dict (`sep.join`, `cfg.get`): `calls.call_bound`."""
    return BoundRef(trace=(), method=attr, args=(o,))


def of_namespace(f: Frame, o: NamespaceRef, attr: str, node: cst.CSTNode | None) -> Value:
    """`globals().get`, `vars(m).get`: read as an item (`calls.call_bound`)."""
    if attr == "get":
        return BoundRef(trace=(), method=attr, args=(o,))
    return unknown(f"attribute `{attr}` of {o.shown()}")


def of_attrs(f: Frame, o: AttrsRef, attr: str, node: cst.CSTNode | None) -> Value:
    """`ns.bin` of `ns = types.SimpleNamespace(bin="codex")`: the keyword argument of that
    name, and what any store of that attribute outside a class's own methods puts in it (`ns.bin
    = ...`, `setattr(ns, "bin", ...)` here or in a function the object is handed to: which
    object a store reaches is not followed, so each is an alternative)."""
    missing = unknown(f"attribute `{attr}` not set by {o.name}()")
    got = dict_get(o.binding, string(attr), missing)
    stored = f.analyzer.attr_stores_anywhere(attr)
    return alt([got, *stored]) if stored else got


def of_output(f: Frame, o: OutputRef, attr: str, node: cst.CSTNode | None) -> Value:
    """`proc.stdout`, `text.strip` of a launch's result (`models.processes`)."""
    got = processes.attribute(o, attr)
    return got if got is not None else BoundRef(trace=(), method=attr, args=(o,))


def of_argparse(f: Frame, o: ArgParserRef, attr: str, node: cst.CSTNode | None) -> Value:
    """`parser.parse_args`, `args.NAME` (`models.cli_args`)."""
    return cli_args.attribute(f, o, attr)


def of_unknown(f: Frame, o: Unknown, attr: str, node: cst.CSTNode | None) -> Value:
    return unknown(f"{o.reason} (.{attr})") if len(o.reason) < 200 else o


def of_const(f: Frame, o: Const, attr: str, node: cst.CSTNode | None) -> Value:
    method = method_of(o, attr)  # (of None: raises)
    return method if method is not None else other_attribute(f, o, attr, node)


def of_param(f: Frame, o: Param, attr: str, node: cst.CSTNode | None) -> Value:
    # `cfg.codex_bin` of a parameter (a constructor's argument kept on self, a settings object
    # handed to a wrapper): known where the call is made, so kept as a read of the parameter
    # and computed there.
    read = LazyAttr(trace=(), base=o, attr=attr, at=_site(f, node))
    if o.func.is_init and f.analyzer.for_launch:
        # A constructor's, computed where it is called; where its annotated class leaves the
        # method to its subclasses (abstract), an instance of any of them may be passed: each
        # implementation is an alternative (`self.config.get_binary()`, `config: HarnessConfig`).
        impls = _abstract_implementations(f, o, attr)
        return alt([read, *impls]) if impls else read
    if (
        o.func.is_init  # a constructor's: computed where it is called
        or o.func != f.func.id
        or _plain_annotation(_annotation(f, o.name))
    ):
        return read
    # `def run(cfg: Settings)`: looked up in the annotated class only if a launch (or a call)
    # needs it; see `of_annotated`.
    holder = AnnotatedRef(trace=(), func=o.func, param=o.name, origin=o)
    return LazyAttr(trace=(), base=holder, attr=attr, at=_site(f, node))


def of_item(f: Frame, o: ItemRef | StoredRef, attr: str, node: cst.CSTNode | None) -> Value:
    # `spec.cli` of a loop's item of a parameter (`for spec in specs`), `kwargs.get(...)` of a
    # parameter stored into (`kwargs["language"] = "objc"`): read where the callers' values
    # are known, as of a parameter.
    return LazyAttr(trace=(), base=o, attr=attr, at=_site(f, node))


def _site(f: Frame, node: cst.CSTNode | None) -> SiteRef | None:
    return f.site(node) if node is not None else None


def _field_classes(f: Frame, info: ClassInfo, attr: str) -> list[FuncId]:
    """The project classes a class (or a base) declares field `attr` with, having no value."""
    for cls in info.mro():
        for st in block(cls.node.body):
            for small in st.body if isinstance(st, cst.SimpleStatementLine) else ():
                if (
                    isinstance(small, cst.AnnAssign)
                    and isinstance(small.target, cst.Name)
                    and small.target.value == attr
                    and small.value is None
                ):
                    scope = f.analyzer.module_scope(cls.path)
                    if scope is None:
                        return []
                    reader = f.other(scope.module_func(cls.piece), depth=f.depth + 1)
                    return _classes_named(reader, small.annotation.annotation)
    return []


def _abstract_implementations(f: Frame, o: Param, attr: str) -> list[Value]:
    """Method `attr` of constructor parameter `o`'s annotated classes, where they leave it to
    their project subclasses: each implementation, on an instance of its class."""
    init = f.analyzer.funcdef(o.func)
    if init is None or init.node is None:
        return []
    reader = f.other(init, depth=f.depth + 1)
    found: list[Value] = []
    for cid in _annotated_classes(reader, o.name):
        info = f.analyzer.class_info(cid)
        v = info.lookup(attr) if info is not None else None
        if isinstance(v, FuncRef):
            found.extend(_dispatch(f, v.func, cid, attr))
    return found


def other_attribute(f: Frame, o: Value, attr: str, node: cst.CSTNode | None) -> Value:
    return unknown(f"attribute `{attr}`")


def _annotation(f: Frame, name: str) -> cst.BaseExpression | None:
    """The annotation of this function's parameter `name`, if it has one."""
    node = f.func.node
    if node is None:
        return None
    for p in param_nodes(node.params):
        if p.name.value == name and p.annotation is not None:
            return p.annotation.annotation
    return None


# Builtin and typing names an annotation may be made of without naming a class whose attributes
# the analysis could read (`command: str`, `argv: list[str] | None`, `cmd: Sequence[str]`).
_PLAIN_ANNOTATION_NAMES = frozenset(
    {
        "str", "bytes", "bytearray", "list", "tuple", "dict", "set", "frozenset", "int",
        "float", "bool", "None", "object", "Any", "AnyStr", "Text", "Optional", "Union",
        "List", "Tuple", "Dict", "Set", "FrozenSet", "Sequence", "MutableSequence", "Iterable",
        "Collection", "Mapping", "MutableMapping", "Path", "PurePath", "PathLike",
    }
)  # fmt: skip


def _plain_annotation(node: cst.BaseExpression | None) -> bool:
    """No annotation, or one made of builtin and typing names only: the parameter holds what
    the callers pass and nothing else the analysis knows of (no project class to look in), so
    an attribute (`command.split()`) is read from their arguments, as without an annotation."""
    if node is None:
        return True
    if isinstance(node, cst.Name):
        return node.value in _PLAIN_ANNOTATION_NAMES
    if isinstance(node, cst.Attribute):
        return node.attr.value in _PLAIN_ANNOTATION_NAMES  # `typing.List`, `os.PathLike`
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
        return _plain_annotation(node.left) and _plain_annotation(node.right)
    if isinstance(node, cst.Subscript):
        return _plain_annotation(node.value) and all(
            isinstance(el.slice, cst.Index) and _plain_annotation(el.slice.value)
            for el in node.slice
        )
    return False  # a string (a forward reference to a class), a call, ...


def _dotted_value(f: Frame, node: cst.Name | cst.Attribute) -> Value:
    """A name or dotted name looked up without recording where (annotation text)."""
    if isinstance(node, cst.Name):
        return f.lookup_name(node.value)
    if isinstance(node.value, cst.Name | cst.Attribute):
        return attr_of(f, f.force(_dotted_value(f, node.value)), node.attr.value, None)
    return unknown("annotation")


def _annotated_classes(f: Frame, name: str) -> list[FuncId]:
    """The project classes named by parameter `name`'s annotation."""
    annotation = _annotation(f, name)
    return _classes_named(f, annotation) if annotation is not None else []


def _classes_named(f: Frame, annotation: cst.BaseExpression) -> list[FuncId]:
    """The project classes an annotation names (`Settings`, `Optional[Settings]`, `Settings |
    None`, `"Settings"`), looked up in frame `f`'s module."""
    out: list[FuncId] = []
    stack: list[cst.CSTNode] = [annotation]
    while stack:
        n = stack.pop()
        v: Value | None = None
        if isinstance(n, cst.Name | cst.Attribute):
            v = _dotted_value(f, n)
        elif isinstance(n, cst.SimpleString):
            text = literal(n)  # a forward reference: `"Settings | None"`
            if isinstance(text, str) and check_expression(text, f.analyzer.project.target):
                with suppress(cst.ParserSyntaxError, RecursionError, ValueError):
                    stack.append(cst.parse_expression(text))
        elif isinstance(n, cst.Subscript):
            # `Optional[Settings]`, and a generic project class itself (`Config[object]`).
            stack.extend(el.slice.value for el in n.slice if isinstance(el.slice, cst.Index))
            stack.append(n.value)
        elif isinstance(n, cst.BinaryOperation):
            stack.extend((n.left, n.right))
        for c in options(f.force(v)) if v is not None else ():
            if isinstance(c, ClassRef) and c.cls not in out:
                out.append(c.cls)
    return out
