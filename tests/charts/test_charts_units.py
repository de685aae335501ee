"""Small pieces of the charts plugin without a build: SVG cleaning, spec checks,
and how reported figures are added up."""

import xml.etree.ElementTree as ET

from charts.data import Amount, Formatter, measure
from charts.spec import Where, parse
from charts.svg import SVG, inline_svg
from datasets.model import Catalog, Count, Incident, Range, Source

SOURCE = Source(publisher="Test Wire", title="Test report")
HOSTILE_SVG = f"""<svg xmlns="{SVG}" xmlns:xlink="http://www.w3.org/1999/xlink" width="200"
 height="100" viewBox="0 0 200 100" onload="alert(1)">
 <defs><clipPath id="clip1"><rect width="10" height="10"/></clipPath></defs>
 <script>alert(2)</script>
 <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
 <g clip-path="url(#clip1)" style="fill:red" role="graphics-object" aria-label="bar">
  <text onclick="alert(3)">a &lt;b&gt;</text>
  <a xlink:href="https://example.org/"><text>link</text></a>
 </g>
</svg>"""


def test_svg_is_cleaned_named_and_made_responsive():
    out = inline_svg(HOSTILE_SVG, "chart-x", "Title <i>", "Alt & text")
    root = ET.fromstring(out)
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert not tags & {"script", "foreignObject", "a", "div"}
    attributes = {name for el in root.iter() for name in el.attrib}
    assert not [a for a in attributes if a.startswith("on") or a == "style"]
    assert not [a for a in attributes if a.startswith("aria-") and a != "aria-labelledby"]
    assert "width" not in root.attrib and root.get("viewBox") == "0 0 200 100"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-x-svg-title chart-x-svg-desc"
    assert root.find(f"{{{SVG}}}title").text == "Title <i>"
    assert root.find(f"{{{SVG}}}desc").text == "Alt & text"
    assert root.find(f".//{{{SVG}}}clipPath").get("id") == "chart-x-clip1"
    assert root.find(f".//{{{SVG}}}g[@clip-path]").get("clip-path") == "url(#chart-x-clip1)"
    assert "a &lt;b&gt;" in out and "<i>" not in out


def _where():
    return Where(
        file="data/charts/x.yml", label="x", line=1, key_lines={"type": 1, "dataset": 2, "colour": 3}
    )


def test_spec_shape_problems_name_file_line_and_key():
    spec, problems = parse({"type": "bar", "dataset": "casualties", "colour": "red"}, _where())
    assert spec is None
    assert any(
        p.startswith("data/charts/x.yml:3: x: colour: unknown key; expected one of: type, dataset")
        for p in problems
    ), problems
    missing = {p.split(": ")[2] for p in problems if "missing; this key is required" in p}
    assert missing == {"title", "source", "alt"}


def test_unknown_key_alone_still_yields_a_spec_for_further_checks():
    spec, problems = parse(
        {"type": "bar", "dataset": "casualties", "title": "T", "source": "S", "alt": "A", "colour": "red"},
        _where(),
    )
    assert spec is not None and spec.type == "bar"
    assert len(problems) == 1


def _incident(ident, killed, injured=None):
    return Incident(
        id=ident,
        date="2001-01-05",
        place="testville",
        attack_type="shelling",
        killed=killed,
        injured=injured,
        documented_by="Test Monitor",
        sources=(SOURCE,),
    )


def test_ranges_add_up_as_ranges_and_missing_figures_are_counted_not_zeroed():
    records = [_incident("a", Range(min=3, max=5)), _incident("b", Range(min=2, max=2)), _incident("c", None)]
    total = measure(records, "killed", "casualties")
    assert (total.lo, total.hi, total.reported, total.missing) == (5, 7, 2, 1)
    text = Formatter(Catalog()).amount(total)
    assert text == "5–7 (1 without a figure)"
    assert Formatter(Catalog()).amount(measure([records[2]], "killed", "casualties")) == "not reported"


def test_at_least_counts_say_so_and_latest_does_not_add_up():
    counts = [
        Count(
            id="c1",
            period_to="2001-01-10",
            place="p",
            count=8,
            qualifier="at-least",
            counted="sites",
            documented_by="T",
            sources=(SOURCE,),
        ),
        Count(
            id="c2",
            period_to="2001-01-20",
            place="p",
            count=12,
            counted="sites",
            documented_by="T",
            sources=(SOURCE,),
        ),
    ]
    fmt = Formatter(Catalog())
    assert fmt.amount(measure(counts[:1], "count", "counts")) == "at least 8"
    latest = measure(counts, "count", "counts", aggregate="latest")
    assert (latest.lo, latest.hi) == (12, 12)
    assert fmt.amount(Amount(1200, 1500, 1)) == "1,200–1,500"


def test_svg_ids_are_renumbered_so_render_order_cannot_change_the_output():
    from charts.svg import canonical_ids

    first = '<svg><clipPath id="clip7"/><clipPath id="clip17"/><g clip-path="url(#clip17)"/></svg>'
    again = '<svg><clipPath id="clip1"/><clipPath id="clip2"/><g clip-path="url(#clip2)"/></svg>'
    assert (
        canonical_ids(first)
        == canonical_ids(again)
        == ('<svg><clipPath id="d1"/><clipPath id="d2"/><g clip-path="url(#d2)"/></svg>')
    )


def test_figures_keep_what_is_missing_and_who_documented_them_in_one_pair_of_brackets():
    fmt = Formatter(Catalog(places={}, datasets={}))
    assert fmt.amount(Amount(15, 15, 1), "Syrian Civil Defense") == "15 (Syrian Civil Defense)"
    assert fmt.amount(Amount(3, 5, 1, missing=1), "SCD") == "3–5 (1 without a figure; SCD)"
    assert fmt.amount(Amount(0, 0, 0), "SCD") == "not reported"


def test_map_labels_never_cover_each_other_or_a_circle():
    from charts import geo

    frame = geo.Frame((36.0, 35.0, 37.0, 36.0), 330, 300)
    labels = geo.Labels(frame)
    x, y = frame.project(36.5, 35.5)
    labels.block((x - 20, y - 20, x + 20, y + 20))  # a circle of radius 20
    spots = [labels.place(x, y + dy, "A long place name", 20, 12) for dy in (0, 2, 4, 6, 8)]
    placed = [s for s in spots if s]
    assert len(placed) >= 3  # room is found around the circle
    boxes = labels.taken
    assert all(not geo._hits(a, b, gap=0) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), (
        "two labels overlap"
    )
    assert all(0 <= b[0] and b[2] <= frame.width and 0 <= b[1] and b[3] <= frame.height for b in boxes)


def test_country_names_stand_inside_their_country_off_its_border_and_coast():
    """The incidents map's frame on the phone (Idlib and the Turkish border): each
    neighbour's name lies inside it, clear of every border and coast line."""
    from charts import geo

    countries, governorates = geo.load(str(geo.BASEMAP_PATH))
    box = (36.02, 35.20, 37.34, 36.45)
    for width, height in ((330, 379), (640, 480)):
        frame = geo.Frame(box, width, height)
        lines = geo.Lines(frame, countries)
        labels = geo.Labels(frame, lines, geo.Lines(frame, governorates))
        turkey = next(f for f in countries if f["properties"]["name"] == "Turkey")
        lon, lat = geo.label_spot(turkey, frame, labels, "TURKEY")
        name = labels.taken[-1]
        x, y = frame.project(lon, lat)
        assert name[0] < x < name[2] and name[1] < y < name[3]
        corners = [(name[0], name[1]), (name[2], name[1]), (name[0], name[3]), (name[2], name[3])]
        assert all(geo.contains(turkey, *frame.unproject(cx, cy)) for cx, cy in corners), name
        assert not lines.cross(name, 4), f"a border runs within 4 px of TURKEY at {width} px"
        assert lines.cross((name[0], y, name[2], y), 10_000)  # the test itself sees the lines


def test_the_projection_fits_the_area_as_vega_does():
    from charts import geo

    frame = geo.Frame((36.0, 35.0, 37.0, 36.0), 330, 300)
    corners = [frame.project(36.0, 35.0), frame.project(37.0, 36.0)]
    # The area touches two opposite edges of the plot and is centred on the other axis.
    xs, ys = sorted(c[0] for c in corners), sorted(c[1] for c in corners)
    assert abs(xs[0] - (330 - xs[1])) < 1e-6 or abs(ys[0] - (300 - ys[1])) < 1e-6
    assert min(xs[0], ys[0]) >= -1e-6 and (abs(xs[1] - xs[0] - 330) < 1e-6 or abs(ys[1] - ys[0] - 300) < 1e-6)
    lon, lat = frame.unproject(*frame.project(36.3, 35.7))
    assert abs(lon - 36.3) < 1e-9 and abs(lat - 35.7) < 1e-9


def test_right_to_left_layout_mirrors_in_one_place():
    from charts.words import WORDS, layout, word

    assert layout("ltr")["start"] == "left" and layout("rtl")["start"] == "right"
    assert layout("rtl")["label_side"] == -layout("ltr")["label_side"]
    assert word("at_least", figure="89") == "at least 89"
    assert all(isinstance(text, str) and text for text in WORDS.values())


def test_arabic_digits_reach_the_charts_numbers_and_axes():
    """With digits 'arab' (docs/i18n.md) figures, dates and Vega's axes use ٠-٩."""
    from charts.build import _x_time
    from charts.data import ChartData
    from charts.shapes import vega_locale
    from charts.words import RLM, bidi
    from datasets.filters import DataText

    fmt = Formatter(Catalog(places={}, datasets={}), DataText("ar_SY", "arab", code="ar"), "rtl")
    assert fmt.number(110393) == "١١٠٬٣٩٣"
    assert fmt.range(3, 5) == "٣-٥"  # a hyphen keeps the range in order right to left
    locale = vega_locale(fmt)
    assert locale["number"]["numerals"][1] == "١" and locale["time"]["shortMonths"][2] == "آذار"
    data = ChartData([], [], [], [], [], domain=("2019-03-13", "2019-03-16"), direction="rtl")
    data.vega_locale = locale
    expr = _x_time(data, 350)["axis"]["labelExpr"]
    assert expr.startswith("'\u200f' + replace(") and "'٩'" in expr
    assert (
        bidi("13 آذار\nإدلب", "rtl")
        == f"{RLM}13 آذار\n{RLM}إدلب"
        == bidi(bidi("13 آذار\nإدلب", "rtl"), "rtl")
    )
    assert bidi("Idlib", "ltr") == "Idlib"


def test_the_locator_map_shows_all_of_syria_with_room_around_it():
    """Syria's outline keeps clear of the locator map's edges (it looked cut at the left)."""
    from charts import geo, locator

    countries, _ = geo.load(str(geo.BASEMAP_PATH))
    syria = next(f for f in countries if f["properties"]["name"] == "Syria")
    frame = geo.Frame(locator.SYRIA_BOX, locator.WIDTH, locator.HEIGHT)

    def points(coords):
        if isinstance(coords[0], (int, float)):
            yield coords
        else:
            for part in coords:
                yield from points(part)

    xs, ys = zip(
        *(frame.project(lon, lat) for lon, lat in points(syria["geometry"]["coordinates"])), strict=True
    )
    assert min(xs) >= 8 and max(xs) <= locator.WIDTH - 8, (min(xs), max(xs))
    assert min(ys) >= 8 and max(ys) <= locator.HEIGHT - 8, (min(ys), max(ys))


def test_download_images_are_the_same_whatever_was_rendered_before(tmp_path):
    """vl-convert numbers clip paths per process: a chart's download SVG must not
    depend on what the process drew before it (a cold build draws in a fresh worker,
    a warm one after others), and its PNG is the SVG's pixels."""
    import vl_convert as vlc

    from charts.downloads import _kept, render_images
    from charts.render import VL_VERSION

    chart = {
        "data": {"values": [{"a": "x", "b": 3}, {"a": "y", "b": 5}]},
        "mark": {"type": "bar", "clip": True},
        "encoding": {"x": {"field": "b", "type": "quantitative"}, "y": {"field": "a", "type": "nominal"}},
        "width": 300,
    }
    first = render_images(chart, "Title", "", "Test Wire", str(tmp_path / "a"))
    vlc.vegalite_to_svg(chart, VL_VERSION)  # moves the process's clip path counter
    again = render_images(chart, "Title", "", "Test Wire", str(tmp_path / "b"))
    assert first == again
    svgs = [open(_kept(str(tmp_path / d), first, "svg"), encoding="utf-8").read() for d in "ab"]
    assert svgs[0] == svgs[1] and f'id="chart-{first[:12]}-1"' in svgs[0]
    png = open(_kept(str(tmp_path / "a"), first, "png"), "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_built_in_specs_name_the_vega_lite_altair_ships():
    """The built-in types write Vega-Lite by hand (charts.build): for the version
    Altair's schema (the tests validate against it) and the browser bundle use."""
    import altair as alt

    from charts.build import SCHEMA_URL

    assert SCHEMA_URL == alt.SCHEMA_URL
