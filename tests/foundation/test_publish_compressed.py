"""`invoke publish` (what `make publish` runs) writes a .gz and a .br beside every
text file (pelican-precompress, publishconf.py only); each decompresses to the
exact bytes beside it. (That two publishes, the copies included, are
byte-identical is tests/quality/test_determinism.py.)"""

import gzip
import zlib

import brotli
import pytest
from helpers import file_hashes

TEXT = {".html", ".css", ".js", ".svg", ".xml", ".json", ".csv", ".txt"}
COPIES = (".gz", ".br")
STORY = "2019/03/russia-escalates-idlib-march-2019/index.html"


def _files(output):
    """{relative path: sha256} of every file under ``output`` (Pagefind's unstable
    filter and metadata files counted, not hashed: helpers.file_hashes)."""
    return file_hashes(output)


@pytest.fixture(scope="module")
def published(published_project):
    """(output folder, files) of the session's publish (tests/conftest.py)."""
    return published_project / "output", _files(published_project / "output")


def _would_shrink(data):
    """Whether gzip at level 9 makes ``data`` smaller (pelican-precompress skips it if not)."""
    packer = zlib.compressobj(level=9, wbits=16 + zlib.MAX_WBITS)
    return len(packer.compress(data) + packer.flush()) < len(data)


def test_every_text_file_has_gzip_and_brotli_copies_of_its_exact_bytes(published):
    output, _ = published
    texts = [p for p in sorted(output.rglob("*")) if p.is_file() and p.suffix in TEXT]
    assert len(texts) > 50
    assert {p.suffix for p in texts} >= {".html", ".css", ".js", ".svg", ".xml", ".json", ".csv"}
    for path in texts:
        data = path.read_bytes()
        gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
        if not gz.exists():
            assert not _would_shrink(data), f"{path.relative_to(output)} has no .gz"
        else:
            packed = gz.read_bytes()
            assert gzip.decompress(packed) == data, path
            assert packed[4:8] == b"\0\0\0\0", f"{gz}: gzip header carries a time"
            assert not packed[3] & 0x08, f"{gz}: gzip header carries a file name"
        if not br.exists():
            assert len(data) < 100, f"{path.relative_to(output)} has no .br"
        else:
            assert brotli.decompress(br.read_bytes()) == data, path
    for path in (STORY, "index.html", "charts/index.html", "theme/css/marsad.css"):
        assert (output / (path + ".gz")).is_file() and (output / (path + ".br")).is_file(), path
    (bundle,) = output.glob("theme/js/vega-bundle.*.js")
    assert bundle.with_name(bundle.name + ".br").stat().st_size < bundle.stat().st_size / 3


def test_only_text_files_are_compressed(published):
    output, files = published
    for name in files:
        for copy in COPIES:
            if name.endswith(copy):
                original = name[: -len(copy)]
                assert original in files, f"{name}: no file beside it"
                assert "." + original.rsplit(".", 1)[-1] in TEXT, name


def test_development_builds_stay_uncompressed(default_site):
    copies = [p for copy in COPIES for p in default_site.output.rglob(f"*{copy}")]
    assert copies == []
