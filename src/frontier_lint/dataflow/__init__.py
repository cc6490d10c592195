"""Stage 3: resolve what reaches a launch, across the whole project.

Values (`values`, `refs`, `lazy`, `candidates`, named by `ids.FuncId`); what the project
defines (`summaries`, `scopes`, `hierarchy`, `searches`, `receivers`), known through the
project-wide memo tables of `analyzer`; the interpreter (`interpret/`) and the library models it
consults (`models/`); the verdict on what reaches a launch (`verdict`); which statements to
interpret and wrapper propagation (`propagation`); what was found per file (`outcome`).
"""
