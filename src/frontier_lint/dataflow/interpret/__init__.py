"""The abstract interpreter, split by what it interprets.

`frame.Frame` is one function body (or module-level or class-body statements) being interpreted:
its environment and what it records. `statements`, `definitions` (def, class, imports),
`expressions`, `attributes`, `calls`, `sinks` (launch sites) and `forcing` (values computed
later) each hold functions taking the frame; `dispatch` says which one handles which node or
value type. They import neither each other nor the frame at run time: they reach each other
through the frame's methods.
"""
