package dev.afd.cli;

import static dev.afd.cli.testing.Gen.weighted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.afd.cli.testing.Gen;
import dev.afd.cli.testing.Tries;
import dev.afd.engine.json.Json;
import dev.afd.engine.validate.SiliconCsvFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property-based negative tests (issue 19): real input files, mutated at random, through the whole
 * command line in process.
 *
 * <p>The files are the project's own hardware files ({@code examples/hardware}, the example
 * plugin's cluster file) and study files ({@code examples/studies}), and, read at test time from
 * {@code ../shared/data} (skipped when it is absent), a published Hugging Face {@code config.json}
 * and rows of the measured silicon CSV. Each try applies one mutation: drop a field, a negative,
 * non-finite or huge number, a value of the wrong type, a garbage string, a duplicated key or
 * column, a truncated file.
 *
 * <p>Every run must end in one of two ways, and anything else fails the property (exit 1, a stack
 * trace, several lines, partial outputs):
 *
 * <ul>
 *   <li>exit 2, exactly one line {@code afd: ...} on standard error naming the file and (where the
 *       mutation has one) the field, column or value, nothing on standard output, and nothing
 *       written: the output absent, no {@code .afd-staging-*} left;
 *   <li>exit 0 with the complete outputs, allowed only for a mutation that may leave the input
 *       valid (a dropped optional field, a changed name, a truncated CSV that ends on a whole row).
 * </ul>
 *
 * <p>Each property is a {@link TestFactory} of one test per try, its mutation drawn by {@link Gen}
 * generators from the try's seed ({@link #BASE_SEED} plus the try's index), so every run tries the
 * same mutations. A failing try prints its seed and the mutation; {@code -Dafd.mutation.seed=N}
 * runs only seed {@code N} ({@link Tries}).
 */
class MutatedInputTest {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Files a successful {@code explore --out} leaves, and nothing else. */
  private static final List<String> EXPLORE_OUTPUTS =
      List.of("frontier.csv", "report.html", "results.csv", "summary.json");

  /** Files a successful {@code validate --out} leaves, and nothing else. */
  private static final List<String> VALIDATE_OUTPUTS =
      List.of("validation.csv", "validation.html", "validation.json");

  private static final Path REPOSITORY = Path.of("..");

  // ---------------------------------------------------------------- Hugging Face configs

  /** The published configs mutated: a plain MoE (Qwen3) and an MLA model with FP8 (DeepSeek). */
  private static final List<String> CONFIGS =
      List.of("Qwen--Qwen3-30B-A3B_config.json", "deepseek-ai--DeepSeek-V3_config.json");

  /**
   * Fields a config carries but its architecture does not read, which may hold anything:
   * Qwen3-30B-A3B has no dense layer ({@code intermediate_size}); DeepSeek-V3's MLA caches a
   * latent, not heads ({@code num_key_value_heads}).
   */
  private static final Map<String, Set<String>> UNREAD_CONFIG_FIELDS =
      Map.of(
          "Qwen--Qwen3-30B-A3B_config.json", Set.of("intermediate_size"),
          "deepseek-ai--DeepSeek-V3_config.json", Set.of("num_key_value_heads"));

  /** Integer fields the importer reads for these architectures, each checked {@code > 0}. */
  private static final Set<String> POSITIVE_CONFIG_FIELDS =
      Set.of(
          "hidden_size",
          "intermediate_size",
          "num_hidden_layers",
          "num_attention_heads",
          "num_key_value_heads",
          "head_dim",
          "num_experts",
          "n_routed_experts",
          "num_experts_per_tok",
          "moe_intermediate_size",
          "vocab_size",
          "max_position_embeddings",
          "kv_lora_rank",
          "qk_rope_head_dim",
          "qk_nope_head_dim",
          "v_head_dim",
          "n_group",
          "topk_group");

  /** Integer fields the importer reads and checks {@code >= 0}. */
  private static final Set<String> NON_NEGATIVE_CONFIG_FIELDS =
      Set.of(
          "first_k_dense_replace", "n_shared_experts", "num_nextn_predict_layers", "q_lora_rank");

  /**
   * Text fields the importer reads against a closed list (dtypes, architectures, quantisation
   * methods): a number, a list or a garbage string there is an error.
   */
  private static final Set<String> CLOSED_TEXT_CONFIG_FIELDS =
      Set.of("torch_dtype", "architectures", "quant_method");

  /** Fields the importer requires: dropping one is an error. */
  private static final Set<String> REQUIRED_CONFIG_FIELDS =
      Set.of(
          "architectures",
          "hidden_size",
          "num_hidden_layers",
          "num_attention_heads",
          "num_experts",
          "n_routed_experts",
          "num_experts_per_tok",
          "moe_intermediate_size",
          "vocab_size",
          "kv_lora_rank",
          "qk_rope_head_dim",
          "qk_nope_head_dim",
          "v_head_dim");

  @TestFactory
  Stream<DynamicTest> aMutatedHuggingFaceConfigIsRefusedInOneLineOrImportsWhole() {
    assumeSharedData();
    return tries(
        100,
        configMutations(),
        (mutation, file, directory) ->
            new Command(
                List.of(
                    "import-hf",
                    file.toString(),
                    "--id",
                    "mutated",
                    "--out",
                    directory.resolve("mutated.yaml").toString()),
                directory.resolve("mutated.yaml"),
                List.of()));
  }

  private static Gen<Mutation> configMutations() {
    // Each file is read and parsed once; a try picks a file, then one of its mutations.
    return Gen.oneOf(
        CONFIGS.stream()
            .map(name -> jsonMutations(name, readShared("model-configs/" + name)))
            .toList());
  }

  private static Gen<Mutation> jsonMutations(String name, String text) {
    ObjectNode root = (ObjectNode) readTree(Json.mapper(), text);
    List<Leaf> leaves = leaves(root);
    List<Leaf> read =
        leaves.stream()
            .filter(
                leaf ->
                    leaf.path().size() == 1
                        && !UNREAD_CONFIG_FIELDS.getOrDefault(name, Set.of()).contains(leaf.key())
                        && (POSITIVE_CONFIG_FIELDS.contains(leaf.key())
                            || NON_NEGATIVE_CONFIG_FIELDS.contains(leaf.key())))
            .toList();
    List<Leaf> closedText =
        leaves.stream()
            .filter(
                leaf -> leaf.path().size() <= 2 && CLOSED_TEXT_CONFIG_FIELDS.contains(leaf.key()))
            .toList();
    List<Leaf> checked = new ArrayList<>(read);
    checked.addAll(closedText);
    List<Leaf> required =
        leaves.stream()
            .filter(leaf -> leaf.path().size() <= 2 && REQUIRED_CONFIG_FIELDS.contains(leaf.key()))
            .toList();
    // A field the importer reads must refuse every bad number; any other field may take it.
    Gen<Mutation> value =
        Gen.combine(
            Gen.frequencyOf(weighted(2, Gen.of(checked)), weighted(1, Gen.of(leaves))),
            badNumbers(),
            (leaf, bad) ->
                Mutation.of(
                    name,
                    write(Json.mapper(), replace(root, leaf, bad.node())),
                    leaf.display() + " set to " + bad.node(),
                    closedText.contains(leaf)
                        || read.contains(leaf)
                            && (bad.certain()
                                || POSITIVE_CONFIG_FIELDS.contains(leaf.key()) && bad.zero()),
                    leaf.key(),
                    bad.node().isValueNode() ? bad.node().asText() : leaf.key()));
    Gen<Mutation> drop =
        Gen.of(required)
            .map(
                leaf ->
                    Mutation.of(
                        name,
                        write(Json.mapper(), remove(root, leaf)),
                        "dropped " + leaf.display(),
                        true,
                        leaf.key()));
    Gen<Mutation> duplicate = duplicatedJsonKey(name, text);
    Gen<Mutation> truncated =
        Gen.integers(1, text.lastIndexOf('}') - 1)
            .map(
                cut ->
                    Mutation.of(name, text.substring(0, cut), "cut after " + cut + " chars", true));
    return Gen.frequencyOf(
        weighted(6, value), weighted(2, drop), weighted(1, duplicate), weighted(1, truncated));
  }

  /** A top-level line of a pretty-printed JSON object repeated: the same key twice. */
  private static Gen<Mutation> duplicatedJsonKey(String name, String text) {
    return repeatedLine(name, text, Pattern.compile("^  \"([A-Za-z_0-9]+)\": [^\\[{]*,$"));
  }

  /**
   * A line that sets a key repeated right after itself, so that one mapping has the key twice.
   *
   * @param key matches the lines that may be repeated; its group 1 is the key
   */
  private static Gen<Mutation> repeatedLine(String name, String text, Pattern key) {
    List<String> lines = text.lines().toList();
    List<Integer> candidates = new ArrayList<>();
    for (int index = 0; index < lines.size(); index++) {
      if (key.matcher(lines.get(index)).matches()) {
        candidates.add(index);
      }
    }
    return Gen.of(candidates)
        .map(
            index -> {
              Matcher matcher = key.matcher(lines.get(index));
              matcher.matches();
              List<String> copy = new ArrayList<>(lines);
              copy.add(index + 1, lines.get(index));
              return Mutation.of(
                  name,
                  String.join("\n", copy) + "\n",
                  "repeated line " + (index + 1) + " '" + lines.get(index).strip() + "'",
                  true,
                  matcher.group(1));
            });
  }

  // ---------------------------------------------------------------- hardware files

  /**
   * Stands in for the example plugin's {@code acme-npu-pod-64}, whose jar is not on this module's
   * class path; the numbers are {@code AcmeHardwareProvider}'s.
   */
  private static final String ACME_STAND_IN =
      """
      accelerators:
        - id: acme-npu
          name: Acme NPU
          vendor: Acme
          denseFlopRates: {bf16: 400 TFLOP/s, fp8: 800 TFLOP/s}
          memoryCapacityPerDevice: 32 GiB
          memoryBandwidth: 1.6 TB/s
          onChipMemory: 512 MiB
          onChipBandwidth: 80 TB/s
          scaleUpBandwidthPerDirection: 400 GB/s
          scaleOutBandwidthPerDirection: 400 Gbit/s
          thermalDesignPowerWatts: 450
          computeEfficiency: 0.75
          memoryEfficiency: 0.85
          kernelOverhead: 2 us
          source: afd-example-plugin AcmeHardwareProvider (fictional)
      systems:
        - id: acme-npu-pod-64
          description: 16 Acme NPUs per board on a ring, 4 boards on 400 Gbit/s Ethernet
          accelerator: acme-npu
          dimensions:
            - {name: acme-link, kind: ring, size: 16, bandwidthPerDirection: 400 GB/s, latency: 1 us}
            - {name: ethernet, kind: switch, size: 4, bandwidthPerDirection: 400 Gbit/s, latency: 5 us}
      """;

  /** Fields a hardware file cannot do without. */
  private static final Set<String> REQUIRED_HARDWARE_FIELDS =
      Set.of(
          "id",
          "accelerator",
          "dimensions",
          "denseFlopRates",
          "memoryCapacityPerDevice",
          "memoryBandwidth",
          "kind",
          "size",
          "bandwidthPerDirection",
          "system",
          "systems");

  /** String fields whose value is free text or a new id: any string (but no list) is valid. */
  private static final Set<String> FREE_TEXT_FIELDS =
      Set.of("id", "name", "vendor", "source", "description");

  @TestFactory
  Stream<DynamicTest> aMutatedHardwareFileIsRefusedInOneLineOrExploresWhole() {
    return tries(
        60,
        hardwareMutations(),
        (mutation, file, directory) -> {
          boolean plugin = mutation.fileName().startsWith("h200-attention-acme");
          List<String> args = new ArrayList<>();
          String cluster = "h200-attention-sram-npu-ffn";
          if (plugin) {
            Path standIn = directory.resolve("acme-stand-in.yaml");
            Files.writeString(standIn, ACME_STAND_IN);
            args.addAll(List.of("--hardware-file", standIn.toString()));
            cluster = "h200-attention-acme-ffn";
          }
          args.addAll(
              List.of(
                  "--hardware-file",
                  file.toString(),
                  "explore",
                  "--roofline",
                  "--model",
                  "qwen3-30b-a3b",
                  "--cluster",
                  cluster,
                  "--strategies",
                  "agg",
                  "--workload",
                  "chat",
                  "--threads",
                  "2",
                  "--out",
                  directory.resolve("out").toString()));
          return new Command(args, directory.resolve("out"), EXPLORE_OUTPUTS);
        });
  }

  private static Gen<Mutation> hardwareMutations() {
    Path examples = REPOSITORY.resolve("examples/hardware/sram-npu.yaml");
    Path plugin = REPOSITORY.resolve("afd-example-plugin/hardware/h200-attention-acme-ffn.yaml");
    return Gen.oneOf(
        Stream.of(examples, plugin)
            .map(
                file ->
                    yamlMutations(
                        file.getFileName().toString(),
                        read(file),
                        REQUIRED_HARDWARE_FIELDS,
                        FREE_TEXT_FIELDS,
                        true))
            .toList());
  }

  // ---------------------------------------------------------------- study files

  /** Fields a study cannot do without. */
  private static final Set<String> REQUIRED_STUDY_FIELDS =
      Set.of("models", "systems", "workloads", "system", "gpus", "id", "isl", "osl");

  /** Study strings that may take any value: the study's name and a custom workload's id. */
  private static final Set<String> FREE_STUDY_TEXT = Set.of("name", "id");

  @TestFactory
  Stream<DynamicTest> aMutatedStudyFileIsRefusedInOneLine() {
    return tries(
        60,
        studyMutations(),
        (mutation, file, directory) ->
            new Command(
                List.of(
                    "explore",
                    "--study-file",
                    file.toString(),
                    "--roofline",
                    "--threads",
                    "2",
                    "--out",
                    directory.resolve("out").toString()),
                directory.resolve("out"),
                EXPLORE_OUTPUTS));
  }

  private static Gen<Mutation> studyMutations() {
    List<Path> studies;
    try (Stream<Path> files = Files.list(REPOSITORY.resolve("examples/studies"))) {
      studies = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Only mutations that certainly break a study: a valid one would run the whole study.
    return Gen.oneOf(
        studies.stream()
            .map(
                file ->
                    yamlMutations(
                        file.getFileName().toString(),
                        read(file),
                        REQUIRED_STUDY_FIELDS,
                        FREE_STUDY_TEXT,
                        false))
            .toList());
  }

  // ---------------------------------------------------------------- YAML mutations

  private static Gen<Mutation> yamlMutations(
      String name, String text, Set<String> required, Set<String> freeText, boolean mayBeValid) {
    JsonNode root = readTree(YAML, text);
    List<Leaf> leaves = leaves(root);
    List<Leaf> numeric = leaves.stream().filter(Leaf::numeric).toList();
    List<Leaf> strings =
        leaves.stream().filter(leaf -> !leaf.numeric() && !freeText.contains(leaf.key())).toList();
    List<Gen<Mutation>> kinds = new ArrayList<>();
    kinds.add(
        Gen.combine(
            Gen.of(numeric),
            badQuantities(),
            (leaf, bad) -> {
              JsonNode value = bad.apply(leaf.node());
              return Mutation.of(
                  name,
                  write(YAML, replace(root, leaf, value)),
                  leaf.display() + " set to " + value,
                  true,
                  leaf.display(),
                  leaf.key());
            }));
    if (!strings.isEmpty()) {
      kinds.add(
          Gen.combine(
              Gen.of(strings),
              garbage(),
              (leaf, garbage) ->
                  Mutation.of(
                      name,
                      write(YAML, replace(root, leaf, NODES.textNode(garbage))),
                      leaf.display() + " set to '" + garbage + "'",
                      true,
                      leaf.display(),
                      leaf.key(),
                      garbage)));
    }
    kinds.add(
        Gen.combine(
            Gen.of(leaves),
            wrongTypes(),
            (leaf, wrong) ->
                Mutation.of(
                    name,
                    write(YAML, replace(root, leaf, wrong)),
                    leaf.display() + " set to " + wrong,
                    true,
                    leaf.display(),
                    leaf.key())));
    List<Leaf> fields = fields(root);
    List<Leaf> drops =
        fields.stream().filter(field -> mayBeValid || required.contains(field.key())).toList();
    kinds.add(
        Gen.of(drops)
            .map(
                field ->
                    Mutation.of(
                        name,
                        write(YAML, remove(root, field)),
                        "dropped " + field.display(),
                        required.contains(field.key()),
                        field.display(),
                        field.key())));
    kinds.add(duplicatedYamlKey(name, text));
    kinds.add(truncatedInFlow(name, text));
    return Gen.oneOf(kinds);
  }

  /** A block-mapping line repeated: the same key twice in one mapping. */
  private static Gen<Mutation> duplicatedYamlKey(String name, String text) {
    return repeatedLine(name, text, Pattern.compile("^ *([A-Za-z][A-Za-z0-9]*):(?: .*)?$"));
  }

  /** The file cut inside a flow collection ({@code [...]} or {@code {...}}): never valid YAML. */
  private static Gen<Mutation> truncatedInFlow(String name, String text) {
    List<Integer> cuts = new ArrayList<>();
    int depth = 0;
    boolean comment = false;
    for (int position = 0; position < text.length(); position++) {
      char ch = text.charAt(position);
      if (ch == '\n') {
        comment = false;
      } else if (comment) {
        continue;
      } else if (ch == '#'
          && (position == 0 || Character.isWhitespace(text.charAt(position - 1)))) {
        comment = true;
      } else if (ch == '[' || ch == '{') {
        depth++;
      } else if (ch == ']' || ch == '}') {
        depth--;
      }
      if (depth > 0 && !comment) {
        cuts.add(position + 1);
      }
    }
    return Gen.of(cuts)
        .map(
            cut ->
                Mutation.of(
                    name,
                    text.substring(0, cut),
                    "cut after '" + text.substring(Math.max(0, cut - 20), cut) + "'",
                    true,
                    "line"));
  }

  // ---------------------------------------------------------------- silicon CSV

  /** Which rows of the silicon file are mutated: agg and disagg rows of models afd knows. */
  private static final List<String> SILICON_ROWS =
      List.of(
          "deepseek-ai/DeepSeek-R1,agg",
          "deepseek-ai/DeepSeek-R1,disagg",
          "Qwen/Qwen3-32B,agg",
          "openai/gpt-oss-120b,agg");

  private static final int ROWS_PER_GROUP = 2;

  /** Columns every row reads, whatever its mode. */
  private static final List<String> POSITIVE_COLUMNS =
      List.of("isl", "osl", "silicon_ttft_ms", "silicon_tpot_ms");

  @TestFactory
  Stream<DynamicTest> aMutatedSiliconFileIsRefusedInOneLineOrValidatesWhole() {
    assumeSharedData();
    return tries(
        50,
        siliconMutations(),
        (mutation, file, directory) ->
            new Command(
                List.of(
                    "validate",
                    "--roofline",
                    "--silicon",
                    file.toString(),
                    "--out",
                    directory.resolve("out").toString()),
                directory.resolve("out"),
                VALIDATE_OUTPUTS));
  }

  private static Gen<Mutation> siliconMutations() {
    String name = "silicon_slice.csv";
    List<List<String>> table = siliconSlice();
    List<String> header = table.get(0);
    int rows = table.size() - 1;
    Gen<Mutation> duplicateColumn =
        Gen.integers(0, header.size() - 1)
            .map(
                column -> {
                  List<List<String>> copy = new ArrayList<>();
                  for (List<String> record : table) {
                    List<String> fields = new ArrayList<>(record);
                    fields.add(column + 1, record.get(column));
                    copy.add(fields);
                  }
                  return Mutation.of(
                      name,
                      csv(copy),
                      "repeated column " + header.get(column),
                      true,
                      header.get(column));
                });
    Gen<Mutation> dropColumn =
        Gen.integers(0, header.size() - 1)
            .map(
                column -> {
                  List<List<String>> copy = new ArrayList<>();
                  for (List<String> record : table) {
                    List<String> fields = new ArrayList<>(record);
                    fields.remove((int) column);
                    copy.add(fields);
                  }
                  return Mutation.of(
                      name,
                      csv(copy),
                      "dropped column " + header.get(column),
                      SiliconCsvFixtures.requiredColumns().contains(header.get(column)),
                      header.get(column));
                });
    Gen<Mutation> cell =
        Gen.combine(
            Gen.integers(1, rows),
            Gen.of(readColumns()),
            badCells(),
            (row, column, bad) -> {
              List<List<String>> copy = copy(table);
              int index = header.indexOf(column);
              boolean agg = copy.get(row).get(header.indexOf("mode")).equals("agg");
              String target = column;
              if (!POSITIVE_COLUMNS.contains(column)) {
                // A pool column only counts in rows of its mode.
                target = agg ? column : "decode_" + column;
                index = header.indexOf(target);
              }
              copy.get(row).set(index, bad.text());
              boolean positive = POSITIVE_COLUMNS.contains(column);
              return Mutation.of(
                  name,
                  csv(copy),
                  "row " + row + " " + target + " set to '" + bad.text() + "'",
                  bad.certain()
                      || positive && bad.zero()
                      || !column.endsWith("_ms") && bad.tooLargeForInt(),
                  target,
                  bad.text());
            });
    Gen<Mutation> concurrency =
        Gen.combine(
            Gen.integers(1, rows),
            Gen.bigIntegers(
                BigInteger.valueOf(Integer.MAX_VALUE).add(BigInteger.ONE), BigInteger.TEN.pow(30)),
            (row, huge) -> {
              List<List<String>> copy = copy(table);
              int index = header.indexOf("silicon_data_source");
              String source = copy.get(row).get(index);
              String mutated =
                  source.contains("silicon_concurrency=")
                      ? source.replaceAll("silicon_concurrency=\\d+", "silicon_concurrency=" + huge)
                      : source + "; silicon_concurrency=" + huge;
              copy.get(row).set(index, mutated);
              return Mutation.of(
                  name,
                  csv(copy),
                  "row " + row + " silicon_concurrency=" + huge,
                  true,
                  "silicon_concurrency",
                  huge.toString());
            });
    Gen<Mutation> missingField =
        Gen.integers(1, rows)
            .map(
                row -> {
                  List<List<String>> copy = copy(table);
                  copy.get(row).remove(copy.get(row).size() - 1);
                  return Mutation.of(
                      name, csv(copy), "row " + row + " short by one field", true, "fields");
                });
    String text = csv(table);
    Gen<Mutation> truncated =
        Gen.integers(1, text.length() - 1)
            .map(
                cut ->
                    Mutation.of(
                        name, text.substring(0, cut), "cut after " + cut + " chars", false));
    return Gen.frequencyOf(
        weighted(2, duplicateColumn),
        weighted(2, dropColumn),
        weighted(4, cell),
        weighted(1, concurrency),
        weighted(1, missingField),
        weighted(1, truncated));
  }

  /** Columns that are read: the positive ones, and the agg pool (decode_ pool for disagg). */
  private static List<String> readColumns() {
    List<String> columns = new ArrayList<>(POSITIVE_COLUMNS);
    columns.addAll(
        List.of(
            "batch_size", "tp_size", "pp_size", "attention_dp_size", "moe_tp_size", "moe_ep_size"));
    return columns;
  }

  /** {@return the header and the first rows of each group of {@link #SILICON_ROWS}} */
  private static List<List<String>> siliconSlice() {
    List<String> lines = readShared("silicon/silicon_dev.csv").lines().toList();
    List<List<String>> table = new ArrayList<>();
    List<String> header = List.of(lines.get(0).split(",", -1));
    table.add(header);
    int model = header.indexOf("model_path");
    int mode = header.indexOf("mode");
    for (String group : SILICON_ROWS) {
      int taken = 0;
      for (String line : lines.subList(1, lines.size())) {
        List<String> fields = List.of(line.split(",", -1));
        if (taken < ROWS_PER_GROUP
            && fields.size() == header.size()
            && group.equals(fields.get(model) + "," + fields.get(mode))) {
          table.add(fields);
          taken++;
        }
      }
    }
    return table;
  }

  private static List<List<String>> copy(List<List<String>> table) {
    List<List<String>> copy = new ArrayList<>();
    table.forEach(record -> copy.add(new ArrayList<>(record)));
    return copy;
  }

  private static String csv(List<List<String>> table) {
    StringBuilder text = new StringBuilder();
    for (List<String> record : table) {
      text.append(String.join(",", record)).append('\n');
    }
    return text.toString();
  }

  // ---------------------------------------------------------------- generated values

  /** A bad value and whether it is certainly invalid where a positive number is read. */
  record Bad(JsonNode node, boolean certain, boolean zero) {}

  /** Numbers (and non-numbers) for an integer field. */
  private static Gen<Bad> badNumbers() {
    return Gen.oneOf(
        Gen.longs(Long.MIN_VALUE, -1).map(v -> new Bad(NODES.numberNode(v), true, false)),
        Gen.constant(new Bad(NODES.numberNode(0), false, true)),
        Gen.longs(1L << 31, Long.MAX_VALUE).map(v -> new Bad(NODES.numberNode(v), true, false)),
        Gen.bigIntegers(BigInteger.valueOf(Long.MAX_VALUE), BigInteger.TEN.pow(40))
            .map(v -> new Bad(NODES.numberNode(v), true, false)),
        Gen.doubles(1.0, 1e6)
            .filter(v -> v != Math.rint(v))
            .map(v -> new Bad(NODES.numberNode(v), true, false)),
        Gen.of(1e300, Double.POSITIVE_INFINITY, Double.NaN)
            .map(v -> new Bad(NODES.numberNode(v), true, false)),
        garbage().map(v -> new Bad(NODES.textNode(v), true, false)),
        wrongTypes().map(v -> new Bad(v, true, false)));
  }

  /**
   * A bad text for a CSV cell.
   *
   * @param certain whether no column accepts it
   * @param zero whether it reads as 0, which only a positive column refuses
   * @param tooLargeForInt whether only an integer column refuses it (a latency may be that long)
   */
  record BadCell(String text, boolean certain, boolean zero, boolean tooLargeForInt) {
    BadCell(String text, boolean certain, boolean zero) {
      this(text, certain, zero, false);
    }
  }

  private static Gen<BadCell> badCells() {
    return Gen.oneOf(
        Gen.longs(Long.MIN_VALUE, -1).map(v -> new BadCell(Long.toString(v), true, false)),
        Gen.constant(new BadCell("0", false, true)),
        Gen.bigIntegers(BigInteger.valueOf(1L << 31), BigInteger.TEN.pow(30))
            .map(v -> new BadCell(v.toString(), false, false, true)),
        // Longs, not integers: their draws spread over every size, not only near 2^31.
        Gen.longs(1, Integer.MAX_VALUE).map(v -> new BadCell(Long.toString(v), false, false)),
        Gen.of("NaN", "Infinity", "-Infinity", "1e400").map(v -> new BadCell(v, true, false)),
        // Empty: 0 in a pool column, which may be valid; missing in a positive one.
        Gen.constant(new BadCell("", false, true)),
        garbage().map(v -> new BadCell(v, true, false)));
  }

  /** Replacements for a number or a quantity string ({@code "1.6 TB/s"}). */
  private static Gen<UnaryOperator<JsonNode>> badQuantities() {
    UnaryOperator<JsonNode> negative =
        node ->
            node.isNumber()
                ? NODES.numberNode(node.asDouble() == 0 ? -1 : -Math.abs(node.asDouble()))
                : NODES.textNode("-" + node.asText());
    UnaryOperator<JsonNode> beyondDouble =
        node ->
            node.isNumber()
                ? NODES.numberNode(new BigDecimal("1e400"))
                : NODES.textNode("1e400 " + unit(node.asText()));
    Gen<UnaryOperator<JsonNode>> garbage =
        garbage()
            .map(
                text ->
                    node ->
                        node.isNumber()
                            ? NODES.textNode(text)
                            : NODES.textNode(text + " " + unit(node.asText())));
    return Gen.oneOf(Gen.constant(negative), Gen.constant(beyondDouble), garbage);
  }

  private static String unit(String quantity) {
    Matcher matcher = QUANTITY.matcher(quantity);
    return matcher.matches() && matcher.group(1) != null ? matcher.group(1) : "";
  }

  /** Strings that are no number, no unit, no id of anything. */
  private static Gen<String> garbage() {
    return Gen.strings("qxzjQXZJ!?%&*~^;", 1, 12);
  }

  /** A list or a mapping where a scalar goes. */
  private static Gen<JsonNode> wrongTypes() {
    return Gen.of(
        NODES.arrayNode().add(1).add(2), NODES.objectNode().put("value", 1), NODES.arrayNode());
  }

  // ---------------------------------------------------------------- the check

  /** What one mutated file runs. */
  record Command(List<String> args, Path output, List<String> outputFiles) {}

  @FunctionalInterface
  interface CommandFor {
    Command of(Mutation mutation, Path file, Path directory) throws IOException;
  }

  /**
   * The seed of try 0 of every property; try {@code i} draws from {@code BASE_SEED + i}. Fixed, so
   * that every run tries the same mutations and a failure can be replayed by its seed.
   */
  static final long BASE_SEED = 19_000;

  /** {@return one test per try: a mutation drawn from its seed, run and checked} */
  private static Stream<DynamicTest> tries(int count, Gen<Mutation> mutations, CommandFor command) {
    return Tries.of(count, BASE_SEED, mutations, Mutation::toString, m -> check(m, command));
  }

  /**
   * One mutated file, written under its original name into a fresh directory.
   *
   * @param fileName the file's name
   * @param text the mutated text
   * @param description what was changed, for the failure message
   * @param certain whether the mutation certainly makes the input invalid
   * @param mentions what the one line must name besides the file (any one of them); empty for a
   *     mutation that has no field, such as a cut
   */
  record Mutation(
      String fileName, String text, String description, boolean certain, List<String> mentions) {
    static Mutation of(
        String fileName, String text, String description, boolean certain, String... mentions) {
      return new Mutation(fileName, text, description, certain, List.of(mentions));
    }

    @Override
    public String toString() {
      return fileName + ": " + description + (certain ? "" : " (may stay valid)");
    }
  }

  private static void check(Mutation mutation, CommandFor command) throws IOException {
    Path directory = Files.createTempDirectory("afd-mutated-");
    try {
      Path file = directory.resolve(mutation.fileName());
      Files.writeString(file, mutation.text(), StandardCharsets.UTF_8);
      Command run = command.of(mutation, file, directory);
      List<String> before = listing(directory);

      CommandResult result = CommandResult.run(run.args().toArray(String[]::new));

      String context = mutation + " -> exit " + result.status() + ", stderr: " + result.err();
      if (result.status() == 0) {
        assertThat(mutation.certain()).as("accepted: %s", context).isFalse();
        assertThat(result.err().lines().filter(line -> !line.startsWith("afd: warning: ")))
            .as(context)
            .isEmpty();
        if (run.outputFiles().isEmpty()) {
          assertThat(run.output()).as(context).isNotEmptyFile();
        } else {
          assertThat(names(run.output())).as(context).isEqualTo(run.outputFiles());
          for (String name : run.outputFiles()) {
            assertThat(run.output().resolve(name)).as(context).isNotEmptyFile();
          }
        }
        assertThat(listing(directory).stream().filter(path -> path.contains(".afd-staging-")))
            .as(context)
            .isEmpty();
        return;
      }
      assertThat(result.status()).as(context).isEqualTo(2);
      assertThat(result.err()).as(context).startsWith("afd: ").endsWith("\n");
      assertThat(result.err().lines().count()).as(context).isEqualTo(1);
      assertThat(result.err()).as(context).doesNotContain("internal error");
      assertThat(result.out()).as(context).isEmpty();
      assertThat(listing(directory)).as("nothing written: %s", context).isEqualTo(before);
      if (mutation.certain()) {
        assertThat(result.err()).as(context).contains(mutation.fileName());
        if (!mutation.mentions().isEmpty()) {
          assertThat(mutation.mentions())
              .as("names one of %s: %s", mutation.mentions(), context)
              .anySatisfy(mention -> assertThat(result.err()).contains(mention));
        }
      }
    } finally {
      delete(directory);
    }
  }

  private static List<String> names(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  /** {@return every path under {@code directory}, hidden ones included, sorted} */
  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      return paths.map(Path::toString).sorted().toList();
    }
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  // ---------------------------------------------------------------- trees

  private static final Pattern QUANTITY =
      Pattern.compile("^-?[0-9][0-9.]*(?:[eE][+-]?[0-9]+)?(?: ?([A-Za-z][A-Za-z/]*))?$");

  /**
   * A scalar in a parsed file.
   *
   * @param path keys (String) and indices (Integer) from the root
   * @param node the value
   */
  record Leaf(List<Object> path, JsonNode node) {
    String key() {
      for (int index = path.size() - 1; index >= 0; index--) {
        if (path.get(index) instanceof String key) {
          return key;
        }
      }
      return "";
    }

    /** {@return the path as the loaders print it: {@code systems[0].dimensions[1].size}} */
    String display() {
      StringBuilder text = new StringBuilder();
      for (Object step : path) {
        if (step instanceof Integer index) {
          text.append('[').append(index).append(']');
        } else {
          text.append(text.length() == 0 ? "" : ".").append(step);
        }
      }
      return text.toString();
    }

    /** {@return whether the value is a number or a quantity such as {@code 1.6 TB/s}} */
    boolean numeric() {
      return node.isNumber() || node.isTextual() && QUANTITY.matcher(node.asText()).matches();
    }
  }

  private static List<Leaf> leaves(JsonNode root) {
    List<Leaf> leaves = new ArrayList<>();
    walk(root, new ArrayList<>(), leaves, false);
    return leaves;
  }

  /** {@return every field of every mapping, scalar or not} */
  private static List<Leaf> fields(JsonNode root) {
    List<Leaf> fields = new ArrayList<>();
    walk(root, new ArrayList<>(), fields, true);
    return fields;
  }

  private static void walk(JsonNode node, List<Object> path, List<Leaf> into, boolean fields) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        path.add(entry.getKey());
        if (fields) {
          into.add(new Leaf(List.copyOf(path), entry.getValue()));
        }
        walk(entry.getValue(), path, into, fields);
        path.remove(path.size() - 1);
      }
    } else if (node.isArray()) {
      for (int index = 0; index < node.size(); index++) {
        path.add(index);
        walk(node.get(index), path, into, fields);
        path.remove(path.size() - 1);
      }
    } else if (!fields && !node.isNull()) {
      into.add(new Leaf(List.copyOf(path), node));
    }
  }

  private static JsonNode replace(JsonNode root, Leaf leaf, JsonNode value) {
    JsonNode copy = root.deepCopy();
    JsonNode parent = parent(copy, leaf);
    Object last = leaf.path().get(leaf.path().size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set((String) last, value);
    } else {
      ((ArrayNode) parent).set((Integer) last, value);
    }
    return copy;
  }

  private static JsonNode remove(JsonNode root, Leaf leaf) {
    JsonNode copy = root.deepCopy();
    JsonNode parent = parent(copy, leaf);
    Object last = leaf.path().get(leaf.path().size() - 1);
    if (parent instanceof ObjectNode object) {
      object.remove((String) last);
    } else {
      ((ArrayNode) parent).remove((Integer) last);
    }
    return copy;
  }

  private static JsonNode parent(JsonNode root, Leaf leaf) {
    JsonNode node = root;
    for (Object step : leaf.path().subList(0, leaf.path().size() - 1)) {
      node = step instanceof Integer index ? node.get(index) : node.get((String) step);
    }
    return node;
  }

  private static JsonNode readTree(ObjectMapper mapper, String text) {
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(ObjectMapper mapper, JsonNode node) {
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- ../shared/data

  /** {@return {@code ../shared/data}, looked for from the working directory upwards} */
  static Optional<Path> sharedData() {
    Path directory = Path.of("").toAbsolutePath();
    while (directory != null) {
      Path candidate = directory.resolve("../shared/data").normalize();
      if (Files.isDirectory(candidate.resolve("silicon"))
          && Files.isDirectory(candidate.resolve("model-configs"))) {
        return Optional.of(candidate);
      }
      directory = directory.getParent();
    }
    return Optional.empty();
  }

  private static String readShared(String relative) {
    return read(sharedData().orElseThrow().resolve(relative));
  }

  /** Skips a property that reads {@code ../shared/data} where it is absent (a user's clone). */
  private static void assumeSharedData() {
    assumeTrue(sharedData().isPresent(), "../shared/data is absent");
  }
}
