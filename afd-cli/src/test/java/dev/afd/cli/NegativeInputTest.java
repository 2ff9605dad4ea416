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
                + " and 131072 (the most devices afd models), got '67108864'"));
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
