#!/usr/bin/env bash
# Materialises the sysfs fixture manifests (SCENARIO.tree) into folders of real files and symbolic
# links. The manifests are the source of truth; the folders beside them are committed so that
# `dragline doctor --root tests/testdata/sysfs/seed-host` works on a fresh clone, and a unit test
# fails when a folder no longer matches its manifest. Run this after editing a manifest. Git keeps
# no empty folders, so ./build.sh (and therefore ./test.sh) runs this too on every build.
#
#   tests/testdata/sysfs/build.sh                  rebuild every SCENARIO/ beside its manifest
#   tests/testdata/sysfs/build.sh SCENARIO...      rebuild those
#   tests/testdata/sysfs/build.sh --out DIR SCENARIO   materialise one scenario into DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# The manifest format is described in README.md beside this script; the C# reader
# (tests/Dragline.Testing/Sysfs/SysfsTreeManifest.cs) follows the same rules.
materialise() {
  # Sections create their folders; a name with a slash in it needs its own parent made.
  parent_of() { case $1 in */*) mkdir -p -- "$dest/$dir/${1%/*}" ;; esac; }
  local manifest=$1 dest=$2 dir="" line name value target heredoc="" content="" lineno=0
  rm -rf -- "$dest"
  mkdir -p -- "$dest"
  while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    if [ -n "$heredoc" ]; then
      if [ "$line" = EOF ]; then
        printf '%s' "$content" > "$dest/$dir/$heredoc"
        heredoc=""
      else
        content+="$line"$'\n'
      fi
      continue
    fi
    case $line in
      '' | '#'*) continue ;;
      '['*']') dir=${line:1:${#line}-2}; mkdir -p -- "$dest/$dir"; continue ;;
      *' <<EOF') heredoc=${line% <<EOF}; content=""; parent_of "$heredoc"; continue ;;
    esac
    # Whichever separator comes first decides: "name -> target" or "name = text".
    local as_link=${line%%' -> '*} as_file=${line%%' = '*}
    if [ "$as_link" != "$line" ] && { [ "$as_file" = "$line" ] || [ ${#as_link} -lt ${#as_file} ]; }; then
      name=$as_link target=${line#*' -> '}
      parent_of "$name"
      ln -s -- "$target" "$dest/$dir/$name"
    elif [ "$as_file" != "$line" ]; then
      name=$as_file value=${line#*' = '}
      parent_of "$name"
      printf '%s\n' "$value" > "$dest/$dir/$name"
    elif [ "${line% =}" != "$line" ]; then
      name=${line% =}
      parent_of "$name"
      printf '\n' > "$dest/$dir/$name"
    elif [ "${line%/}" != "$line" ]; then
      mkdir -p -- "$dest/$dir/${line%/}"
    else
      echo "$manifest:$lineno: cannot read '$line': expected [dir], name = text, name -> target, name/ or name <<EOF" >&2
      return 1
    fi
  done < "$manifest"
  if [ -n "$heredoc" ]; then echo "$manifest: file '$heredoc' has no closing EOF line" >&2; return 1; fi
}

if [ "${1:-}" = --out ]; then
  [ $# -eq 3 ] || { echo "usage: $0 --out DIR SCENARIO" >&2; exit 2; }
  materialise "$here/$3.tree" "$2"
  exit 0
fi
scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
  for m in "$here"/*.tree; do scenarios+=("$(basename "$m" .tree)"); done
fi
for s in "${scenarios[@]}"; do
  [ -f "$here/$s.tree" ] || { echo "no manifest $here/$s.tree" >&2; exit 2; }
  materialise "$here/$s.tree" "$here/$s"
  echo "built $s"
done
