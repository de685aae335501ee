"""Hugo on the same stories, as the benchmark's outside reference (Debian's `hugo`).

The synthetic stories are written again as Hugo content: the same Markdown
bodies, their metadata as YAML front matter (title, date, category, tags,
authors, slug, summary), and a minimal theme that writes what bare Pelican
writes for them: a page per story, the home page and each category, tag and
author page paginated by 12, the archives, and Hugo's own feeds and sitemap.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import memory
import yaml

CONFIG = """baseURL = "http://localhost:8000/"
title = "Marsad (benchmark)"
languageCode = "en-gb"
paginate = 12
relativeURLs = true
disableKinds = []
[permalinks]
  posts = "/:year/:month/:slug/"
[taxonomies]
  category = "categories"
  tag = "tags"
  author = "authors"
[markup.goldmark.renderer]
  unsafe = true
"""
BASEOF = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Taxonomies.categories }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}</nav>
</header><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ range .Params.authors }}{{ . }} {{ end }}</p>
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>{{ end }}
"""
# Hugo keeps a page's first paginator: one .Paginate call per page, on its own stories.
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $stories := .Pages }}{{ if .IsHome }}{{ $stories = where .Site.RegularPages "Section" "posts" }}{{ end }}
{{ $paginator := .Paginate $stories }}
{{ range $paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Date.Format "2 January 2006" }}</p><p>{{ .Summary }}</p></article>{{ end }}
{{ if $paginator.HasPrev }}<a href="{{ $paginator.Prev.URL }}">newer</a>{{ end }}
{{ if $paginator.HasNext }}<a href="{{ $paginator.Next.URL }}">older</a>{{ end }}{{ end }}
"""
TERMS = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>{{ end }}
"""
ARCHIVES = """---
title: Archives
layout: archives
---
"""
ARCHIVES_LAYOUT = """{{ define "main" }}<h1>{{ .Title }}</h1><dl>
{{ range where .Site.RegularPages "Section" "posts" }}<dt>{{ .Date.Format "2 Jan 2006" }}</dt>
<dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}</dl>{{ end }}
"""


def _front_matter(header_lines):
    meta = {}
    for line in header_lines:
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    day, clock = meta["date"].split(" ")
    hours, offset = clock[:5], clock[5:]
    matter = {
        "title": meta["title"],
        "date": f"{day}T{hours}:00{offset}",
        "slug": meta["slug"],
        "categories": [meta["category"]],
        "tags": [tag.strip() for tag in meta.get("tags", "").split(",") if tag.strip()],
        "authors": [meta.get("authors", "")],
        "summary": meta.get("summary", ""),
    }
    return yaml.safe_dump(matter, sort_keys=False, allow_unicode=True)


def lay_out(site, folder: Path) -> Path:
    """The Hugo version of a synthetic site under ``folder``; returns it."""
    shutil.rmtree(folder, ignore_errors=True)
    posts, layouts = folder / "content" / "posts", folder / "layouts" / "_default"
    posts.mkdir(parents=True)
    layouts.mkdir(parents=True)
    (folder / "config.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in [
        ("baseof.html", BASEOF),
        ("single.html", SINGLE),
        ("list.html", LIST),
        ("terms.html", TERMS),
        ("archives.html", ARCHIVES_LAYOUT),
    ]:
        (layouts / name).write_text(text, encoding="utf-8")
    (folder / "content" / "archives.md").write_text(ARCHIVES, encoding="utf-8")
    for path in site.story_paths:
        header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        text = "---\n" + _front_matter(header.splitlines()) + "---\n\n" + body
        (posts / path.name).write_text(text, encoding="utf-8")
    return folder


def available() -> bool:
    return shutil.which("hugo") is not None


def build(folder: Path) -> dict:
    """One Hugo build into a fresh public/: wall time, peak memory, pages."""
    public = folder / "public"
    shutil.rmtree(public, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen(
        ["hugo", "--quiet", "--source", str(folder), "--destination", str(public)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = memory.TreeSampler(process.pid, interval=0.01).start()
    out, err = process.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    if process.returncode != 0:
        raise RuntimeError(f"hugo failed:\n{out[-2000:]}{err[-2000:]}")
    return {
        "wall_s": wall,
        # Hugo is one process: its last sampled VmHWM (monotonic) is its peak.
        "peak_rss_mb": max(sampler.root_peak_mb, sampler.tree_peak_mb),
        "pages": sum(1 for _ in public.rglob("*.html")),
        "version": subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip(),
    }
