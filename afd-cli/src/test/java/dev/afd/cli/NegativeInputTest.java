package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one case per row: each must exit 2 with exactly one line {@code afd: <message>} on
 * standard error, print nothing on standard output, and leave the fixture directory as it was.
 *
 * <p>{@code {dir}} in arguments and messages stands for the fixture directory. Every case fails
 * before any search starts, so the whole table runs in seconds.
 */
class NegativeInputTest {
  @org.junit.jupiter.api.io.TempDir static Path directory;

  private static final String SMALL_EXPLORE =
      "explore --model qwen3-30b-a3b --system h200-nvl8 --strategies agg";

  @BeforeAll
  static void writeFixtures() throws IOException {
    config("layers.json", "num_hidden_layers", 1_000_000_000);
    config("hidden.json", "hidden_size", 1L << 40);
    config("experts.json", "num_local_experts", 100_000);
    config("context.json", "max_position_embeddings", 1L << 40);
    config("gptq.json", "quantization_config", java.util.Map.of("quant_method", "gptq"));
    Files.writeString(
        directory.resolve("duplicate.json"),
        ModelCommandTest.MIXTRAL.replace(
            "\"hidden_size\": 64,", "\"hidden_size\": 64, \"hidden_size\": 128,"));
    Files.writeString(
        directory.resolve("grown.yaml"),
        """
        clusters:
          - id: too-many-h200
            systems: [{system: h200-nvl8, deviceCount: 200000}]
        """);
    Files.writeString(
        directory.resolve("ragged.yaml"),
        """
        clusters:
          - id: ragged-h200
            systems: [{system: h200-nvl8, deviceCount: 12}]
        """);
    Files.writeString(
        directory.resolve("huge-study.yaml"),
        """
        models: [qwen3-30b-a3b]
        systems: [{system: h200-nvl8, gpus: 67108864}]
        workloads: [chat]
        """);
    Files.writeString(directory.resolve("broken.yaml"), "accelerators:\n  - id: x\n   name: [\n");
    // Found by MutatedInputTest: a study key given twice kept the last value silently, a
    // fractional or textual token count became a whole or zero one, and options that are no
    // mapping were dropped.
    smallStudy(
        "repeated-key-study.yaml",
        """
        workloads: [chat]
        network: analytical
        network: simulated
        """);
    smallStudy(
        "malformed-strategy-study.yaml",
        """
        workloads: [chat]
        strategies: [agg, "P!"]
        """);
    smallStudy(
        "fractional-isl-study.yaml",
        """
        workloads: [{id: doc, isl: 512.5, osl: 64}]
        """);
    smallStudy(
        "text-prefix-study.yaml",
        """
        workloads: [{id: doc, prefix: lots, isl: 512, osl: 64}]
        """);
    smallStudy(
        "list-options-study.yaml",
        """
        workloads: [chat]
        strategies: [agg]
        options: {agg: [1, 2]}
        """);
    // Found by MutatedInputTest: every size within its limit, but 1024 layers of 65536 experts of
    // 3 x 2^20 x 2^20 weights is 3 x 2^66 parameters, which wrapped around a long.
    ObjectNode huge = (ObjectNode) Json.mapper().readTree(ModelCommandTest.MIXTRAL);
    huge.put("num_hidden_layers", 1024);
    huge.put("hidden_size", 1 << 20);
    huge.put("intermediate_size", 1 << 20);
    huge.put("num_local_experts", 65_536);
    Files.writeString(directory.resolve("overflowing.json"), huge.toString());
    Files.writeString(
        directory.resolve("unknown-model-study.yaml"),
        """
        models: [no-such-model]
        systems: [{system: h200-nvl8, gpus: 8}]
        workloads: [chat]
        """);
    Files.writeString(
        directory.resolve("unknown-strategy-study.yaml"),
        """
        models: [qwen3-30b-a3b]
        systems: [{system: h200-nvl8, gpus: 8}]
        workloads: [chat]
        strategies: [no-such-strategy]
        """);
    Files.writeString(
        directory.resolve("unknown-knob-study.yaml"),
        """
        models: [qwen3-30b-a3b]
        systems: [{system: h200-nvl8, gpus: 8}]
        workloads: [chat]
        strategies: [agg]
        options: {agg: {no-such-knob: 3}}
        """);
    Path table =
        directory.resolve("kernels/systems/data/h200_sxm/gemm/trtllm/1.0/gemm_perf.parquet");
    Files.createDirectories(table.getParent());
    // The magic number "PAR1" at the start, then data cut off before the footer: a truncated
    // download.
    Files.writeString(table, "PAR1" + "0".repeat(16));
  }

  /** Writes a study of qwen3-30b-a3b on 8 H200s with {@code rest} after its systems. */
  private static void smallStudy(String name, String rest) throws IOException {
    Files.writeString(
        directory.resolve(name),
        "models: [qwen3-30b-a3b]\nsystems: [{system: h200-nvl8, gpus: 8}]\n" + rest);
  }

  /** Writes the tiny Mixtral config with one field replaced. */
  private static void config(String name, String field, Object value) throws IOException {
    ObjectNode config = (ObjectNode) Json.mapper().readTree(ModelCommandTest.MIXTRAL);
    config.set(field, Json.mapper().valueToTree(value));
    Files.writeString(directory.resolve(name), config.toString());
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        // Item 3: stated limits on every size a user types.
        argumentSet(
            "--gpus above the device limit",
            SMALL_EXPLORE + " --gpus 67108864",
            "Option --gpus must be between 1 and 131072 (the most devices afd models), got"
                + " '67108864'"),
        argumentSet(
            "--gpus at Integer.MAX_VALUE",
            SMALL_EXPLORE + " --gpus 2147483647",
            "Option --gpus must be between 1 and 131072 (the most devices afd models), got"
                + " '2147483647'"),
        argumentSet(
            "--gpus on estimate",
            "estimate --model qwen3-30b-a3b --system h200-nvl8 --strategy agg --gpus 1073741824",
            "Option --gpus must be between 1 and 131072 (the most devices afd models), got"
                + " '1073741824'"),
        argumentSet(
            "--threads 0",
            SMALL_EXPLORE + " --threads 0",
            "Option --threads must be between 1 and 1024 (more than any machine has cores), got"
                + " '0'"),
        argumentSet(
            "--threads -1",
            SMALL_EXPLORE + " --threads -1",
            "Option --threads must be between 1 and 1024 (more than any machine has cores), got"
                + " '-1'"),
        argumentSet(
            "--threads 100000",
            SMALL_EXPLORE + " --threads 100000",
            "Option --threads must be between 1 and 1024 (more than any machine has cores), got"
                + " '100000'"),
        argumentSet(
            "--strategies empty",
            "explore --model qwen3-30b-a3b --system h200-nvl8 --strategies=",
            "Option --strategies must list strategy ids separated by commas, for example agg,pd;"
                + " got '' (see 'afd plugins')"),
        argumentSet(
            "--strategies with an empty entry",
            "explore --model qwen3-30b-a3b --system h200-nvl8 --strategies agg,,pd",
            "Option --strategies must list strategy ids separated by commas, for example agg,pd;"
                + " got 'agg,,pd' (see 'afd plugins')"),
        // Found by MutatedInputTest: a malformed strategy id was an internal error (exit 1).
        argumentSet(
            "--strategies with a malformed id",
            "explore --model qwen3-30b-a3b --system h200-nvl8 --strategies Q",
            "Unknown strategy 'Q': strategy ids are lower-case kebab-case, for example agg-afd"
                + " (see 'afd plugins')"),
        argumentSet(
            "estimate --strategy with a malformed id",
            "estimate --model qwen3-30b-a3b --system h200-nvl8 --strategy Agg",
            "Unknown strategy 'Agg': strategy ids are lower-case kebab-case, for example agg-afd"
                + " (see 'afd plugins')"),
        argumentSet(
            "study file with a malformed strategy id",
            "explore --study-file {dir}/malformed-strategy-study.yaml",
            "study file '{dir}/malformed-strategy-study.yaml': strategies[1] Unknown strategy"
                + " 'P!': strategy ids are lower-case kebab-case, for example agg-afd (see 'afd"
                + " plugins')"),
        argumentSet(
            "--isl beyond the context limit",
            SMALL_EXPLORE + " --isl 9223372036854775807 --osl 1",
            "Option --isl must be between 1 and 1073741824 tokens (the longest context afd"
                + " models), got '9223372036854775807'"),
        argumentSet(
            "--prefix + --isl + --osl beyond the context limit",
            SMALL_EXPLORE + " --prefix 1073741824 --isl 1 --osl 1",
            "Options --prefix + --isl + --osl must total at most 1073741824 tokens (the longest"
                + " context afd models), got '1073741824 + 1 + 1'"),
        argumentSet(
            "--osl 0",
            SMALL_EXPLORE + " --isl 1 --osl 0",
            "Option --osl must be between 1 and 1073741824 tokens (the longest context afd"
                + " models), got '0'"),
        argumentSet(
            "network --group above the device limit",
            "network estimate --system h200-nvl8 --collective all-to-all --bytes 1MiB --group"
                + " 1073741824",
            "Option --group must be between 1 and 131072 (the most devices afd models), got"
                + " '1073741824'"),
        argumentSet(
            "network --simulate --group above the simulator's limit",
            "network estimate --system h200-nvl8 --collective all-to-all --bytes 1MiB --simulate"
                + " --group 16384",
            "Option --group must be between 1 and 2048 (the simulator's limit; drop --simulate"
                + " for the analytical model), got '16384'"),
        argumentSet(
            "import-hf num_hidden_layers 10^9",
            "import-hf {dir}/layers.json --id layers --out {dir}/out/layers.yaml",
            "{dir}/layers.json: field 'num_hidden_layers' must be at most 1024, got"
                + " '1000000000'"),
        argumentSet(
            "import-hf hidden_size 2^40",
            "import-hf {dir}/hidden.json --id hidden --out {dir}/out/hidden.yaml",
            "{dir}/hidden.json: field 'hidden_size' must be at most 1048576, got"
                + " '1099511627776'"),
        argumentSet(
            "import-hf num_local_experts 100000",
            "import-hf {dir}/experts.json --id experts --out {dir}/out/experts.yaml",
            "{dir}/experts.json: field 'num_local_experts' must be at most 65536, got '100000'"),
        argumentSet(
            "import-hf max_position_embeddings 2^40",
            "import-hf {dir}/context.json --id context --out {dir}/out/context.yaml",
            "{dir}/context.json: field 'max_position_embeddings' must be at most 1073741824, got"
                + " '1099511627776'"),
        argumentSet(
            "hardware-file deviceCount above the device limit",
            "--hardware-file {dir}/grown.yaml hardware list",
            "hardware file '{dir}/grown.yaml': clusters[0].systems[0].deviceCount: must be at most 131072 (the"
                + " most devices afd models), got '200000'"),
        argumentSet(
            "hardware-file deviceCount not a whole number of nodes",
            "--hardware-file {dir}/ragged.yaml hardware list",
            "hardware file '{dir}/ragged.yaml': clusters[0].systems[0].deviceCount: must be a multiple of 8 (the"
                + " devices inside one unit of the outermost dimension of system 'h200-nvl8'), got"
                + " '12'"),
        argumentSet(
            "study-file gpus above the device limit",
            "explore --study-file {dir}/huge-study.yaml",
            "study file '{dir}/huge-study.yaml': systems[0].gpus must be a GPU budget between 1"
                + " and 131072 (the most devices afd models), got '67108864'"),
        argumentSet(
            "study file with a key given twice",
            "explore --study-file {dir}/repeated-key-study.yaml",
            "study file '{dir}/repeated-key-study.yaml' is not valid YAML: line 5, column 8:"
                + " Duplicate field 'network'"),
        argumentSet(
            "study file with a fractional token count",
            "explore --study-file {dir}/fractional-isl-study.yaml",
            "study file '{dir}/fractional-isl-study.yaml': workloads[0].isl must be a whole number"
                + " of tokens, got '512.5'"),
        argumentSet(
            "study file with a text token count",
            "explore --study-file {dir}/text-prefix-study.yaml",
            "study file '{dir}/text-prefix-study.yaml': workloads[0].prefix must be a whole number"
                + " of tokens, got 'lots'"),
        argumentSet(
            "study file with options that are no mapping",
            "explore --study-file {dir}/list-options-study.yaml",
            "study file '{dir}/list-options-study.yaml': options.agg must map option names to"
                + " values, got '[1,2]'"),
        argumentSet(
            "import-hf sizes whose parameter count overflows",
            "import-hf {dir}/overflowing.json --id overflowing --out {dir}/out/overflowing.yaml",
            "{dir}/overflowing.json: model 'overflowing' has more than 9223372036854775807"
                + " parameters (2^63 - 1, the most afd counts); check its layer count, expert"
                + " count and widths"),
        // Item 4: configs that used to import silently wrong.
        argumentSet(
            "import-hf unknown quant_method",
            "import-hf {dir}/gptq.json --id gptq --out {dir}/out/gptq.yaml",
            "{dir}/gptq.json: field 'quantization_config.quant_method' must be one of"
                + " [compressed-tensors, fp8, modelopt, mxfp4], got 'gptq'"),
        argumentSet(
            "import-hf duplicate JSON key",
            "import-hf {dir}/duplicate.json --id duplicate --out {dir}/out/duplicate.yaml",
            "{dir}/duplicate.json: not valid JSON: Duplicate field 'hidden_size'"),
        // Item 6: one line, exit 2, naming the file, option or field.
        argumentSet(
            "unknown option",
            "explore --no-such-option",
            "Unknown option: '--no-such-option' (see 'afd explore --help')"),
        argumentSet(
            "option without its value",
            "explore --gpus",
            "Missing required parameter for option '--gpus' (N) (see 'afd explore --help')"),
        argumentSet(
            "option value of the wrong type",
            "explore --gpus eight",
            "Invalid value for option '--gpus': 'eight' is not an int (see 'afd explore --help')"),
        argumentSet(
            "YAML syntax error in a hardware file",
            "--hardware-file {dir}/broken.yaml hardware list",
            "hardware file '{dir}/broken.yaml': line 3, column 4: while parsing a block"
                + " collection; expected <block end>, but found '<block mapping start>'"),
        argumentSet(
            "YAML syntax error in a study file",
            "explore --study-file {dir}/broken.yaml",
            "study file '{dir}/broken.yaml' is not valid YAML: line 3, column 4: while parsing a"
                + " block collection; expected <block end>, but found '<block mapping start>'"),
        argumentSet(
            "YAML syntax error in a model file",
            "--model-file {dir}/broken.yaml model list",
            "{dir}/broken.yaml: not a valid model spec file: line 3, column 4: while parsing a"
                + " block collection; expected <block end>, but found '<block mapping start>'"),
        argumentSet(
            "study file naming an unknown model",
            "explore --study-file {dir}/unknown-model-study.yaml",
            "study file '{dir}/unknown-model-study.yaml': Unknown model 'no-such-model'. Known"
                + " models: [deepseek-r1, deepseek-v3, deepseek-v3.2, glm-5, gpt-oss-120b,"
                + " gpt-oss-20b, kimi-k2, llama-3.1-70b, llama-3.1-8b, llama-4-maverick,"
                + " llama-4-scout, minimax-m2.5, mixtral-8x22b, mixtral-8x7b,"
                + " nemotron-3-super-120b-a12b, qwen3-235b-a22b, qwen3-30b-a3b, qwen3-32b,"
                + " qwen3-coder-480b-a35b, step-3.7-flash]"),
        argumentSet(
            "study file naming an unknown strategy",
            "explore --study-file {dir}/unknown-strategy-study.yaml",
            "study file '{dir}/unknown-strategy-study.yaml': Unknown strategy 'no-such-strategy'."
                + " Known strategies: [agg, agg-afd, pd, pd-afd]"),
        argumentSet(
            "study file setting an unknown knob",
            "explore --study-file {dir}/unknown-knob-study.yaml",
            "study file '{dir}/unknown-knob-study.yaml': Strategy 'agg' does not accept option"
                + " 'no-such-knob'. Accepted options: [arrivals, attention-layouts, batch, chunk,"
                + " dp, ep, expert-imbalance, moe-tp, mtp, mtp-acceptance, requests-per-client,"
                + " runtime-reserve, system, tp]"),
        argumentSet(
            "--out empty",
            SMALL_EXPLORE + " --out=",
            "Cannot write to output directory '': the path is empty; give a directory, for example"
                + " results/"),
        argumentSet(
            "import-hf --out empty",
            "import-hf {dir}/layers.json --out=",
            "Option --out must name a file, got ''; leave it out to write ID.yaml"),
        argumentSet(
            "--out in /proc",
            SMALL_EXPLORE + " --out /proc/afd-out",
            "Cannot write to output directory '/proc/afd-out': the file system refused to create"
                + " it (no such file or directory)"),
        argumentSet(
            "kernel-db inspect on a truncated Parquet table",
            "kernel-db inspect {dir}/kernels/systems",
            "kernel table '{dir}/kernels/systems/data/h200_sxm/gemm/trtllm/1.0/gemm_perf.parquet'"
                + " cannot be used: Cannot read parquet file"
                + " '{dir}/kernels/systems/data/h200_sxm/gemm/trtllm/1.0/gemm_perf.parquet':"
                + " missing PAR1 magic at the end, the file is probably truncated"));
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void exitsTwoWithOneLineAndWritesNothing(String arguments, String message) throws IOException {
    String dir = directory.toString();
    List<String> before = listing();
    String[] args =
        Stream.of(arguments.split(" "))
            .map(argument -> argument.replace("{dir}", dir))
            .toArray(String[]::new);

    CommandResult result = CommandResult.run(args);

    assertThat(result.err()).isEqualTo("afd: " + message.replace("{dir}", dir) + "\n");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(listing()).isEqualTo(before);
  }

  /** {@return every path under the fixture directory, hidden ones included, sorted} */
  private static List<String> listing() throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.map(Path::toString).sorted().toList();
    }
  }
}
