"""The table `make bench` prints, from the results bench.py collected.

.venv/bin/python benchmarks/report.py [benchmarks/results/latest.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def phases(result):
    """Seconds of each phase of one build (from run_build.py's report)."""
    receivers, generators = result["receivers_s"], result["generators_s"]
    writing = sum(v for k, v in generators.items() if k.endswith("generate_output"))
    return {
        "load + validate data": receivers.get("datasets", 0)
        + generators.get("DataPagesGenerator.generate_context", 0),
        "charts": receivers.get("charts", 0) + generators.get("ChartsGenerator.generate_context", 0),
        "related index": receivers.get("related", 0),
        "articles plugin": receivers.get("articles", 0),
        "reading stories (Pelican)": generators.get("ArticlesGenerator.generate_context", 0)
        + generators.get("PagesGenerator.generate_context", 0),
        "page writing": writing,
    }


def _kb(value):
    return f"{value / 1024:.1f}"


def _verdict(ok):
    return "met" if ok else "NOT met"


def table(results) -> str:
    """Plain-text report: builds, phases, goals, page weights."""
    goals, bare = results["goals"], results["bare"]
    lines = [
        f"Marsad benchmark, {results['when']}",
        "machine: {cpu}, {cores} cores, {memory_gb} GB, Python {python}, "
        "Pelican {pelican}, load at start {load}; written to {work_folder}".format(
            load=", ".join(f"{x:.1f}" for x in results["machine"]["load_average_at_start"]),
            **{"work_folder": "?", **results["machine"]},
        ),
        "site: {stories} stories, {incidents} incidents, {charts} charts; "
        "median of {repeat} runs for bare and warm".format(**results["size"]),
        "",
    ]
    header = (
        f"{'build':<28}{'wall s':>8}{'peak MB':>9}{'pages':>7}{'pages/s':>9}"
        f"{'x bare':>8}{'x bare MB':>10}  charts drawn/rendered/cached"
    )
    lines += [header, "-" * len(header)]
    for key, label in [
        ("hugo", "Hugo (same Markdown)"),
        ("bare", "bare Pelican (theme only)"),
        ("cold", "Marsad cold"),
        ("warm", "Marsad warm"),
        ("story_changed", "one story changed"),
        ("record_changed", "one record changed"),
    ]:
        run = results.get(key)
        if not run:
            continue
        charts = run.get("charts") or {}
        chart_text = (
            f"{charts.get('drawn', 0)}/{charts.get('rendered', 0)}/"
            f"{charts.get('cached', 0)} ({charts.get('workers', 1)} proc)"
            if charts
            else "-"
        )
        lines.append(
            f"{label:<28}{run['wall_s']:>8.2f}{run['peak_rss_mb']:>9.0f}"
            f"{run['pages']:>7}{run['pages'] / run['wall_s']:>9.0f}"
            f"{run['wall_s'] / bare['wall_s']:>8.2f}"
            f"{run['peak_rss_mb'] / bare['peak_rss_mb']:>10.2f}  {chart_text}"
        )
    lines += ["", f"{'phase (s)':<28}{'cold':>8}{'warm':>8}{'story':>8}{'record':>8}"]
    rows = {key: phases(results[key]) for key in ("cold", "warm", "story_changed", "record_changed")}
    for name in rows["warm"]:
        lines.append(f"{name:<28}" + "".join(f"{rows[k][name]:>8.2f}" for k in rows))

    by_template = results["warm"].get("pages_by_template", {})
    if by_template:
        lines += ["", f"{'warm page writing by template':<32}{'pages':>7}{'s':>8}{'ms/page':>9}"]
        for name, entry in sorted(by_template.items(), key=lambda e: -e[1]["seconds"])[:8]:
            lines.append(
                f"{name:<32}{entry['pages']:>7}{entry['seconds']:>8.2f}"
                f"{1000 * entry['seconds'] / entry['pages']:>9.2f}"
            )

    warm, cold, single = results["warm"], results["cold"], results["single_chart"]
    charts, cores = results["size"]["charts"], results["machine"]["cores"]
    # The chart phase: from the start of drawing (once the catalog is loaded) until
    # every drawing is back. It overlaps the reading of stories, so the build's own
    # time in the charts plugin (the phase table) is shorter.
    chart_phase = cold["charts"].get("seconds", rows["cold"]["charts"])
    bound_draw = goals["chart_phase_factor"] * charts * single["draw_s"] / cores
    bound_render = goals["chart_phase_factor"] * charts * single["vl_convert_s"] / cores
    record = results["record_changed"]
    drawn = (record.get("charts") or {}).get("drawn")
    story_drawn = (results["story_changed"].get("charts") or {}).get("drawn")
    time_ratio = warm["wall_s"] / bare["wall_s"]
    memory_ratio = warm["peak_rss_mb"] / bare["peak_rss_mb"]
    cold_ratio = cold["wall_s"] / warm["wall_s"]
    own_ratio = warm.get("own_peak_rss_mb", 0) / max(bare.get("own_peak_rss_mb", 0), 1)
    lines += [
        "",
        "goals (ratios of builds in this run; load average before each build in the JSON):",
        f"  warm time <= {goals['warm_time_ratio']} x bare: {time_ratio:.2f} x  "
        f"{_verdict(time_ratio <= goals['warm_time_ratio'])}",
    ]
    if results.get("hugo"):
        hugo_ratio = warm["wall_s"] / results["hugo"]["wall_s"]
        lines.append(
            f"  warm time <= {goals['warm_hugo_ratio']} x Hugo: {hugo_ratio:.2f} x  "
            f"{_verdict(hugo_ratio <= goals['warm_hugo_ratio'])}"
        )
    else:
        lines.append("  warm time against Hugo: not measured (hugo not installed)")
    lines += [
        f"  cold time <= {goals['cold_warm_ratio']} x warm: {cold_ratio:.2f} x  "
        f"{_verdict(cold_ratio <= goals['cold_warm_ratio'])}",
        f"  warm peak memory <= {goals['warm_memory_ratio']} x bare, the build with its "
        f"workers and Pagefind: {memory_ratio:.2f} x  "
        f"{_verdict(memory_ratio <= goals['warm_memory_ratio'])} "
        f"({warm['peak_rss_mb']:.0f} MB against {bare['peak_rss_mb']:.0f} MB)",
        f"  warm peak memory <= {goals['warm_memory_ratio']} x bare, the Pelican process alone: "
        f"{own_ratio:.2f} x  {_verdict(own_ratio <= goals['warm_memory_ratio'])} "
        f"({warm.get('own_peak_rss_mb', 0):.0f} MB against {bare.get('own_peak_rss_mb', 0):.0f} MB)",
        f"  cold: {charts} charts drawn in {chart_phase:.2f} s by {cold['charts']['workers']} "
        f"worker processes, alongside the reading of stories (charts plugin's own time "
        f"{rows['cold']['charts']:.2f} s); one chart drawn alone: "
        f"{single['draw_s'] * 1000:.0f} ms ({single['vl_convert_s'] * 1000:.0f} ms of it "
        f"vl-convert)",
        f"    <= {goals['chart_phase_factor']} x C x draw / cores = {bound_draw:.2f} s: "
        f"{_verdict(chart_phase <= bound_draw)}",
        f"    <= {goals['chart_phase_factor']} x C x vl-convert / cores = "
        f"{bound_render:.2f} s: {_verdict(chart_phase <= bound_render)}",
        f"  one record changed ({record['record']}): {drawn} charts drawn, "
        f"{len(record['charts_selecting_it'])} select it: "
        f"{_verdict(drawn == len(record['charts_selecting_it']))}",
        f"  one story changed: {story_drawn} charts drawn: {_verdict(story_drawn == 0)}",
    ]
    search = results.get("search")
    if search:
        lines += _search_lines(results, search, warm, goals)
    lines += scaling_lines(results)
    related = results["related_index"]["output"]
    lines += ["  related index:"] + [f"    {line}" for line in related[-4:]]
    lines += [
        "",
        f"{'page kind (KB)':<24}{'HTML gz':>9}{'to read gz':>11}{'to read br':>11}"
        f"{'scripts gz':>11}{'after load gz':>14}{'charts':>7}",
    ]
    for name, weight in results["weights"].items():
        lines.append(
            f"{name:<24}{_kb(weight['html']['gzip']):>9}"
            f"{_kb(weight['to_read']['gzip']):>11}{_kb(weight['to_read']['brotli']):>11}"
            f"{_kb(weight['scripts'].get('gzip', 0)):>11}"
            f"{_kb(weight['after_load'].get('gzip', 0)):>14}"
            f"{weight['inline_svg_charts']:>7}"
        )
    story = results["weights"].get("story with two charts")
    if story:
        kb = story["to_read"]["gzip"] / 1024
        lines.append(
            f"  story with two charts: {kb:.1f} KB gzip to read, no script needed: "
            f"{_verdict(kb <= goals['story_with_two_charts_kb'])} "
            f"(<= {goals['story_with_two_charts_kb']} KB)"
        )
    dataset = results["weights"].get("dataset page")
    if dataset:
        kb = dataset["html"]["gzip"] / 1024
        lines.append(
            f"  dataset page: {kb:.1f} KB gzip of HTML <= {goals['dataset_page_kb']} KB: "
            f"{_verdict(kb <= goals['dataset_page_kb'])}"
        )
    return "\n".join(lines)


def scaling_lines(results):
    """The scaling table: each size's builds, and growth from size to size."""
    scaling = results.get("scaling")
    if not scaling or len(scaling["points"]) < 2:
        return []
    goals = results["goals"]
    lines = ["", f"{'scaling':<10}{'build':<8}{'wall s':>8}{'peak MB':>9}{'pages':>7}{'x bare':>8}  load"]
    for size, point in scaling["points"].items():
        for build in ("hugo", "bare", "warm", "cold"):
            run = point.get(build)
            if run:
                lines.append(
                    f"{size:<10}{build:<8}{run['wall_s']:>8.2f}{run['peak_rss_mb']:>9.0f}{run['pages']:>7}"
                    f"{run['wall_s'] / point['bare']['wall_s']:>8.2f}  "
                    + ", ".join(f"{x:.1f}" for x in point["load"])
                )
    lines.append("growth (time x / memory x):")
    for step, builds in scaling["growth"].items():
        lines.append(
            f"  {step:<11}"
            + "  ".join(f"{name} {g['time']:.2f}/{g['memory']:.2f}" for name, g in builds.items())
        )
    growth = scaling["growth"].get("8000/2000", {}).get("warm")
    if growth:
        bound = goals["growth_8000_2000"]
        lines.append(
            f"  warm 8000 / 2000 <= {bound} x: time {growth['time']:.2f} x "
            f"{_verdict(growth['time'] <= bound)}, memory {growth['memory']:.2f} x "
            f"{_verdict(growth['memory'] <= bound)}"
        )
    for size, point in scaling["points"].items():
        ratio = point["warm"]["peak_rss_mb"] / point["bare"]["peak_rss_mb"]
        own = point["warm"].get("own_peak_rss_mb")
        own_text = (
            f", Pelican process alone {own / point['bare']['peak_rss_mb']:.2f} x "
            f"{_verdict(own / point['bare']['peak_rss_mb'] <= goals['warm_memory_ratio'])}"
            if own
            else ""
        )
        lines.append(
            f"  {size} stories: warm memory with Pagefind and workers {ratio:.2f} x bare "
            f"{_verdict(ratio <= goals['warm_memory_ratio'])}{own_text}; time "
            f"{point['warm']['wall_s'] / point['bare']['wall_s']:.2f} x bare"
        )
    return lines


def _search_lines(results, search, warm, goals):
    """What the search index costs: its share of a warm build (the search plugin's own
    time inside that build, so the machine's load weighs on both sides alike), the
    warm builds with and without it, Pagefind alone, and the first query's bytes."""
    index_s = search["index"]["seconds"]
    without = results.get("warm_no_search", {}).get("wall_s")
    own = warm.get("receivers_s", {}).get("search")
    if own is not None:
        added = own / (warm["wall_s"] - own)
    else:  # an older result: the difference of the two builds
        added = (warm["wall_s"] - without) / without if without else index_s / (warm["wall_s"] - index_s)
    first_kb = search["first_results"]["total_gzip_bytes"] / 1024
    lines = [
        f"  search index adds {added:.1%} to a warm build (plugins/search: {own or 0:.2f} s of "
        f"{warm['wall_s']:.2f} s), <= {goals['search_index_share']:.0%}: "
        f"{_verdict(added <= goals['search_index_share'])}",
        f"    warm builds: {warm['wall_s']:.2f} s with the index, {without or 0:.2f} s without "
        f"(medians; runs {_runs(warm)} and {_runs(results.get('warm_no_search', {}))} s); "
        f"Pagefind alone over the warm output: {index_s:.2f} s for {search['index']['files']} files, "
        f"{search['index']['bytes'] / 2**20:.1f} MB",
    ]
    kept = search.get("kept_index")
    if kept:
        lines.append(
            f"    no page changed: the kept index reused in {kept['seconds']:.2f} s "
            f"(digest of the pages {kept['digest_seconds']:.2f} s, then linked)"
        )
    outcomes = warm.get("search_index_runs") or []
    if not kept and not any(outcomes):
        lines.append("    (a run from before the kept index: Pagefind ran in every warm build)")
    if any(outcomes):
        reused = sum(outcome == "reused" for outcome in outcomes)
        lines.append(
            f"    warm builds that reused the kept index: {reused} of {len(outcomes)} "
            f"({', '.join(str(outcome) for outcome in outcomes)})"
        )
    lines += _changed_page_lines(results)
    lines.append(
        f"  search '{search['first_results']['query']}', empty cache, until first results: "
        f"{first_kb:.0f} KB gzip <= {goals['search_first_results_kb']} KB: "
        f"{_verdict(first_kb <= goals['search_first_results_kb'])}"
    )
    return lines


def _changed_page_lines(results):
    """Search's share of the builds after one story or one record changed: any
    changed page means a fresh Pagefind run (no incremental mode), so this, not
    the no-change warm build, is what an edit costs."""
    lines = []
    for key, label in (("story_changed", "one story changed"), ("record_changed", "one record changed")):
        build = results.get(key) or {}
        own = build.get("receivers_s", {}).get("search")
        if own is None or not build.get("wall_s"):
            continue
        lines.append(
            f"    {label}: plugins/search {own:.2f} s of {build['wall_s']:.2f} s "
            f"({own / (build['wall_s'] - own):.0%} added; index {build.get('search_index') or '?'})"
        )
    return lines


def _runs(result):
    return "/".join(f"{w:.1f}" for w in result.get("wall_s_runs", [result.get("wall_s", 0)]))


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "results" / "latest.json")
    print(table(json.loads(path.read_text(encoding="utf-8"))))
