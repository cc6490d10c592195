"""The runtime guard, with real launches.

A stand-in script named `codex` (and `claude`, `gemini`) placed first on PATH writes a marker file
when it runs; a blocked launch must leave no marker, an allowed program (`harmless`) must run.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import multiprocessing
import os
import pickle
import pty
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from frontier_lint.guard import hook, runtime
from frontier_lint.guard.runtime import ForbiddenLaunchError
from frontier_lint.settings.catalogue import load_catalogue
from frontier_lint.settings.loading import load_config

try:  # imported before any guard, so ptyprocess binds the real shutil.which
    import pexpect
except ImportError:  # optional: its sinks are skipped
    pexpect = None

SRC = str(Path(runtime.__file__).resolve().parent.parent)
POSIX = os.name == "posix"
pytestmark = pytest.mark.skipif(not POSIX, reason="stand-in programs are POSIX shell scripts")


@dataclass
class Stubs:
    bin: Path
    markers: Path

    def ran(self, name: str) -> bool:
        return (self.markers / name).exists()

    def none_ran(self) -> bool:
        return not any(self.markers.iterdir())


@pytest.fixture
def stubs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Stubs:
    bin_dir = tmp_path / "bin"
    markers = tmp_path / "markers"
    bin_dir.mkdir()
    markers.mkdir()
    for name in ("codex", "claude", "gemini", "harmless"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "$@" >> "{markers / name}"\n')
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return Stubs(bin_dir, markers)


@pytest.fixture(autouse=True)
def no_guard_left() -> Iterator[None]:
    yield
    assert runtime.installed() == (), "a test left a guard installed"


# ---------------------------------------------------------------------------------------------
# Every sink of the catalogue, called for real


async def _async_exec(prog: str) -> None:
    proc = await asyncio.create_subprocess_exec(prog, "x")
    await proc.wait()


async def _async_shell(prog: str) -> None:
    proc = await asyncio.create_subprocess_shell(f"cd / && {prog} x")
    await proc.wait()


async def _async_sub_exec(prog: str) -> None:
    proc = await asyncio.subprocess.create_subprocess_exec(prog, "x")
    await proc.wait()


async def _async_sub_shell(prog: str) -> None:
    proc = await asyncio.subprocess.create_subprocess_shell(f"{prog} x")
    await proc.wait()


class _Exited(asyncio.SubprocessProtocol):
    def __init__(self) -> None:
        self.done = asyncio.get_running_loop().create_future()

    def process_exited(self) -> None:
        self.done.set_result(None)


async def _loop_exec(prog: str) -> None:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.subprocess_exec(_Exited, prog, "x")
    await protocol.done
    transport.close()


async def _loop_shell(prog: str) -> None:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.subprocess_shell(_Exited, f"{prog} x")
    await protocol.done
    transport.close()


def _pexpect(name: str) -> Callable[[str], object]:
    def run(prog: str) -> object:
        if pexpect is None:
            pytest.skip("pexpect is not installed")
        if name in ("run", "runu"):
            return getattr(pexpect, name)(f"{prog} x")
        if name == "pty_spawn":
            from pexpect.pty_spawn import spawn as start
        elif name == "PopenSpawn":
            from pexpect.popen_spawn import PopenSpawn as start
        else:
            start = getattr(pexpect, name)  # spawn, spawnu
        child = start(f"{prog} x")
        child.expect(pexpect.EOF)
        return child.wait() if name == "PopenSpawn" else child.close()

    return run


def _anyio(name: str) -> Callable[[str], object]:
    def run(prog: str) -> object:
        anyio = pytest.importorskip("anyio")

        async def main() -> object:
            if name == "run_process":
                return await anyio.run_process([prog, "x"])
            async with await anyio.open_process(f"{prog} x") as proc:
                return await proc.wait()

        return anyio.run(main)

    return run


def _unwrapped(run: Callable[..., object], main: Callable[[], object]) -> object:
    """Run an async `main`; a lone error its task group wrapped in an ExceptionGroup is raised
    as itself (trio and anyio task groups wrap what their tasks raise)."""
    try:
        return run(main)
    except Exception as exc:
        inner = getattr(exc, "exceptions", ())
        if len(inner) == 1:
            raise inner[0] from None
        raise


def _trio(name: str) -> Callable[[str], object]:
    def run(prog: str) -> object:
        trio = pytest.importorskip("trio")

        async def main() -> object:
            if name == "run_process":
                return await trio.run_process([prog, "x"])
            proc = await trio.lowlevel.open_process([prog, "x"])
            return await proc.wait()

        return _unwrapped(trio.run, main)

    return run


def _ptyprocess(name: str) -> Callable[[str], object]:
    def run(prog: str) -> object:
        ptyprocess = pytest.importorskip("ptyprocess")
        child = getattr(ptyprocess, name).spawn([prog, "x"])
        try:
            while True:
                child.read()
        except EOFError:  # the program ended
            pass
        return child.wait()

    return run


def _mcp_stdio(prog: str) -> object:
    """The stdio client starts the server process (`StdioServerParameters` only describes it)."""
    mcp = pytest.importorskip("mcp")
    anyio = pytest.importorskip("anyio")
    from mcp.client.stdio import stdio_client

    async def main() -> None:
        params = mcp.StdioServerParameters(command=prog, args=["x"])
        async with stdio_client(params):
            pass

    return _unwrapped(anyio.run, main)


def _distutils_spawn(prog: str) -> object:
    spawn = pytest.importorskip("distutils.spawn")
    return spawn.spawn([prog, "x"])


def _distutils_probe(prog: str) -> object:
    spawn = pytest.importorskip("distutils.spawn")
    found = spawn.find_executable(prog)
    assert found is not None
    subprocess.run([found, "x"], check=True)
    return found


def _startfile(prog: str) -> object:
    if not hasattr(os, "startfile"):
        pytest.skip("os.startfile exists on Windows only")
    return os.startfile(prog)  # pragma: no cover


def _posix() -> ModuleType:
    """`posix`, os's module on POSIX (its functions are os's)."""
    return pytest.importorskip("posix", reason="posix is os's module on POSIX only")


def _nt(call: str) -> Callable[[str], object]:
    """A sink of `nt`, os's module on Windows (skipped elsewhere)."""

    def launch(prog: str) -> object:  # pragma: no cover (Windows)
        nt = pytest.importorskip("nt", reason="nt is os's module on Windows only")
        if call == "startfile":
            return nt.startfile(prog)
        if call == "system":
            return nt.system(f"{prog} x")
        return getattr(nt, call)(os.P_WAIT, _find(prog), [prog, "x"])

    return launch


def _find(prog: str) -> str:
    """PATH lookup without shutil.which (that probe would be stopped before the launch)."""
    for directory in os.environ["PATH"].split(os.pathsep):
        path = os.path.join(directory, prog)
        if os.access(path, os.X_OK):
            return path
    return prog


def _which(prog: str) -> object:
    found = shutil.which(prog)
    assert found is not None
    subprocess.run([found, "x"], check=True)  # a probe that then launches: the probe is stopped
    return found


# In-process sinks: sink name -> a call that launches `prog` (always with an argument "x").
IN_PROCESS: dict[str, Callable[[str], object]] = {
    "subprocess.Popen": lambda p: subprocess.Popen([p, "x"]).wait(),
    "subprocess.run": lambda p: subprocess.run([p, "x"]),
    "subprocess.call": lambda p: subprocess.call([p, "x"]),
    "subprocess.check_call": lambda p: subprocess.check_call([p, "x"]),
    "subprocess.check_output": lambda p: subprocess.check_output([p, "x"]),
    "subprocess.getoutput": lambda p: subprocess.getoutput(f"{p} x"),
    "subprocess.getstatusoutput": lambda p: subprocess.getstatusoutput(f"true && {p} x"),
    "os.system": lambda p: os.system(f"A=1 {p} x"),
    "os.popen": lambda p: os.popen(f"{p} x").read(),
    "os.spawnl": lambda p: os.spawnl(os.P_WAIT, _find(p), p, "x"),
    "os.spawnle": lambda p: os.spawnle(os.P_WAIT, _find(p), p, "x", dict(os.environ)),
    "os.spawnlp": lambda p: os.spawnlp(os.P_WAIT, p, p, "x"),
    "os.spawnlpe": lambda p: os.spawnlpe(os.P_WAIT, p, p, "x", dict(os.environ)),
    "os.spawnv": lambda p: os.spawnv(os.P_WAIT, _find(p), [p, "x"]),
    "os.spawnve": lambda p: os.spawnve(os.P_WAIT, _find(p), [p, "x"], dict(os.environ)),
    "os.spawnvp": lambda p: os.spawnvp(os.P_WAIT, p, [p, "x"]),
    "os.spawnvpe": lambda p: os.spawnvpe(os.P_WAIT, p, [p, "x"], dict(os.environ)),
    "os.posix_spawn": lambda p: os.waitpid(os.posix_spawn(_find(p), [p, "x"], dict(os.environ)), 0),
    "os.posix_spawnp": lambda p: os.waitpid(os.posix_spawnp(p, [p, "x"], dict(os.environ)), 0),
    "posix.system": lambda p: _posix().system(f"{p} x"),
    "posix.posix_spawn": lambda p: os.waitpid(
        _posix().posix_spawn(_find(p), [p, "x"], dict(os.environ)), 0
    ),
    "posix.posix_spawnp": lambda p: os.waitpid(
        _posix().posix_spawnp(p, [p, "x"], dict(os.environ)), 0
    ),
    "nt.system": _nt("system"),
    "nt.spawnv": _nt("spawnv"),
    "nt.spawnve": _nt("spawnve"),
    "nt.startfile": _nt("startfile"),
    "asyncio.create_subprocess_exec": lambda p: asyncio.run(_async_exec(p)),
    "asyncio.create_subprocess_shell": lambda p: asyncio.run(_async_shell(p)),
    "asyncio.subprocess.create_subprocess_exec": lambda p: asyncio.run(_async_sub_exec(p)),
    "asyncio.subprocess.create_subprocess_shell": lambda p: asyncio.run(_async_sub_shell(p)),
    "pty.spawn": lambda p: pty.spawn([p, "x"]),
    "shutil.which": _which,
    "pexpect.spawn": _pexpect("spawn"),
    "pexpect.run": _pexpect("run"),
    "pexpect.popen_spawn.PopenSpawn": _pexpect("PopenSpawn"),
    "pexpect.spawnu": _pexpect("spawnu"),
    "pexpect.runu": _pexpect("runu"),
    "pexpect.pty_spawn.spawn": _pexpect("pty_spawn"),
    "asyncio.AbstractEventLoop.subprocess_exec": lambda p: asyncio.run(_loop_exec(p)),
    "asyncio.AbstractEventLoop.subprocess_shell": lambda p: asyncio.run(_loop_shell(p)),
    "ptyprocess.PtyProcess.spawn": _ptyprocess("PtyProcess"),
    "ptyprocess.PtyProcessUnicode.spawn": _ptyprocess("PtyProcessUnicode"),
    "anyio.run_process": _anyio("run_process"),
    "anyio.open_process": _anyio("open_process"),
    "trio.run_process": _trio("run_process"),
    "trio.lowlevel.open_process": _trio("open_process"),
    "distutils.spawn.spawn": _distutils_spawn,
    "distutils.spawn.find_executable": _distutils_probe,
    "os.startfile": _startfile,
    "mcp.StdioServerParameters": _mcp_stdio,
    "mcp.client.stdio.StdioServerParameters": _mcp_stdio,
}

# trio starts its processes from a worker thread, whose stack does not hold the caller: the
# attempt is still stopped, but the frame shown is the innermost one.
IN_WORKER_THREAD = {"trio.run_process", "trio.lowlevel.open_process"}

# os.exec* replace the process: they run in a child interpreter (see test_exec_sinks).
EXEC_SINKS: dict[str, str] = {
    "os.execl": "os.execl(find(p), p, 'x')",
    "os.execle": "os.execle(find(p), p, 'x', dict(os.environ))",
    "os.execlp": "os.execlp(p, p, 'x')",
    "os.execlpe": "os.execlpe(p, p, 'x', dict(os.environ))",
    "os.execv": "os.execv(find(p), [p, 'x'])",
    "os.execve": "os.execve(find(p), [p, 'x'], dict(os.environ))",
    "os.execvp": "os.execvp(p, [p, 'x'])",
    "os.execvpe": "os.execvpe(p, [p, 'x'], dict(os.environ))",
    "posix.execv": "__import__('posix').execv(find(p), [p, 'x'])",
    "posix.execve": "__import__('posix').execve(find(p), [p, 'x'], dict(os.environ))",
}


# Agent frameworks' MCP stdio classes and configurations: found statically; at run time the
# process is started by the mcp stdio client (or anyio) they drive, exercised here through
# `mcp.StdioServerParameters`. The frameworks themselves are not test dependencies.
FRAMEWORK_MCP = {
    "pydantic_ai.mcp.MCPServerStdio",
    "autogen_ext.tools.mcp.StdioServerParams",
    "fastmcp.client.transports.StdioTransport",
    "llama_index.tools.mcp.BasicMCPClient",
    "agents.mcp.MCPServerStdio",
    "agents.mcp.server.MCPServerStdio",
    "langchain_mcp_adapters.client.MultiServerMCPClient",
    "mcp_use.MCPClient",
    "mcp_use.MCPClient.from_dict",
    "fastmcp.Client",
    "fastmcp.client.Client",
    "fastmcp.client.StdioTransport",
    "fastmcp.client.transports.stdio.StdioTransport",
    "fastmcp.client.transports.UvStdioTransport",
    "fastmcp.client.UvStdioTransport",
    "fastmcp.client.transports.stdio.UvStdioTransport",
    "fastmcp.client.transports.UvxStdioTransport",
    "fastmcp.client.UvxStdioTransport",
    "fastmcp.client.transports.stdio.UvxStdioTransport",
    "fastmcp.client.transports.MCPConfigTransport",
    "fastmcp.client.transports.config.MCPConfigTransport",
    "fastmcp.mcp_config.StdioMCPServer",
    "fastmcp.mcp_config.MCPConfig",
    "fastmcp.mcp_config.MCPConfig.from_dict",
    "pydantic_ai.toolsets.fastmcp.FastMCPToolset",
    "crewai.mcp.MCPServerStdio",
    "crewai.mcp.config.MCPServerStdio",
    "crewai.mcp.transports.StdioTransport",
    "crewai.mcp.transports.stdio.StdioTransport",
    "mcp_use.StdioConnector",
    "mcp_use.connectors.StdioConnector",
    "mcp_use.client.connectors.StdioConnector",
    "mcp_use.client.connectors.stdio.StdioConnector",
    "mcp_use.client.MCPClient",
    "mcp_use.client.MCPClient.from_dict",
    "llama_index.tools.mcp.client.BasicMCPClient",
    "llama_index.tools.mcp.get_tools_from_mcp_url",
    "llama_index.tools.mcp.aget_tools_from_mcp_url",
    "llama_index.tools.mcp.utils.get_tools_from_mcp_url",
    "llama_index.tools.mcp.utils.aget_tools_from_mcp_url",
    "langchain_mcp_adapters.sessions.create_session",
    "langchain_mcp_adapters.tools.load_mcp_tools",
    "mcp.StdioServerParameters.model_validate",
    "mcp.client.stdio.StdioServerParameters.model_validate",
    "google.adk.tools.mcp_tool.mcp_toolset.StdioServerParameters",
    "google.adk.tools.mcp_tool.mcp_session_manager.StdioServerParameters",
    # The Agent Client Protocol SDK: its agent process is started by asyncio (exercised above).
    "acp.spawn_agent_process",
    "acp.stdio.spawn_agent_process",
    "acp.spawn_client_process",
    "acp.stdio.spawn_client_process",
    "acp.spawn_stdio_connection",
    "acp.stdio.spawn_stdio_connection",
    "acp.spawn_stdio_transport",
    "acp.transports.spawn_stdio_transport",
}


# Probes of sh and plumbum (`sh.which`, `local.which`): found statically; neither library is a
# test dependency (their command objects start programs through `os.execve` and
# `subprocess.Popen`, which the tests above exercise).
COMMAND_LIBRARY_PROBES = {"sh.which", "plumbum.local.which"}

# Launches through another catalogue sink at run time: invoke, fabric, sarge and delegator run
# their command lines with `subprocess.Popen` (delegator's non-blocking form through pexpect's
# `PopenSpawn`, itself `subprocess.Popen`), which the guard sees (its audit event). None of these
# libraries is a test dependency.
THROUGH_SUBPROCESS = {
    "sarge.run",
    "sarge.capture_stdout",
    "sarge.capture_stderr",
    "sarge.capture_both",
    "sarge.get_stdout",
    "sarge.get_stderr",
    "sarge.get_both",
    "sarge.Command",
    "sarge.Pipeline",
    "delegator.run",
    "delegator.chain",
    "delegator.Command",
    "invoke.run",
    "invoke.sudo",
    "invoke.Context.run",
    "invoke.Context.sudo",
    "invoke.context.Context.run",
    "invoke.context.Context.sudo",
    "fabric.Connection.local",
    "fabric.connection.Connection.local",
    "webbrowser.GenericBrowser",
    "webbrowser.BackgroundBrowser",
}
# Found statically only: they start a process without an audit event, which the guard cannot
# see (docs/runtime-guard.md, "What it cannot see"): libc's own `system`/`popen`/`exec*` called
# through ctypes, and multiprocessing's spawned children (`_posixsubprocess.fork_exec` called
# directly) running the interpreter `set_executable` named.
# `nt`'s exec functions replace the process, on Windows only: the child interpreter that
# `test_exec_sinks` runs them in is POSIX here (`os.execv` is exercised there).
WINDOWS_EXEC = {"nt.execv", "nt.execve"}
NO_AUDIT_EVENT = {
    "ctypes.CDLL.system",
    "ctypes.CDLL.popen",
    "ctypes.CDLL.execl",
    "ctypes.CDLL.execlp",
    "ctypes.CDLL.execv",
    "ctypes.CDLL.execvp",
    "multiprocessing.set_executable",
    "_posixsubprocess.fork_exec",
    "multiprocessing.spawn.set_executable",
    "multiprocessing.context.BaseContext.set_executable",
    # pywinpty (Windows) creates the process in native code (winpty / ConPTY), no audit event.
    "winpty.PtyProcess.spawn",
    "winpty.ptyprocess.PtyProcess.spawn",
    "winpty.PTY.spawn",
    "winpty.winpty.PTY.spawn",
}


def test_every_catalogue_sink_is_exercised() -> None:
    # SDK entry points (`program:` sinks) are found statically; at run time the guard sees the
    # process they start (subprocess / anyio), which the tests above exercise.
    sinks = load_catalogue().sinks
    dynamic = {c for c, s in sinks.items() if s.program is None}
    dynamic -= FRAMEWORK_MCP | COMMAND_LIBRARY_PROBES | THROUGH_SUBPROCESS | NO_AUDIT_EVENT
    dynamic -= WINDOWS_EXEC
    assert dynamic == set(IN_PROCESS) | set(EXEC_SINKS)
    assert set(sinks) >= FRAMEWORK_MCP | THROUGH_SUBPROCESS | NO_AUDIT_EVENT | WINDOWS_EXEC


@pytest.mark.parametrize("sink", sorted(IN_PROCESS))
def test_sink_blocks_forbidden_program(stubs: Stubs, sink: str) -> None:
    with runtime.guard(scope="all") as g, pytest.raises(ForbiddenLaunchError) as info:
        IN_PROCESS[sink]("codex")
    assert stubs.none_ran(), "the forbidden program started"
    assert info.value.program == "codex"
    assert "codex" in " ".join(info.value.argv)
    assert [a.program for a in g.attempts()] == ["codex"]
    assert info.value.attempt.frame is not None
    if sink not in IN_WORKER_THREAD:
        assert info.value.attempt.frame.path == __file__


@pytest.mark.parametrize("sink", sorted(IN_PROCESS))
def test_sink_runs_allowed_program(stubs: Stubs, sink: str) -> None:
    with runtime.guard(scope="all") as g:
        IN_PROCESS[sink]("harmless")
    assert g.attempts() == ()
    if sink != "shutil.which":
        assert stubs.ran("harmless")


def _child_python(code: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=SRC)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


@pytest.mark.parametrize("sink", sorted(EXEC_SINKS))
def test_exec_sinks(stubs: Stubs, sink: str) -> None:
    code = f"""
        import os, sys
        from frontier_lint.guard import runtime
        p = sys.argv[1] if len(sys.argv) > 1 else "codex"

        def find(name):  # not shutil.which: that probe would be stopped first
            for d in os.environ["PATH"].split(os.pathsep):
                if os.access(os.path.join(d, name), os.X_OK):
                    return os.path.join(d, name)

        runtime.install(scope="all")
        try:
            {EXEC_SINKS[sink]}
        except runtime.ForbiddenLaunchError as exc:
            print("BLOCKED", exc.program)
    """
    result = _child_python(code)
    assert result.stdout.strip() == "BLOCKED codex", result.stderr
    assert stubs.none_ran()
    # the same call with an allowed program replaces the child with it
    allowed = _child_python(code.replace('else "codex"', 'else "harmless"'))
    assert allowed.returncode == 0, allowed.stderr
    assert stubs.ran("harmless")


# ---------------------------------------------------------------------------------------------
# Launchers, shells and the error message


@pytest.mark.parametrize(
    "argv",
    [
        ["env", "FOO=1", "claude", "-p", "hi"],
        ["bash", "-lc", "cd / && codex exec"],
        ["sh", "-c", "true; gemini -p x | cat"],
        ["timeout", "5", "codex"],
        ["nice", "-n", "1", "env", "A=1", "codex"],
        ["npx", "-y", "@openai/codex@latest", "exec"],
        # env, read by the same parser as the linter's: `-`, `-S` with its own quoting
        ["env", "-", "PATH={bin}", "codex", "x"],
        ["/usr/bin/env", "-S", "-i PATH={bin} codex x"],
        ["env", "-iS", "PATH={bin} codex"],
        ["env", "-S", "PATH={bin}\\_codex\\_x"],
        ["env", "--split-string=codex x"],
        ["env", "-u", "HOME", "--", "codex"],
        ["timeout", "-s", "KILL", "5", "codex"],
        # options after the user, the user's shell's arguments, several-word options, braces
        ["su", "bob", "-c", "codex x"],
        ["runuser", "-l", "bob", "-c", "codex x"],
        ["su", "bob", "--", "-c", "codex x"],
        ["bwrap", "--ro-bind", "/", "/", "--setenv", "A", "B", "codex"],
        ["nsenter", "-t", "1", "-m", "codex"],
        ["bash", "-c", "{{codex,x}} y"],  # `{codex,x} y` once formatted
        ["sh", "-c", "co{{dex,}} y"],
        ["find", "/", "-maxdepth", "0", "-exec", "codex", "{{}}", ";"],
        # scripts of the CLIs' packages, job launchers, commands run locally
        ["node", "/usr/lib/node_modules/@openai/codex/bin/codex.js", "exec"],
        ["deno", "run", "npm:@anthropic-ai/claude-code"],
        ["parallel", ":::", "codex exec"],
        ["expect", "-c", "spawn codex"],
        ["ssh", "-o", "ProxyCommand=codex %h", "host"],
        ["start-stop-daemon", "--start", "--exec", "{bin}/codex"],
        ["flatpak", "run", "--command=codex", "org.x.App"],
        ["sh", "-c", "command eval 'codex x'"],
    ],
)
def test_launchers_and_shells(stubs: Stubs, argv: list[str]) -> None:
    if os.sep in argv[0] and not os.path.exists(argv[0]):
        pytest.skip(f"{argv[0]} does not exist here")
    with runtime.guard(scope="all"), pytest.raises(ForbiddenLaunchError):
        subprocess.run([a.format(bin=stubs.bin) for a in argv])
    assert stubs.none_ran()


def test_absolute_path_and_executable_keyword(stubs: Stubs) -> None:
    with runtime.guard(scope="all"):
        with pytest.raises(ForbiddenLaunchError):
            subprocess.run([str(stubs.bin / "codex")])
        with pytest.raises(ForbiddenLaunchError):
            subprocess.run(["innocent-name", "x"], executable=str(stubs.bin / "claude"))
        with pytest.raises(ForbiddenLaunchError):
            subprocess.run(f"{stubs.bin / 'gemini'} x", shell=True)
    assert stubs.none_ran()


def test_error_names_program_argv_and_line(stubs: Stubs) -> None:
    with runtime.guard(scope="all"), pytest.raises(ForbiddenLaunchError) as info:
        subprocess.run(["env", "A=1", "codex", "exec", "fix it"])  # the launching line
    message = str(info.value)
    assert "forbidden program `codex` through env (FL001)" in message
    assert "['env', 'A=1', 'codex', 'exec', 'fix it']" in message
    assert 'subprocess.run(["env", "A=1", "codex", "exec", "fix it"])' in message
    assert "test_runtime.py:" in message
    assert "test_error_names_program_argv_and_line" in message


def test_error_is_not_an_oserror_and_pickles(stubs: Stubs) -> None:
    with runtime.guard(scope="all"), pytest.raises(ForbiddenLaunchError) as info:
        subprocess.run(["codex"])
    assert not isinstance(info.value, OSError)
    copy = pickle.loads(pickle.dumps(info.value))
    assert copy.attempt == info.value.attempt
    assert str(copy) == str(info.value)


def test_record_mode_lets_it_run_and_logs(stubs: Stubs, caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.WARNING, "frontier_lint.runtime"),
        runtime.guard(scope="all", mode="record") as g,
    ):
        subprocess.run(["codex", "x"])
        os.system("claude x")
    assert stubs.ran("codex")
    assert stubs.ran("claude")
    assert [(a.program, a.blocked) for a in g.attempts()] == [("codex", False), ("claude", False)]
    assert "recorded launch of forbidden program `codex`" in caplog.text


# ---------------------------------------------------------------------------------------------
# Threads, asyncio, multiprocessing, forked children


def test_threads(stubs: Stubs) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        try:
            subprocess.run(["gemini", "x"])
        except BaseException as exc:
            errors.append(exc)

    with runtime.guard(scope="all") as g:
        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        subprocess.run(["harmless"])  # other threads' blocks do not leak into this one
    assert len(errors) == 4
    assert all(isinstance(e, ForbiddenLaunchError) for e in errors)
    assert len(g.attempts()) == 4
    assert not stubs.ran("gemini")
    assert stubs.ran("harmless")


def test_asyncio_gather(stubs: Stubs) -> None:
    async def main() -> list[object]:
        return await asyncio.gather(
            _async_exec("codex"),
            _async_shell("claude"),
            _async_exec("harmless"),
            return_exceptions=True,
        )

    with runtime.guard(scope="all"):
        results = asyncio.run(main())
    assert isinstance(results[0], ForbiddenLaunchError)
    assert isinstance(results[1], ForbiddenLaunchError)
    assert results[2] is None
    assert not stubs.ran("codex")
    assert not stubs.ran("claude")
    assert stubs.ran("harmless")


WORKER = """
import subprocess

from frontier_lint.guard.runtime import ForbiddenLaunchError


def launch(prog):
    subprocess.run([prog, "x"])
    return "ran"


def launch_and_catch(prog):
    try:
        subprocess.run([prog, "x"])
    except ForbiddenLaunchError:
        return "caught"
    return "ran"
"""


@pytest.fixture
def worker_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    pkg = tmp_path / "workerpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "work.py").write_text(WORKER)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([SRC, str(tmp_path)]))
    import workerpkg.work

    return workerpkg.work


@pytest.mark.parametrize("method", multiprocessing.get_all_start_methods())
def test_multiprocessing_workers(stubs: Stubs, worker_module: ModuleType, method: str) -> None:
    ctx = multiprocessing.get_context(method)
    with runtime.guard(scope="all") as g:
        with ctx.Pool(2) as pool:
            with pytest.raises(ForbiddenLaunchError) as info:
                pool.apply(worker_module.launch, ("codex",))
            assert pool.apply(worker_module.launch_and_catch, ("claude",)) == "caught"
            assert pool.apply(worker_module.launch, ("harmless",)) == "ran"
        attempts = g.attempts()
    assert info.value.program == "codex"
    assert sorted(a.program for a in attempts) == ["claude", "codex"]
    assert all(a.pid != os.getpid() for a in attempts), "recorded in the workers"
    assert not stubs.ran("codex")
    assert not stubs.ran("claude")
    assert stubs.ran("harmless")


@pytest.mark.parametrize("name", ["codex", "notcodex"])
def test_forked_child_exec_is_stopped(stubs: Stubs, aliases: Path, name: str) -> None:
    with runtime.guard(scope="all") as g:
        pid = os.fork()
        if pid == 0:  # the child: exec must not happen, nor may the child run on
            try:
                os.execvp(name, [name, "x"])
            finally:
                os._exit(99)
        _, status = os.waitpid(pid, 0)
        attempts = g.attempts()
    assert os.waitstatus_to_exitcode(status) == 126
    assert [(a.program, a.pid) for a in attempts] == [("codex", pid)]
    assert stubs.none_ran()


def test_spawn_through_launcher_is_stopped_in_the_child(stubs: Stubs) -> None:
    # The parent sees only `env`; the child's exec of `env codex` is stopped there.
    with runtime.guard(scope="all") as g:
        code = os.spawnvp(os.P_WAIT, "env", ["env", "A=1", "codex", "x"])
        attempts = g.attempts()
    assert code == 126
    assert [a.program for a in attempts] == ["codex"]
    assert stubs.none_ran()


# ---------------------------------------------------------------------------------------------
# The program identified by the executable it resolves to, not only by its name


@pytest.fixture
def aliases(stubs: Stubs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory, first on PATH, with other names for the stand-in codex (and harmless)."""
    other = tmp_path / "aliases"
    other.mkdir()
    (other / "notcodex").symlink_to(stubs.bin / "codex")  # a symlink
    os.link(stubs.bin / "codex", other / "hardcodex")  # a hard link: the same file
    shutil.copy2(stubs.bin / "codex", other / "copycodex")  # a renamed copy
    (other / "okharmless").symlink_to(stubs.bin / "harmless")
    # A different program exactly as long as the stand-in codex: a digest tells them apart.
    same_size = (stubs.bin / "codex").read_bytes().replace(b"codex", b"xedoc")
    (other / "lookalike").write_bytes(same_size)
    (other / "lookalike").chmod(0o755)
    monkeypatch.setenv("PATH", f"{other}{os.pathsep}{os.environ['PATH']}")
    return other


RESOLVED_LAUNCHES: dict[str, Callable[[str, Path], object]] = {
    "subprocess.run": lambda p, d: subprocess.run([p, "x"]),
    "subprocess.run path": lambda p, d: subprocess.run([str(d / p), "x"]),
    "subprocess.run cwd": lambda p, d: subprocess.run([f"./{p}", "x"], cwd=d),
    "subprocess.run env PATH": lambda p, d: subprocess.run(
        [p, "x"], env={"PATH": str(d), "HOME": str(d)}
    ),
    "env PATH=": lambda p, d: subprocess.run(["env", f"PATH={d}", p, "x"]),
    "env -S": lambda p, d: subprocess.run(["env", "-S", f"-i PATH={d} {p} x"]),
    "os.system": lambda p, d: os.system(f"cd / && {p} x"),
    "sh -c": lambda p, d: subprocess.run(["sh", "-c", f"true; {p} x"]),
    "asyncio": lambda p, d: asyncio.run(_async_exec(p)),
    "os.posix_spawnp": lambda p, d: os.waitpid(os.posix_spawnp(p, [p, "x"], dict(os.environ)), 0),
    "pexpect.spawn": lambda p, d: _pexpect("spawn")(p),
}


@pytest.mark.parametrize("how", sorted(RESOLVED_LAUNCHES))
@pytest.mark.parametrize("name", ["notcodex", "hardcodex", "copycodex"])
def test_other_names_for_a_forbidden_program_are_stopped(
    stubs: Stubs, aliases: Path, how: str, name: str
) -> None:
    with runtime.guard(scope="all") as g, pytest.raises(ForbiddenLaunchError) as info:
        RESOLVED_LAUNCHES[how](name, aliases)
    assert stubs.none_ran(), "the forbidden program started under another name"
    (hit,) = info.value.attempt.hits
    assert (hit.program, hit.word.rsplit("/", 1)[-1]) == ("codex", name)
    codex, alias = os.path.realpath(stubs.bin / "codex"), os.path.realpath(aliases / name)
    assert (
        hit.resolved
        == {
            "notcodex": codex,
            "hardcodex": f"{alias}, the same file as {codex}",
            "copycodex": f"{alias}, a copy of {codex}",
        }[name]
    )
    assert f"`{hit.word}` is " in str(info.value)
    assert [a.program for a in g.attempts()] == ["codex"]


@pytest.mark.parametrize("name", ["okharmless", "lookalike"])
def test_other_programs_still_run(stubs: Stubs, aliases: Path, name: str) -> None:
    with runtime.guard(scope="all") as g:
        subprocess.run([name, "x"], check=True)
        os.system(f"{name} y")
    assert g.attempts() == ()
    assert stubs.ran("harmless") or stubs.ran("xedoc")


def test_a_symlink_is_known_by_its_target_even_off_path(
    stubs: Stubs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real codex is nowhere on PATH: the symlink's real path still names it.
    hidden = tmp_path / "opt" / "codex-cli" / "bin"
    hidden.mkdir(parents=True)
    shutil.move(stubs.bin / "codex", hidden / "codex")
    (stubs.bin / "agent").symlink_to(hidden / "codex")
    with runtime.guard(scope="all"), pytest.raises(ForbiddenLaunchError) as info:
        subprocess.run(["agent", "x"])
    assert info.value.attempt.hits[0].resolved == str(hidden / "codex")
    assert stubs.none_ran()


def test_a_copy_is_found_again_after_the_directory_changes(stubs: Stubs, aliases: Path) -> None:
    # The directory listings are cached by mtime: a copy made after a first launch is seen.
    with runtime.guard(scope="all"):
        assert subprocess.run(["okharmless"]).returncode == 0
        shutil.copy2(stubs.bin / "codex", aliases / "late")
        with pytest.raises(ForbiddenLaunchError):
            subprocess.run(["late", "x"])
    assert not stubs.ran("codex")


# ---------------------------------------------------------------------------------------------
# What the guard cannot see (docs/runtime-guard.md): each limit shown to hold as documented


def test_not_seen_posixsubprocess_fork_exec_called_directly(stubs: Stubs) -> None:
    _posixsubprocess = pytest.importorskip("_posixsubprocess")
    errpipe_read, errpipe_write = os.pipe()
    codex = os.fsencode(stubs.bin / "codex")
    try:
        with runtime.guard(scope="all") as g:
            try:  # the arguments subprocess passes on this Python version
                pid = _posixsubprocess.fork_exec(
                    [codex, b"x"], [codex], True, (), None, None,
                    -1, -1, -1, -1, -1, -1, errpipe_read, errpipe_write,
                    True, False, -1, None, None, None, -1, None, False,
                )  # fmt: skip
            except TypeError as exc:
                pytest.skip(f"_posixsubprocess.fork_exec has another signature here: {exc}")
            os.waitpid(pid, 0)
    finally:
        os.close(errpipe_read)
        os.close(errpipe_write)
    assert g.attempts() == ()  # no audit event: subprocess.Popen raises it, not this
    assert stubs.ran("codex")


def test_not_seen_ctypes_calling_libc(stubs: Stubs) -> None:
    ctypes = pytest.importorskip("ctypes")
    libc = ctypes.CDLL(None)
    with runtime.guard(scope="all") as g:
        libc.system(b"codex x")
    assert g.attempts() == ()
    assert stubs.ran("codex")


def test_shell_variables_the_line_surely_assigns_and_eval_of_them(stubs: Stubs) -> None:
    with runtime.guard(scope="all") as g:
        for line in ("c=codex; $c x", 'p="cla"; eval "${p}ude x"', "eval 'gemini x'"):
            with pytest.raises(ForbiddenLaunchError):
                os.system(line)
    assert [a.program for a in g.attempts()] == ["codex", "claude", "gemini"]
    assert not stubs.ran("codex") and not stubs.ran("claude") and not stubs.ran("gemini")


def test_not_seen_shell_variables_the_shell_computes(stubs: Stubs) -> None:
    with runtime.guard(scope="all") as g:
        os.system("c=$(echo codex); $c x")  # a command substitution's output
        os.system("c=claude; if true; then c=gemini; fi; $c x")  # a branch: not surely once
    assert g.attempts() == ()
    assert stubs.ran("codex") and stubs.ran("gemini")


def test_not_seen_programs_a_launched_script_starts(stubs: Stubs, tmp_path: Path) -> None:
    script = tmp_path / "run-agent.sh"
    script.write_text("#!/bin/sh\ncodex x\n")
    script.chmod(0o755)
    with runtime.guard(scope="all") as g:
        subprocess.run([str(script)], check=True)
    assert g.attempts() == ()
    assert stubs.ran("codex")


def test_not_seen_a_copy_when_the_original_is_not_on_path(
    stubs: Stubs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing named codex on PATH to compare with, and the copy's own name is another.
    monkeypatch.setenv("PATH", os.environ["PATH"].replace(str(stubs.bin), str(tmp_path)))
    shutil.copy2(stubs.bin / "codex", tmp_path / "agent")
    with runtime.guard(scope="all") as g:
        subprocess.run(["agent", "x"], check=True)
    assert g.attempts() == ()
    assert stubs.ran("codex")


def test_child_interpreters_are_guarded_through_sitecustomize(stubs: Stubs, tmp_path: Path) -> None:
    launch = "import subprocess; subprocess.run(['codex', 'x'])"
    with runtime.guard(scope="all"):
        plain = subprocess.run([sys.executable, "-c", launch], capture_output=True, text=True)
    assert plain.returncode == 0 and stubs.ran("codex")  # not guarded by the parent's guard
    (stubs.markers / "codex").unlink()
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "sitecustomize.py").write_text(
        "from frontier_lint import runtime\nruntime.install(scope='all')\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site_dir), SRC]))
    guarded = subprocess.run(
        [sys.executable, "-c", launch], capture_output=True, text=True, env=env
    )
    assert "ForbiddenLaunchError" in guarded.stderr
    assert not stubs.ran("codex")


def test_seen_from_a_thread_started_before_install(stubs: Stubs) -> None:
    go, done = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def work() -> None:
        go.wait(10)
        try:
            subprocess.run(["codex", "x"])
        except BaseException as exc:
            errors.append(exc)
        done.set()

    thread = threading.Thread(target=work)
    thread.start()  # before the guard exists
    with runtime.guard(scope="all"):
        go.set()
        done.wait(10)
    thread.join()
    assert [type(e) for e in errors] == [ForbiddenLaunchError]
    assert stubs.none_ran()


def test_seen_in_a_spawned_multiprocessing_process(stubs: Stubs, worker_module: ModuleType) -> None:
    ctx = multiprocessing.get_context("spawn")
    with runtime.guard(scope="all") as g:
        proc = ctx.Process(target=worker_module.launch, args=("claude",))
        proc.start()
        proc.join(60)
        attempts = g.attempts()
    assert proc.exitcode == 1  # the worker's ForbiddenLaunchError ended it
    assert [a.program for a in attempts] == ["claude"]
    assert stubs.none_ran()


# ---------------------------------------------------------------------------------------------
# Scope, allowlist, configuration

PROJECT_CONFIG = """
include: ["app/**"]
exclude: ["app/tests/**"]
allow:
  - path: "app/installers/**"
    programs: [codex]
    reason: "installs the CLI on developer machines"
"""

LAUNCH = """
import subprocess


def launch(prog):
    return subprocess.run([prog, "x"]).returncode
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for rel in ("app/runner.py", "app/tests/helper.py", "app/installers/setup.py", "tools/dev.py"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(LAUNCH)
    (root / "frontier-lint.yaml").write_text(PROJECT_CONFIG)
    return root


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"m_{abs(hash(path))}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_project_scope(stubs: Stubs, project: Path) -> None:
    runner = _load(project / "app/runner.py")
    helper = _load(project / "app/tests/helper.py")
    installer = _load(project / "app/installers/setup.py")
    dev = _load(project / "tools/dev.py")
    with runtime.guard(project / "frontier-lint.yaml") as g:
        with pytest.raises(ForbiddenLaunchError) as info:
            runner.launch("codex")  # frontier runtime: blocked
        assert not stubs.ran("codex")
        assert helper.launch("codex") == 0  # excluded: runs
        assert dev.launch("gemini") == 0  # not included: runs
        assert installer.launch("codex") == 0  # allowlisted for codex
        with pytest.raises(ForbiddenLaunchError):
            installer.launch("claude")  # ... but not for claude
        assert subprocess.run(["gemini", "x"]).returncode == 0  # no project frame: tooling
    frame = info.value.attempt.frame
    assert frame is not None
    assert (frame.relpath, frame.line, frame.function) == ("app/runner.py", 6, "launch")
    assert frame.source() == 'return subprocess.run([prog, "x"]).returncode'
    assert [a.program for a in g.attempts()] == ["codex", "claude"]
    assert stubs.ran("gemini")
    assert not stubs.ran("claude")


def test_project_scope_judges_code_run_by_exec_at_the_call(stubs: Stubs, project: Path) -> None:
    # The code's own frame is no project file's (`<string>`): the launch is the exec call's,
    # where the linter reports it too (`models.code`).
    path = project / "app" / "scripted.py"
    path.write_text(
        "def launch(prog):\n"
        "    exec(\"import subprocess; subprocess.run([prog, 'x'])\", {'prog': prog})\n"
    )
    scripted = _load(path)
    with runtime.guard(project / "frontier-lint.yaml"), pytest.raises(ForbiddenLaunchError) as info:
        scripted.launch("codex")
    assert not stubs.ran("codex")
    frame = info.value.attempt.frame
    assert frame is not None
    assert (frame.relpath, frame.line, frame.function) == ("app/scripted.py", 2, "launch")


def test_project_scope_resolves_only_the_launches_it_judges(
    stubs: Stubs, aliases: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = _load(project / "app/runner.py")
    helper = _load(project / "app/tests/helper.py")
    resolved: list[str] = []
    identify = hook._identify

    def spy(verdict: object, *args: object) -> object:
        resolved.extend(s.word for s in verdict.started)  # type: ignore[attr-defined]
        return identify(verdict, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(hook, "_identify", spy)
    with runtime.guard(project / "frontier-lint.yaml"):
        with pytest.raises(ForbiddenLaunchError):
            runner.launch("notcodex")  # frontier runtime: resolved, blocked
        assert helper.launch("notcodex") == 0  # excluded test code: not even resolved
    assert resolved == ["notcodex"]
    assert stubs.ran("codex")


def test_scope_all_blocks_everything(stubs: Stubs, project: Path) -> None:
    dev = _load(project / "tools/dev.py")
    with runtime.guard(project / "frontier-lint.yaml", scope="all"):
        with pytest.raises(ForbiddenLaunchError):
            dev.launch("codex")
        with pytest.raises(ForbiddenLaunchError):
            subprocess.run(["codex"])
    assert stubs.none_ran()


def test_config_discovered_from_cwd(
    stubs: Stubs, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "app")
    runner = _load(project / "app/runner.py")
    with runtime.guard() as g:
        assert g.config.root == project.resolve()
        with pytest.raises(ForbiddenLaunchError):
            runner.launch("codex")
    assert stubs.none_ran()


def test_config_object_and_extra_rule_pack(stubs: Stubs, project: Path) -> None:
    pack = project / "extra.yaml"
    pack.write_text("rules:\n  - id: X001\n    kinds: [exec]\n    programs: [harmless]\n")
    (project / "frontier-lint.yaml").write_text(PROJECT_CONFIG + 'rules: ["extra.yaml"]\n')
    config = load_config(None, project)
    runner = _load(project / "app/runner.py")
    with runtime.guard(config), pytest.raises(ForbiddenLaunchError) as info:
        runner.launch("harmless")
    assert info.value.attempt.rule_ids == ("X001",)
    assert stubs.none_ran()


# ---------------------------------------------------------------------------------------------
# Installing, removing, child interpreters


def test_install_twice_is_the_same_guard(stubs: Stubs) -> None:
    with runtime.guard(scope="all") as first, runtime.guard(scope="all") as second:
        assert first is second
        assert runtime.installed() == (first,)
        with pytest.raises(ForbiddenLaunchError):
            subprocess.run(["codex"])
        assert len(first.attempts()) == 1  # one launch, one attempt
    assert not first.active


def test_two_different_guards_record_once_each(stubs: Stubs) -> None:
    with (
        runtime.guard(scope="all") as g1,
        runtime.guard(scope="all", mode="record") as g2,
        pytest.raises(ForbiddenLaunchError),
    ):
        subprocess.run(["codex"])
    assert len(g1.attempts()) == len(g2.attempts()) == 1
    assert g1.attempts()[0].key == g2.attempts()[0].key


def test_removed_guard_is_inert_and_restores_which(stubs: Stubs) -> None:
    original = shutil.which
    with runtime.guard(scope="all"):
        assert shutil.which is not original
    assert shutil.which is original
    subprocess.run(["codex", "x"])  # the audit hook stays, inert
    assert stubs.ran("codex")


def test_invalid_settings() -> None:
    with pytest.raises(ValueError, match="mode"):
        runtime.install(mode="explode")
    with pytest.raises(ValueError, match="scope"):
        runtime.install(scope="galaxy")


def test_install_in_child_interpreter_is_harmless(stubs: Stubs, project: Path) -> None:
    code = """
        import subprocess
        from frontier_lint.guard import runtime
        g1 = runtime.install(scope="all")
        g2 = runtime.install(scope="all")
        assert g1 is g2
        try:
            subprocess.run(["codex"])
        except runtime.ForbiddenLaunchError:
            print("blocked")
        print(subprocess.run(["harmless"]).returncode)
    """
    result = _child_python(code, cwd=project)
    assert result.stdout.split() == ["blocked", "0"], result.stderr
    assert stubs.ran("harmless")
    assert not stubs.ran("codex")


def test_guard_failure_fails_open(stubs: Stubs, monkeypatch: pytest.MonkeyPatch) -> None:
    with runtime.guard(scope="all") as g:
        monkeypatch.setattr(g.matcher, "match_argv", None)  # a broken matcher
        with pytest.raises(ForbiddenLaunchError):
            os.system("codex")  # shell lines use another method: still guarded
        assert subprocess.run(["harmless"]).returncode == 0
    assert stubs.ran("harmless")


@pytest.mark.parametrize(
    ("line", "argv"),
    [
        ('C:\\tools\\claude.exe -p "hi there"', ["C:\\tools\\claude.exe", "-p", "hi there"]),
        ('"C:\\Program Files\\npm\\codex.cmd" exec', ["C:\\Program Files\\npm\\codex.cmd", "exec"]),
        ('a\\\\"b c" d', ["a\\b c", "d"]),
        ('a\\"b', ['a"b']),
        ("a\\\\b", ["a\\\\b"]),
        ('"x""y"', ['x"y']),
        ("  ", []),
    ],
)
def test_windows_command_line(line: str, argv: list[str]) -> None:
    assert runtime.split_windows_command_line(line) == argv
