#!/usr/bin/env bash
# Builds the libFuzzer target Fuzz/FuzzContent and runs it.
#
#   Fuzz/run.sh                      fuzz for 10 minutes
#   Fuzz/run.sh -max_total_time=60   any libFuzzer flags
#   Fuzz/run.sh Fuzz/crashes/crash-… reproduce one input
#
# Build products and the corpus live outside the repository (FUZZ_OUT,
# /tmp/kaifang-fuzz by default); crashing inputs are saved in Fuzz/crashes/.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="${FUZZ_OUT:-/tmp/kaifang-fuzz}"
kit="$root/Sources/KaifangKit"

# Yams comes from any SwiftPM checkout of this package; resolve one if there is none.
yams="${YAMS_CHECKOUT:-}"
if [ -z "$yams" ]; then
    yams="$(ls -d "$root"/.build*/checkouts/Yams 2>/dev/null | head -n 1 || true)"
fi
if [ -z "$yams" ]; then
    (cd "$root" && swift package resolve --scratch-path "$out/spm")
    yams="$out/spm/checkouts/Yams"
fi

# zlib's module map (CZlib) comes from the ZIPFoundation checkout, as in the package build.
zipfoundation="${ZIPFOUNDATION_CHECKOUT:-}"
if [ -z "$zipfoundation" ]; then
    zipfoundation="$(ls -d "$root"/.build*/checkouts/ZIPFoundation 2>/dev/null | head -n 1 || true)"
fi
if [ -z "$zipfoundation" ]; then
    (cd "$root" && swift package resolve --scratch-path "$out/spm")
    zipfoundation="$out/spm/checkouts/ZIPFoundation"
fi

# The library sources the target exercises; they compile without the rest
# of KaifangKit (no Crypto, Mustache or cmark).
sources=(
    "$kit"/Diagnostics/*.swift
    "$kit"/Load/TextDecoder.swift "$kit"/Load/LegacyEncoding.swift "$kit"/Load/FrontMatter.swift
    "$kit"/Load/YAMLNode.swift "$kit"/Load/YAMLGuard.swift "$kit"/Load/ContentLimits.swift "$kit"/Load/BoundedFileReader.swift "$kit"/Support/FileSystem.swift "$kit"/Load/CSVReader.swift "$kit"/Load/CatalogCSVLoader.swift "$kit"/Load/RawContent.swift
    "$kit"/Support/Suggestions.swift "$kit"/Support/String+Trimming.swift "$kit"/Model/Slug.swift "$kit"/Model/Day.swift
    "$kit"/Validate/PersonalDataPatterns.swift "$kit"/Validate/PersonalDataDetector.swift
    "$kit"/Validate/PrivacyStreamScan.swift "$kit"/Validate/ChunkFeeder.swift
    "$kit"/Validate/PrivacyNormalizer.swift "$kit"/Validate/SecrecyMarkings.swift
    "$kit"/Validate/XMLStream.swift "$kit"/Validate/ZipReader.swift "$kit"/Validate/Inflater.swift "$kit"/Validate/OfficeScan.swift
)

mkdir -p "$out/obj" "$out/modules" "$out/corpus" "$here/crashes"
binary="$out/fuzz-content"
stamp="$out/build.stamp"
if [ ! -x "$binary" ] || [ ! -f "$stamp" ] || [ -n "$(find "${sources[@]}" "$here/FuzzContent" "$0" -newer "$stamp" 2>/dev/null | head -n 1)" ]; then
    echo "building $binary" >&2
    # libyaml (C) and Yams (Swift), instrumented like the target so the fuzzer sees into the YAML parser.
    for c in "$yams"/Sources/CYaml/src/*.c; do
        clang -c -g -O1 -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC \
            -I "$yams/Sources/CYaml/include" -I "$yams/Sources/CYaml/src" \
            -o "$out/obj/cyaml-$(basename "$c" .c).o" "$c"
    done
    swiftc -parse-as-library -wmo -g -O -sanitize=fuzzer,address -module-name Yams \
        -I "$yams/Sources/CYaml/include" -Xcc -DYAML_DECLARE_STATIC -DSWIFT_PACKAGE -emit-module -emit-module-path "$out/modules/Yams.swiftmodule" \
        -c -o "$out/obj/yams.o" "$yams"/Sources/Yams/*.swift
    swiftc -parse-as-library -wmo -g -O -sanitize=fuzzer,address -module-name KaifangFuzz \
        -I "$out/modules" -I "$yams/Sources/CYaml/include" -Xcc -DYAML_DECLARE_STATIC -I "$zipfoundation/Sources/CZLib" \
        "$here/FuzzContent/main.swift" "${sources[@]}" "$out"/obj/*.o -lz -o "$binary"
    touch "$stamp"
fi

# Seeds: the sample portal's own files, and small office, gzip and UTF-16 files (Fuzz/seeds/).
if [ -z "$(ls -A "$out/corpus")" ]; then
    find "$root/Content" -type f \( -name '*.md' -o -name '*.csv' -o -name '*.yaml' \) -size -64k \
        -exec cp {} "$out/corpus/" \; 2>/dev/null || true
    cp "$here"/seeds/* "$out/corpus/" 2>/dev/null || true
fi

if [ $# -eq 1 ] && [ -f "$1" ]; then
    exec "$binary" "$1"
fi
exec "$binary" "$out/corpus" -artifact_prefix="$here/crashes/" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -max_total_time=600 -print_final_stats=1 "$@"
