"""pytest plugin: fail every test whose code path attempts a forbidden launch.

Registered through the `pytest11` entry point and off unless asked for:

- `pytest --frontier-guard` (or `frontier_guard = true` in the ini section) guards the session;
- `@pytest.mark.frontier_guard` (optionally `(scope="all", mode="record")`) or the
  `frontier_guard` fixture guards single tests.

A test fails with the program, the argv and the launching line even when it catches the
`ForbiddenLaunchError`; the terminal summary lists every attempt. When off, the plugin adds its
options and one look at the collected items, nothing per test; `frontier_lint.guard.runtime` is not even
imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from frontier_lint.guard.runtime import Guard, LaunchAttempt
    from frontier_lint.settings.config import Config

PLUGIN_NAME = "frontier-guard"
MARKER = "frontier_guard"
SECTION = "frontier-lint runtime guard"
_ITEM_GUARDS = pytest.StashKey["list[Guard]"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("frontier-lint", "frontier-lint runtime guard")
    group.addoption(
        "--frontier-guard",
        action="store_true",
        default=False,
        help="fail tests whose code path attempts to launch a forbidden program",
    )
    group.addoption(
        "--frontier-guard-scope",
        choices=("project", "all"),
        default=None,
        help="project: launches asked for by frontier-runtime code (default); all: every launch",
    )
    group.addoption(
        "--frontier-guard-mode",
        choices=("raise", "record"),
        default=None,
        help="raise: block the launch and fail the test (default); record: let it run, report it",
    )
    group.addoption(
        "--frontier-guard-config",
        default=None,
        metavar="FILE",
        help="frontier-lint configuration (default: discovered from the rootdir)",
    )
    parser.addini("frontier_guard", type="bool", default=False, help="enable --frontier-guard")
    parser.addini("frontier_guard_scope", default="project", help="project or all")
    parser.addini("frontier_guard_mode", default="raise", help="raise or record")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(scope='project', mode='raise'): fail the test if its code path attempts to "
        "launch a forbidden program (frontier-lint runtime guard)",
    )
    if config.getoption("frontier_guard") or config.getini("frontier_guard"):
        config.pluginmanager.register(GuardPlugin(config, session_wide=True), PLUGIN_NAME)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Tests that ask for a guard of their own (marker, fixture) get the per-test part; when
    # none does, nothing runs per test unless the session is guarded.
    wanted = [item for item in items if _wants_guard(item)]
    if not wanted:
        return
    plugin = config.pluginmanager.get_plugin(PLUGIN_NAME)
    if plugin is None:
        plugin = GuardPlugin(config, session_wide=False)
        config.pluginmanager.register(plugin, PLUGIN_NAME)
    config.pluginmanager.register(_PerTestGuards(plugin, wanted), f"{PLUGIN_NAME}-per-test")


def _wants_guard(item: pytest.Item) -> bool:
    return item.get_closest_marker(MARKER) is not None or MARKER in getattr(
        item, "fixturenames", ()
    )


@pytest.fixture
def frontier_guard(request: pytest.FixtureRequest) -> Guard:
    """The runtime guard watching this test (activates it for this test if it is off)."""
    guards: list[Guard] | None = request.node.stash.get(_ITEM_GUARDS, None)
    if guards:
        return guards[0]
    plugin = request.config.pluginmanager.get_plugin(PLUGIN_NAME)
    if plugin is not None and plugin.session_guard is not None:
        return plugin.session_guard  # type: ignore[no-any-return]
    raise pytest.UsageError("frontier_guard: the runtime guard is not active")  # unreachable


class GuardPlugin:
    """The active part: installs guards and turns their attempts into test failures."""

    def __init__(self, config: pytest.Config, *, session_wide: bool) -> None:
        self.config = config
        self.session_wide = session_wide
        self.mode = config.getoption("frontier_guard_mode") or config.getini("frontier_guard_mode")
        self.scope = config.getoption("frontier_guard_scope") or config.getini(
            "frontier_guard_scope"
        )
        self.session_guard: Guard | None = None
        self.reports: list[tuple[str, LaunchAttempt]] = []  # (test id or "<session>", attempt)
        self.guards: list[Guard] = []  # every guard installed and not yet closed
        self.per_test: dict[str, list[Guard]] = {}  # nodeid -> guards of its own
        self._seen: set[tuple[int, int]] = set()
        self._marks: dict[str, int] = {}  # guard token -> attempts already looked at
        self._pending: list[LaunchAttempt] = []  # seen, not yet attributed to a report
        self._guard_config: Config | None = None
        if session_wide:
            self._load_config()  # a bad configuration is a usage error, reported at once

    # -- guards -------------------------------------------------------------------------------
    def _load_config(self) -> Config:
        if self._guard_config is None:
            from frontier_lint.settings.config import ConfigError
            from frontier_lint.settings.loading import load_config

            explicit = self.config.getoption("frontier_guard_config")
            try:
                self._guard_config = load_config(
                    self.config.rootpath / explicit if explicit else None,
                    self.config.rootpath,
                )
            except ConfigError as exc:
                raise pytest.UsageError(f"frontier-lint: {exc}") from None
        return self._guard_config

    def install(self, mode: str, scope: str) -> Guard:
        from frontier_lint.guard import runtime
        from frontier_lint.settings.catalogue import RulePackError

        if mode not in runtime.MODES or scope not in runtime.SCOPES:
            raise pytest.UsageError(
                f"frontier-lint: guard mode must be raise|record and scope project|all, "
                f"got mode={mode!r} scope={scope!r}"
            )
        try:
            guard = runtime.install(self._load_config(), mode=mode, scope=scope)
        except RulePackError as exc:
            raise pytest.UsageError(f"frontier-lint: {exc}") from None
        self.guards.append(guard)
        return guard

    def release(self, guard: Guard) -> None:
        self._poll()  # what it saw before it goes
        guard.close()
        self.guards.remove(guard)

    def _poll(self) -> None:
        """Queue the attempts seen since the last look (one launch seen twice counts once)."""
        out: list[LaunchAttempt] = []
        for g in self.guards:
            seen = self._marks.get(g.token, 0)
            if g.count() <= seen:
                continue  # the common case, kept cheap: it runs three times per test
            new = g.attempts(since=seen)
            self._marks[g.token] = seen + len(new)
            for attempt in new:
                if attempt.key not in self._seen:
                    self._seen.add(attempt.key)
                    out.append(attempt)
        self._pending.extend(out)

    # -- hooks --------------------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        if self.session_wide and self.session_guard is None:
            self.session_guard = self.install(self.mode, self.scope)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # First of the logreport hooks, so the terminal, junitxml and -x see the verdict.
        self._poll()
        if self._pending:
            attempts, self._pending = self._pending, []
            self._fail(report, attempts)
            self.reports.extend((report.nodeid, a) for a in attempts)
        if report.when == "teardown":
            for g in self.per_test.pop(report.nodeid, []):
                self.release(g)
            if self._pending:  # seen by the test's own guard only now: still this test's
                attempts, self._pending = self._pending, []
                self._fail(report, attempts)
                self.reports.extend((report.nodeid, a) for a in attempts)

    def _fail(self, report: pytest.TestReport, attempts: list[LaunchAttempt]) -> None:
        blocked = [a for a in attempts if a.blocked]
        text = "\n".join(a.describe() for a in attempts)
        if not blocked:
            report.sections.append((SECTION, text))  # record mode: reported, not failed
            return
        if report.passed:
            report.outcome = "failed"
            report.longrepr = f"{SECTION}: forbidden launch attempted\n{text}"
        else:
            report.sections.append((SECTION, text))

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        self._poll()
        outside, self._pending = self._pending, []
        self.reports.extend(("<session>", a) for a in outside)
        if any(a.blocked for a in outside) and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        self._close_guards()

    def pytest_unconfigure(self) -> None:
        self._close_guards()

    def _close_guards(self) -> None:
        for g in list(self.guards):
            g.close()
        self.guards.clear()
        self.per_test.clear()
        self.session_guard = None

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if not self.reports and not self.session_wide:
            return
        terminalreporter.section(SECTION)
        if not self.reports:
            terminalreporter.line("no forbidden launch attempted")
            return
        blocked = sum(1 for _, a in self.reports if a.blocked)
        terminalreporter.line(
            f"{len(self.reports)} forbidden launch attempt(s), {blocked} blocked:", red=True
        )
        for where, attempt in self.reports:
            terminalreporter.line(f"{where}: {attempt.describe()}")


class _PerTestGuards:
    """Registered only when some test asks for a guard of its own (marker or fixture)."""

    def __init__(self, plugin: GuardPlugin, items: list[pytest.Item]) -> None:
        self.plugin = plugin
        self.wanted = {item.nodeid for item in items}

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        # Before the fixtures, so a fixture's launch is the test's too. A test gets a guard of
        # its own unless the session guard already has the settings it asks for (installing
        # equal settings returns the same guard, counted once).
        if item.nodeid not in self.wanted:
            return
        plugin = self.plugin
        marker = item.get_closest_marker(MARKER)
        kwargs = dict(marker.kwargs) if marker is not None else {}
        if not kwargs and plugin.session_guard is not None:
            return
        guard = plugin.install(kwargs.get("mode", plugin.mode), kwargs.get("scope", plugin.scope))
        item.stash[_ITEM_GUARDS] = [guard]
        plugin.per_test[item.nodeid] = [guard]
