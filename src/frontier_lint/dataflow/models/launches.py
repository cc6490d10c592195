"""Recording a launch where a call starts a process: its site, once per function, and its value
as the classifier reads it. Shared by the catalogue's sinks (`interpret.sinks`) and the command
objects of libraries such as sh and plumbum (`models.commands`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from frontier_lint.dataflow.lazy import has_lazy
from frontier_lint.dataflow.receivers import with_overrides
from frontier_lint.dataflow.values import Value
from frontier_lint.frontend.parsing import SiteRef

if TYPE_CHECKING:
    from frontier_lint.dataflow.interpret.frame import Frame


def launch_site(f: Frame, node: cst.CSTNode) -> SiteRef:
    """The launch site of `node`, recorded once in its function's results (a comprehension
    runs it once per item)."""
    site = f.site(node)
    sites = f.analyzer.results_for(f.func).sites
    if not any(s.node is node for s in sites):
        sites.append(site)
    return site


def as_launched(f: Frame, value: Value) -> Value:
    """A launch's value as the classifier reads it: forced where still lazy, with what project
    subclasses set where the program waits for the receiver's attribute."""
    if has_lazy(value):
        with f.analyzer.launching(at_sink=True):
            value = f.force(value)
    return with_overrides(value, f.analyzer)
