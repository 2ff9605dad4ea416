package dev.afd.engine.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.afd.api.AfdConfigurationException;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.block.DenseFfnBlock;
import dev.afd.api.model.block.DsaAttentionBlock;
import dev.afd.api.model.block.EmbeddingBlock;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.LmHeadBlock;
import dev.afd.api.model.block.Mamba2MixerBlock;
import dev.afd.api.model.block.MlaAttentionBlock;
import dev.afd.api.model.block.MoeFfnBlock;
import dev.afd.api.unit.Precision;
import dev.afd.engine.json.Json;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Writes and reads afd model spec files: a model as its stack of built-in blocks, in YAML ({@code
 * .yaml}, {@code .yml}) or JSON (any other extension).
 *
 * <p>{@code afd import-hf} writes one; {@code --model-file} reads one. {@link #read} also accepts a
 * Hugging Face {@code config.json} directly (recognised by its {@code architectures} field) and
 * imports it with {@link HuggingFaceConfigImporter}. Only the built-in block types of {@code
 * dev.afd.api.model.block} can be written. Stateless and thread-safe.
 *
 * <p>Format: {@code {"format": "afd-model-spec/1", "model": {"id": ..., "edges": [...], "layers":
 * [{"name": ..., "count": ..., "blocks": [{"type": "mla-attention", ...}]}], ...}}}; every block
 * field is required, precisions are written as ids such as {@code fp8-block}.
 *
 * @since 0.1
 */
public final class ModelSpecFiles {
  /** The format marker written at the top of every file. */
  public static final String FORMAT = "afd-model-spec/1";

  private static final Set<Class<?>> WRITABLE =
      Set.of(
          GqaAttentionBlock.class,
          MlaAttentionBlock.class,
          DsaAttentionBlock.class,
          Mamba2MixerBlock.class,
          DenseFfnBlock.class,
          MoeFfnBlock.class,
          EmbeddingBlock.class,
          LmHeadBlock.class);

  private static final ObjectMapper JSON = configure(new ObjectMapper());
  private static final ObjectMapper YAML =
      configure(
          new ObjectMapper(
              YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build()));

  private ModelSpecFiles() {}

  /** The document: a format marker and the model. */
  record Document(String format, MoeModelSpec model) {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = GqaAttentionBlock.class, name = "gqa-attention"),
    @JsonSubTypes.Type(value = MlaAttentionBlock.class, name = "mla-attention"),
    @JsonSubTypes.Type(value = DsaAttentionBlock.class, name = "dsa-attention"),
    @JsonSubTypes.Type(value = Mamba2MixerBlock.class, name = "mamba2-mixer"),
    @JsonSubTypes.Type(value = DenseFfnBlock.class, name = "dense-ffn"),
    @JsonSubTypes.Type(value = MoeFfnBlock.class, name = "moe-ffn"),
    @JsonSubTypes.Type(value = EmbeddingBlock.class, name = "embedding"),
    @JsonSubTypes.Type(value = LmHeadBlock.class, name = "lm-head")
  })
  private interface BlockMixin {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    SimpleModule precisions = new SimpleModule("afd-precision");
    precisions.addSerializer(
        Precision.class,
        new JsonSerializer<Precision>() {
          @Override
          public void serialize(
              Precision value, JsonGenerator generator, SerializerProvider provider)
              throws IOException {
            generator.writeString(value.id());
          }
        });
    precisions.addDeserializer(
        Precision.class,
        new JsonDeserializer<Precision>() {
          @Override
          public Precision deserialize(JsonParser parser, DeserializationContext context)
              throws IOException {
            return Precision.parse(parser.getValueAsString(""));
          }
        });
    return mapper
        .addMixIn(Block.class, BlockMixin.class)
        .registerModule(precisions)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  private static ObjectMapper mapperFor(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
  }

  /**
   * Writes {@code model} to {@code file} (YAML or JSON by extension), replacing it.
   *
   * @param model the model
   * @param file the target
   * @throws AfdConfigurationException if the model has a block type that cannot be written or the
   *     file cannot be written
   */
  public static void write(MoeModelSpec model, Path file) {
    List<Block> blocks = new ArrayList<>(model.edges());
    for (List<LayerGroup> groups : List.of(model.layers(), model.nextTokenPredictionLayers())) {
      for (LayerGroup group : groups) {
        blocks.addAll(group.blocks());
      }
    }
    for (Block block : blocks) {
      if (!WRITABLE.contains(block.getClass())) {
        throw new AfdConfigurationException(
            "model '"
                + model.id()
                + "' has a block of type "
                + block.getClass().getName()
                + " that a model spec file cannot hold; only the built-in blocks of"
                + " dev.afd.api.model.block can be written");
      }
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      mapperFor(file).writeValue(file.toFile(), new Document(FORMAT, model));
    } catch (IOException e) {
      throw new AfdConfigurationException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a model spec file, or imports a Hugging Face {@code config.json}.
   *
   * @param file the file
   * @return the model
   * @throws AfdConfigurationException if the file is unreadable or invalid, naming the file
   */
  public static MoeModelSpec read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AfdConfigurationException("model file " + file + " does not exist");
    }
    ObjectMapper mapper = mapperFor(file);
    if (mapper == JSON && HuggingFaceConfigImporter.isHuggingFaceConfig(file)) {
      return HuggingFaceConfigImporter.read(file, HuggingFaceConfigImporter.defaultId(file));
    }
    Document document;
    try {
      document = mapper.readValue(file.toFile(), Document.class);
    } catch (JsonMappingException e) {
      AfdConfigurationException configuration = findCause(e, AfdConfigurationException.class);
      IllegalArgumentException argument = findCause(e, IllegalArgumentException.class);
      String reason =
          configuration != null
              ? configuration.getMessage()
              : argument != null ? argument.getMessage() : e.getOriginalMessage();
      throw new AfdConfigurationException(
          file + ": invalid model spec at " + location(e) + ": " + reason, e);
    } catch (JsonProcessingException e) {
      throw new AfdConfigurationException(
          file + ": not a valid model spec file: " + Json.syntaxError(e), e);
    } catch (IOException e) {
      throw new AfdConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(document.format())) {
      throw new AfdConfigurationException(
          file + ": field 'format' must be '" + FORMAT + "', got '" + document.format() + "'");
    }
    checkWidths(file, document.model());
    return document.model();
  }

  /**
   * Fails when a block's own hidden size differs from its model's: a hand-edited file could give
   * one, and the block would then be priced at a width the model does not have.
   */
  private static void checkWidths(Path file, MoeModelSpec model) {
    List<LayerGroup> groups = new ArrayList<>(model.layers());
    groups.add(new LayerGroup("edges", 1, model.edges()));
    for (LayerGroup group : groups) {
      for (int index = 0; index < group.blocks().size(); index++) {
        Block block = group.blocks().get(index);
        OptionalInt width = recordHiddenSize(block);
        if (width.isPresent() && width.getAsInt() != model.hiddenSize()) {
          throw new AfdConfigurationException(
              file
                  + ": layer group '"
                  + group.name()
                  + "' block "
                  + index
                  + " ("
                  + block.getClass().getSimpleName()
                  + ") has hiddenSize "
                  + width.getAsInt()
                  + "; expected the model's hiddenSize "
                  + model.hiddenSize());
        }
      }
    }
  }

  /** {@return the block's {@code hiddenSize} record component, where it has one} */
  private static OptionalInt recordHiddenSize(Block block) {
    RecordComponent[] components = block.getClass().getRecordComponents();
    if (components == null) {
      return OptionalInt.empty();
    }
    for (RecordComponent component : components) {
      if (component.getName().equals("hiddenSize") && component.getType() == int.class) {
        try {
          return OptionalInt.of((int) component.getAccessor().invoke(block));
        } catch (ReflectiveOperationException e) {
          return OptionalInt.empty();
        }
      }
    }
    return OptionalInt.empty();
  }

  private static String location(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : "'" + path + "'";
  }

  private static <T extends Throwable> @org.jspecify.annotations.Nullable T findCause(
      Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
