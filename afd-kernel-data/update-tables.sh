#!/usr/bin/env bash
# Re-copies the measured kernel tables that afd reads from AIConfigurator's database into this
# module's resources, so the shipped copy is reproducible.
#
# Usage: afd-kernel-data/update-tables.sh [SOURCE]
#   SOURCE defaults to ../shared/data/aiconfigurator-full/systems (relative to the repository root);
#   it must have AIConfigurator's layout: <system>.yaml and data/<system>/<family>/<backend>/<version>/.
set -euo pipefail
module=$(cd "$(dirname "$0")" && pwd)
source_directory=${1:-$module/../../shared/data/aiconfigurator-full/systems}
source_directory=$(cd "$source_directory" && pwd)
target=$module/src/main/resources/dev/afd/kerneldata/systems
systems=(b200_sxm b300_sxm gb200 gb300 h100_sxm h200_sxm)

# <family> <backend glob> <table file names...>
selections=(
  "gemm * gemm_perf.parquet"
  "attention * context_attention_perf.parquet generation_attention_perf.parquet"
  "mla * context_mla_perf.parquet generation_mla_perf.parquet"
  "mla_bmm * mla_bmm_perf.parquet"
  "moe * moe_perf.parquet"
  "comm * custom_allreduce_perf.parquet"
  "comm nccl nccl_perf.parquet"
)

rm -rf "$target"
mkdir -p "$target/data"
copy() { # copies one file, keeping its path relative to the source
  mkdir -p "$target/$(dirname "$1")"
  cp "$source_directory/$1" "$target/$1"
  chmod 644 "$target/$1"
}
for system in "${systems[@]}"; do
  copy "$system.yaml"
  for selection in "${selections[@]}"; do
    read -r family backends tables <<<"$selection"
    for version_directory in "$source_directory/data/$system/$family"/$backends/*/; do
      [[ -d "$version_directory" ]] || continue
      relative=${version_directory#"$source_directory/"}
      relative=${relative%/}
      copied=0
      for table in $tables; do
        if [[ -f "$version_directory/$table" ]]; then
          copy "$relative/$table"
          copied=1
        fi
      done
      # reuse.yaml borrows a table from another version; keep it when it names a table afd reads.
      if [[ -f "$version_directory/reuse.yaml" ]]; then
        for table in $tables; do
          if grep -q "table: ${table%.parquet}\$" "$version_directory/reuse.yaml"; then
            copy "$relative/reuse.yaml"
            copied=1
            break
          fi
        done
      fi
      if [[ $copied == 1 && -f "$version_directory/collection_meta.yaml" ]]; then
        copy "$relative/collection_meta.yaml"
      fi
    done
  done
done
# A reuse.yaml points at another version directory of the same family; copy the donor's table.
while IFS= read -r reuse; do
  directory=$(dirname "$reuse")
  relative=${directory#"$target/"}
  grep -A1 -E '^- table: ' "$reuse" | paste - - | while read -r _ _ table _ version; do
    donor="$(dirname "$relative")/$version"
    [[ -f "$source_directory/$donor/$table.parquet" ]] && copy "$donor/$table.parquet"
    [[ -f "$source_directory/$donor/collection_meta.yaml" ]] && copy "$donor/collection_meta.yaml"
  done
done < <(find "$target" -name reuse.yaml)
echo "Copied $(find "$target" -type f | wc -l) files ($(du -sh "$target" | cut -f1)) into $target"
