#!/bin/sh
# Builds a starting corpus for the AFL++ targets from the checked-in inputs, vectors and goldens.
# Usage: ./seeds.sh [corpus-dir]   (default: corpus/, which is git-ignored)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-"$here/corpus"}
mkdir -p "$corpus"
# Keep each seed small (AFL++ works best under ~10 KB) and name it after its origin.
for file in "$here"/inputs/*.xml "$here"/../vectors/*.xml "$here"/../golden/*.xml; do
    size=$(wc -c < "$file")
    if [ "$size" -le 16384 ]; then
        cp "$file" "$corpus/$(basename "$(dirname "$file")")-$(basename "$file")"
    fi
done
echo "$(ls "$corpus" | wc -l) seeds in $corpus"
