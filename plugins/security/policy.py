"""The site's security policy: its defaults and the checks on it.

Every value here is a setting in pelicanconf.py, read with ``settings.get(NAME,
DEFAULT)``; these are the documented defaults.
"""

# CONTENT_SECURITY_POLICY: printed by base.html in
# <meta http-equiv="Content-Security-Policy">, and repeated in _headers.
# Only the site's own files load. No inline script, no eval, no inline style
# (chart libraries' CSS is served as a file), no plugins, no <base> rewriting,
# forms post only to the site itself.
DEFAULT_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "script-src 'self'; "
    "style-src 'self'; "
    "img-src 'self' data:; "
    "font-src 'self'; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'none'; "
    "form-action 'self'"
)

# CONTENT_SECURITY_POLICY_HEADER_EXTRA: directives that browsers ignore in a
# <meta> tag (and report as a console error), so they go in _headers only.
DEFAULT_CSP_HEADER_EXTRA = "frame-ancestors 'none'"

# REFERRER_POLICY: a reader following a source link tells the source nothing
# about which page they came from. Also printed as <meta name="referrer">.
DEFAULT_REFERRER_POLICY = "no-referrer"

# PERMISSIONS_POLICY: the site needs no device access; neither does anything
# that might get injected into it.
DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)

# SECURITY_HEADERS_SAVE_AS: the headers file for hosts that read one
# (Netlify, Cloudflare Pages). None or "" writes no file.
DEFAULT_HEADERS_SAVE_AS = "_headers"

# SECURITY_IMMUTABLE_FILES: glob patterns (relative to the output folder) of
# files whose names carry a hash of their content, so a changed file always gets
# a new name. Each output file matching one gets its own _headers rule with
# SECURITY_IMMUTABLE_CACHE_CONTROL. plugins/charts adds its Vega bundle's pattern.
DEFAULT_IMMUTABLE_FILES = ()
# SECURITY_IMMUTABLE_CACHE_CONTROL: a year, and never revalidated.
DEFAULT_IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"

# CSP_PAGE_SCRIPT_SOURCES: {output path glob: [script source, ...]}, script
# sources added to the policy of matching pages only (and to their _headers
# rule). Default none; pelicanconf.py allows 'wasm-unsafe-eval' on the search
# pages for Pagefind. Only sources in PAGE_SCRIPT_SOURCES_ALLOWED (or a hash) may be added.
DEFAULT_PAGE_SCRIPT_SOURCES: dict[str, list[str]] = {}
# 'wasm-unsafe-eval' lets a page compile WebAssembly; it does not allow eval(),
# new Function() or inline script.
PAGE_SCRIPT_SOURCES_ALLOWED = ("'wasm-unsafe-eval'",)

# SECURITY_FRAMEABLE_PATHS: _headers path rules ('/charts/:name/embed/*') of pages
# other sites may show in an <iframe>: each gets a rule that detaches the
# site-wide Content-Security-Policy and X-Frame-Options and sends the policy with
# frame-ancestors SECURITY_FRAME_ANCESTORS instead. Default none; plugins/chartpages
# adds its embed pages. Every other page keeps frame-ancestors 'none' and DENY.
DEFAULT_FRAMEABLE_PATHS: tuple[str, ...] = ()
# SECURITY_FRAME_ANCESTORS: who may frame those pages; default any site ('*').
# A list of origins ('https://partner.example') narrows it.
DEFAULT_FRAME_ANCESTORS = "*"

# Source expressions that would let injected markup run; never allowed.
FORBIDDEN = {
    "script-src": ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*"),
    "default-src": ("'unsafe-inline'", "'unsafe-eval'", "data:", "*"),
    "object-src": ("*",),
}


def with_script_hashes(policy, hashes):
    """Add 'sha256-...' sources to the policy's script-src (for one known inline script)."""
    if not hashes:
        return policy
    sources = " ".join(f"'{h.strip(chr(39))}'" for h in hashes)
    parts = [part.strip() for part in policy.split(";")]
    for index, part in enumerate(parts):
        if part.lower().startswith("script-src"):
            parts[index] = f"{part} {sources}"
            break
    else:
        parts.append(f"script-src 'self' {sources}")
    return "; ".join(p for p in parts if p)


def with_script_sources(policy, sources):
    """The policy with ``sources`` added to its script-src (created from 'self' if absent)."""
    if not sources:
        return policy
    parts = [part.strip() for part in policy.split(";") if part.strip()]
    for index, part in enumerate(parts):
        if part.lower().startswith("script-src"):
            parts[index] = " ".join([part, *sources])
            break
    else:
        parts.append(" ".join(["script-src 'self'", *sources]))
    return "; ".join(parts)


def page_source_problems(page_sources, setting="CSP_PAGE_SCRIPT_SOURCES"):
    """Reasons the per-page script sources are refused (empty when fine)."""
    found = []
    for pattern, sources in (page_sources or {}).items():
        for source in sources:
            if source not in PAGE_SCRIPT_SOURCES_ALLOWED and not source.startswith("'sha256-"):
                found.append(
                    f"pelicanconf.py: {setting}: {pattern}: expected one of "
                    f"{', '.join(PAGE_SCRIPT_SOURCES_ALLOWED)} or a 'sha256-...' hash, found {source}"
                )
    return found


def url_rule(pattern):
    """The _headers path rule of an output path pattern: 'search/index.html' -> '/search/*'."""
    if pattern.endswith("index.html"):
        pattern = pattern[: -len("index.html")] + "*"
    return "/" + pattern.lstrip("/")


def directives(policy):
    """Parse a policy string into {directive: [source, ...]} (names lower-case)."""
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed.setdefault(words[0].lower(), words[1:])
    return parsed


def problems(policy, setting="CONTENT_SECURITY_POLICY"):
    """Return the reasons a policy is unsafe (an empty list when it is fine)."""
    if not policy or not policy.strip():
        return [f"pelicanconf.py: {setting}: expected a policy, found none"]
    found = []
    parsed = directives(policy)
    if "script-src" not in parsed and "default-src" not in parsed:
        found.append(
            f"pelicanconf.py: {setting}: expected a script-src or default-src directive, found neither"
        )
    for name, bad in FORBIDDEN.items():
        for source in parsed.get(name, []):
            if source.lower() in bad:
                found.append(
                    f"pelicanconf.py: {setting}: {name}: {source} would let injected script run; remove it"
                )
    if "\n" in policy or '"' in policy:
        found.append(f"pelicanconf.py: {setting}: expected one line without double quotes")
    return found


def headers_file(
    csp,
    extra,
    referrer,
    permissions,
    immutable=(),
    cache_control=DEFAULT_IMMUTABLE_CACHE_CONTROL,
    page_sources=None,
    frameable=(),
    frame_ancestors=DEFAULT_FRAME_ANCESTORS,
):
    """Text of a Netlify/Cloudflare ``_headers`` file: the security headers for every
    path, a rule replacing the policy of each ``page_sources`` pattern, a rule letting
    other sites frame each ``frameable`` path rule, then a cache rule for each path
    in ``immutable`` (site-relative, no slash).

    A page rule first detaches the site-wide policy ('! Content-Security-Policy',
    Cloudflare Pages' syntax): two policies would both apply, and the stricter wins.
    """

    def joined(value):
        return "; ".join(p.strip().rstrip(";") for p in (value, extra) if p and p.strip())

    policy = joined(csp)
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy}",
        f"  Referrer-Policy: {referrer}",
        "  X-Content-Type-Options: nosniff",
        "  X-Frame-Options: DENY",
        f"  Permissions-Policy: {permissions}",
        "  Cross-Origin-Opener-Policy: same-origin",
    ]
    for pattern, sources in sorted((page_sources or {}).items()):
        lines += [
            url_rule(pattern),
            "  ! Content-Security-Policy",
            f"  Content-Security-Policy: {joined(with_script_sources(csp, sources))}",
        ]
    for rule in frameable or ():
        # Cloudflare Pages: a header of an earlier matching rule stays unless
        # detached; Netlify cannot detach, but a header of a later matching rule
        # replaces the earlier one's, and browsers ignore X-Frame-Options when the
        # policy has frame-ancestors (HTML standard). docs/security.md.
        framed = "; ".join(
            p.strip().rstrip(";") for p in (csp, f"frame-ancestors {frame_ancestors}") if p and p.strip()
        )
        lines += [
            rule,
            "  ! Content-Security-Policy",
            "  ! X-Frame-Options",
            f"  Content-Security-Policy: {framed}",
        ]
    for path in sorted(immutable):
        lines += [f"/{path}", f"  Cache-Control: {cache_control}"]
    return "\n".join(lines) + "\n"
