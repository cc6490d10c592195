"""Library models: what a call or an attribute of the standard library or a framework means.

Teaching the resolver a library call is one edit in one of these modules:
- `stdlib`: functions that build program names and command lines (`os.getenv`, `os.path.join`,
  `shlex.split`, `shutil.which`, `pathlib.Path`, ...), the environment, `sys.argv`,
  `sys.executable`, and the builtin names.
- `classes`: what class declarations mean: generated constructors and their fields
  (dataclasses, attrs, pydantic, msgspec), declared field defaults, enums, properties, abstract
  methods.
"""
