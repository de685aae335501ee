"""Drive Debian's chromium with Playwright, as a reader on this machine would.

Never a downloaded browser: the executable is /usr/bin/chromium (Debian), found
by ``.ci/system-packages``. Each visit records what a reader cannot see but a
newsroom must know about: console errors, uncaught exceptions, dialogs (a
payload that ran), Content-Security-Policy violations and every request to a
host other than the local server (blocked and recorded).

Shared by tests/quality and tests/charts; the session's browser is the
``chromium_browser`` fixture of tests/conftest.py.
"""

import base64
import functools
import hashlib
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing but the local server is reachable: names do not resolve, and every
    # request that is not to the loopback goes to a proxy that does not exist.
    # Requests are still seen (and recorded) by the page's "request" event.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The rules of AXE_TAGS whose outcome depends on colours: the only ones a change of
# colour scheme can turn, as long as nothing else on the page moves (see LAYOUT).
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
SCHEMES = ("light", "dark")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Screenshots are for humans and no test reads them: taken only when asked
# (MARSAD_SCREENSHOTS=1) or, by the tests that pass ``failed``, of a page that fails.
SCREENSHOTS_WANTED = os.environ.get("MARSAD_SCREENSHOTS", "") not in ("", "0")

# Installed before any page script: records CSP violations as the page sees them.
_WATCH_CSP = """
window.__marsadCsp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__marsadCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
    + ` at ${e.sourceFile || e.documentURI}:${e.lineNumber}` + (e.sample ? ` (${e.sample})` : ''));
});
"""

# axe-core waits on setTimeout, which never fires in a page with scripts disabled;
# in that case only, timers are replaced by microtasks for the duration of the run.
_NO_TIMERS = """
window.setTimeout = (fn, ms, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
window.clearTimeout = () => {};
"""


def launch(playwright):
    """Start chromium, or fail with the command that installs it."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        raise RuntimeError(
            f"{CHROMIUM} not found: install Debian's chromium with `bash .ci/system-packages` "
            "(apt-get install chromium chromium-driver); the tests never download a browser"
        )
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextmanager
def running():
    """Debian's chromium, started through Playwright for the length of the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser, viewport="desktop", javascript=True, bypass_csp=False):
    """A fresh context with the watchers set; the site's CSP is enforced unless ``bypass_csp``
    (used only to prove that escaping alone stops a payload, without the CSP's help)."""
    context = browser.new_context(
        java_script_enabled=javascript, bypass_csp=bypass_csp, **VIEWPORTS[viewport]
    )
    context.add_init_script(_WATCH_CSP)
    return context


@dataclass
class Visit:
    """What happened while one page loaded."""

    url: str
    expect_status: int = 200
    status: int = 0
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    csp_violations: list = field(default_factory=list)

    def problems(self):
        """Everything that must not happen, one line each."""
        lines = [f"console error: {m}" for m in self.console_errors]
        lines += [f"uncaught exception: {m}" for m in self.page_errors]
        lines += [f"dialog opened (a payload ran): {m}" for m in self.dialogs]
        lines += [f"request to another host: {u}" for u in self.foreign_requests]
        lines += [f"request failed: {u}" for u in self.failed_requests]
        lines += [f"CSP violation: {v}" for v in self.csp_violations]
        return lines


def _favicon(url):
    return urlsplit(url).path == "/favicon.ico"


class Tab:
    """One page of a context, reused for many visits; each visit gets a fresh record."""

    def __init__(self, context, origin):
        self.page = context.new_page()
        self.local = urlsplit(origin).netloc
        self.record = None
        self.scheme = None  # the colour scheme emulated now (it holds across navigations)
        self.page.on("request", self._on_request)
        self.page.on("response", self._on_response)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.record.page_errors.append(str(error)))
        self.page.on("dialog", self._on_dialog)

    def _on_request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.netloc != self.local:
            self.record.foreign_requests.append(request.url)

    def _on_response(self, response):
        # The 404 page answers 404 by design; any other failure is a broken asset.
        # (chromium asks for /favicon.ico once per context, so that one is checked
        # by test_static_safety.py::test_every_page_names_an_icon_that_exists instead.)
        if response.status >= 400 and response.url != self.record.url and not _favicon(response.url):
            self.record.failed_requests.append(f"{response.status} {response.url}")

    def _on_console(self, message):
        if message.type != "error":
            return
        text = message.text
        if (
            self.record.expect_status == 404
            and "status of 404" in text
            and (message.location or {}).get("url") == self.record.url
        ):
            return  # the browser's note about the 404 page's own status
        location = message.location or {}
        if _favicon(location.get("url", "")):
            return
        self.record.console_errors.append(
            f"{text} ({location.get('url', '')}:{location.get('lineNumber', '')})"
        )

    def _on_dialog(self, dialog):
        self.record.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, url, scheme="light", expect_status=200):
        """Load ``url`` in the given colour scheme; return its :class:`Visit`."""
        self.record = Visit(url, expect_status=expect_status)
        self._emulate(scheme)
        response = self.page.goto(url, wait_until="load")
        self.record.status = response.status if response else 0
        return self.finish(wait=20)

    def charts_interactive(self, timeout=20000):
        """Wait until theme/static/js/charts.js has swapped every static chart of the page
        for its interactive view (what a reader sees with JavaScript on, once the page is at
        rest); False if it has not after ``timeout`` ms."""
        try:
            self.page.wait_for_function(
                "() => [...document.querySelectorAll('figure.chart[data-chart-spec]')]"
                ".every(f => f.classList.contains('chart--interactive'))",
                timeout=timeout,
            )
        except Exception:  # noqa: BLE001 (Playwright's TimeoutError; the caller reports it)
            return False
        return True

    def switch_scheme(self, scheme):
        """Switch the loaded page to another colour scheme in place (as a reader's system
        does at dusk) and return a fresh :class:`Visit` of what happened since."""
        self.record = Visit(self.record.url, self.record.expect_status, self.record.status)
        self.page.evaluate("window.__marsadCsp = []")
        self._emulate(scheme)
        return self.finish(wait=20)

    def _emulate(self, scheme):
        # Emulating the scheme a page already has still restyles it: done only on a change.
        if scheme != self.scheme:
            self.page.emulate_media(color_scheme=scheme)
            self.scheme = scheme

    def finish(self, wait=100):
        """Wait ``wait`` ms for late console messages and violation events, then read the
        CSP violations into the record (again after the page's own scripts have run)."""
        self.page.wait_for_timeout(wait)
        self.record.csp_violations = self.page.evaluate("window.__marsadCsp || []")
        return self.record

    def close(self):
        self.page.close()


@contextmanager
def reused_tabs(browser):
    """Within the block, ``get(origin, viewport, javascript)``: one :class:`Tab` per
    (origin, viewport, JavaScript on/off), each in its own context, made when first
    asked for (a reader going from page to page: the Vega bundle then comes from the
    browser's cache); the contexts are closed after the block."""
    made = {}

    def get(origin, viewport="desktop", javascript=True):
        key = (origin, viewport, javascript)
        if key not in made:
            context = new_context(browser, viewport, javascript)
            made[key] = (context, Tab(context, origin))
        return made[key][1]

    try:
        yield get
    finally:
        for context, _tab in made.values():
            context.close()


@contextmanager
def visit(browser, url, viewport="desktop", scheme="light", javascript=True):
    """Open ``url`` in a fresh context (closed after the block); yield its :class:`Tab`."""
    context = new_context(browser, viewport, javascript)
    try:
        tab = Tab(context, url)
        tab.open(url, scheme)
        yield tab
    finally:
        context.close()


# Elements and attributes a payload would have created, looked for in the live DOM.
FIND_INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 40)}">`);
      if (/^(href|src|action|formaction|data|xlink:href)$/i.test(attr.name)
          && /^\\s*(javascript|vbscript|data:text)/i.test(attr.value))
        found.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 40)}">`);
    }
  }
  for (const s of document.querySelectorAll('script:not([src])'))
    if (!/json/i.test(s.type)) found.push(`inline <script>: ${s.textContent.slice(0, 60)}`);
  for (const el of document.querySelectorAll('iframe, object, embed, form[action^="http"], base'))
    found.push(`<${el.localName}>`);
  return found;
}"""


# The DOM, and where every element of the page is and whether it shows: what axe's
# rules other than AXE_COLOUR_RULES read (two pages with the same LAYOUT get the same
# results from them).
LAYOUT = """() => JSON.stringify([document.documentElement.outerHTML, ...[...document.querySelectorAll('*')].map((e) => {
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return [e.localName, r.x, r.y, r.width, r.height, s.display, s.visibility, s.opacity,
    s.overflowX, s.overflowY, s.clipPath, getComputedStyle(e, '::before').content,
    getComputedStyle(e, '::after').content].join(' ');
})])"""


# The style rules in force: every sheet's rules, and which of their media conditions
# (a scheme, a width, scripting on or off) match now. With the DOM and LAYOUT, what
# sets every computed style, colours included.
STYLES_IN_FORCE = """() => {
  const rules = (list) => [...list].map((rule) => rule.cssRules
    ? [rule.constructor.name, rule.conditionText ?? '', rule.media ? matchMedia(rule.media.mediaText).matches : null, rules(rule.cssRules)]
    : rule.styleSheet ? [rule.cssText, matchMedia(rule.media.mediaText || 'all').matches, rules(rule.styleSheet.cssRules)]
    : rule.cssText);
  const sheets = [...document.styleSheets, ...document.adoptedStyleSheets];
  return JSON.stringify(sheets.map((sheet) => [sheet.href, sheet.disabled,
    matchMedia(sheet.media.mediaText || 'all').matches, rules(sheet.cssRules)]));
}"""


def appearance(page):
    """A digest of everything axe-core reads of the page: the DOM and LAYOUT (where every
    element is, whether it shows), and STYLES_IN_FORCE. Two loads with the same appearance
    (JavaScript on and off, say) get the same answer from every axe rule."""
    seen = page.evaluate(f"() => JSON.stringify([({LAYOUT})(), ({STYLES_IN_FORCE})()])")
    return hashlib.sha256(seen.encode("utf-8")).hexdigest()


def keep_layout(page):
    """Compute LAYOUT in the page and keep it there (window.__marsadLayout): on a big page
    it is a few hundred KB, not worth sending through the driver each time."""
    page.evaluate(f"() => {{ window.__marsadLayout = ({LAYOUT})(); }}")


def same_layout(page):
    """Whether LAYOUT now is what :func:`keep_layout` kept."""
    return page.evaluate(f"() => ({LAYOUT})() === window.__marsadLayout")


def run_axe(page, javascript=True, rules=None):
    """Run axe-core (from node_modules) on the page; return its violations at WCAG 2.1 AA
    (only those of ``rules``, e.g. AXE_COLOUR_RULES, if given).

    axe is evaluated through the DevTools protocol, so the page's CSP stays enforced;
    it is loaded once per page.
    """
    if not AXE.is_file():
        raise RuntimeError(f"{AXE} not found: run `npm ci --ignore-scripts` at the project root")
    if not javascript:
        page.evaluate(_NO_TIMERS)
    if not page.evaluate("typeof window.axe?.run === 'function'"):
        page.evaluate(_axe_source())
    only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": AXE_TAGS}
    return page.evaluate(
        """(only) => axe.run(document, {runOnly: only, resultTypes: ['violations']})
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))""",
        only,
    )


@functools.lru_cache(maxsize=1)
def _axe_source():
    return AXE.read_text(encoding="utf-8") + "\n;0"


def describe_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {n}" for n in v["nodes"]]
    return "\n".join(lines)


def screenshot(page, name, full_page=True, failed=False):
    """Save a PNG of the whole page (or, if not ``full_page``, of what the viewport shows)
    to test-artifacts/screenshots/, if MARSAD_SCREENSHOTS=1 or the caller saw it ``failed``;
    return its path, or None if none was taken.

    Taken through the DevTools protocol with optimizeForSpeed: the same picture as
    Playwright's full_page screenshot, in files about a third larger, for about a
    third of the CPU time (the browser tests take a few hundred). A whole page costs
    about four times the viewport's: chromium lays it out again at its full height.
    """
    if not (SCREENSHOTS_WANTED or failed):
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    session = page.context.new_cdp_session(page)
    try:
        options = {"format": "png", "optimizeForSpeed": True}
        if full_page:
            size = session.send("Page.getLayoutMetrics")["cssContentSize"]
            options["captureBeyondViewport"] = True
            options["clip"] = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = session.send("Page.captureScreenshot", options)
    finally:
        session.detach()
    path.write_bytes(base64.b64decode(shot["data"]))
    return path
