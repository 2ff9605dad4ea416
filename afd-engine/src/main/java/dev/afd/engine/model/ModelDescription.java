package dev.afd.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.block.DsaAttentionBlock;
import dev.afd.api.model.block.GqaAttentionBlock;
import dev.afd.api.model.block.MlaAttentionBlock;
import dev.afd.api.unit.Precision;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The description of a model behind {@code afd model show ID [--json]}: parameters, KV cache,
 * weights by component and layer structure, as an ordered map or JSON.
 *
 * <p>Keys, in order: {@code id}, {@code name}, {@code source}, {@code hiddenSize}, {@code
 * maxContextTokens}, {@code layerCount}, {@code totalParameters}, {@code activeParameters}, {@code
 * nextTokenPredictionParameters}, {@code kvCacheBytesPerToken} (all layers, unsharded, at the
 * model's KV precision), {@code kvCachePrecisions}, {@code weightBytes} (one unsharded copy),
 * {@code weightsByComponent} (per block kind: {@code parameters}, {@code activeParameters}, {@code
 * weightBytes}, {@code weightPrecisions}), {@code layers} and {@code nextTokenPredictionLayers}
 * (per group: {@code name}, {@code count}, {@code blocks} with {@code kind}, {@code role}, {@code
 * parameters}, {@code activeParameters}, {@code weightPrecision}, {@code kvBytesPerToken}).
 * Stateless and thread-safe; output is deterministic.
 *
 * @since 0.1
 */
public final class ModelDescription {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelDescription() {}

  /**
   * {@return the description as an insertion-ordered map of JSON-compatible values}
   *
   * @param model the model
   */
  public static Map<String, Object> describe(MoeModelSpec model) {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("id", model.id());
    description.put("name", model.name());
    description.put("source", model.source());
    description.put("hiddenSize", model.hiddenSize());
    description.put("maxContextTokens", model.maxContextTokens());
    description.put("layerCount", model.layerCount());
    description.put("totalParameters", model.totalParameters());
    description.put("activeParameters", model.activeParameters());
    description.put("nextTokenPredictionParameters", model.nextTokenPredictionParameters());
    description.put("kvCacheBytesPerToken", model.kvBytesPerToken());
    TreeSet<String> kvPrecisions = new TreeSet<>();
    for (LayerGroup group : model.layers()) {
      for (Block block : group.blocks()) {
        Precision kv = kvPrecision(block);
        if (kv != null) {
          kvPrecisions.add(kv.id());
        }
      }
    }
    description.put("kvCachePrecisions", List.copyOf(kvPrecisions));
    description.put("weightBytes", model.weightBytesPerDevice(Sharding.single()));
    description.put("weightsByComponent", byComponent(model));
    description.put("layers", groups(model.layers()));
    description.put("nextTokenPredictionLayers", groups(model.nextTokenPredictionLayers()));
    return description;
  }

  /**
   * {@return the description as indented JSON}
   *
   * @param model the model
   */
  public static String json(MoeModelSpec model) {
    try {
      return JSON.writeValueAsString(describe(model));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> byComponent(MoeModelSpec model) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, Double> bytes = new LinkedHashMap<>();
    Map<String, TreeSet<String>> precisions = new LinkedHashMap<>();
    List<LayerGroup> all = new ArrayList<>();
    all.add(new LayerGroup("edges", 1, model.edges()));
    all.addAll(model.layers());
    for (LayerGroup group : all) {
      for (Block block : group.blocks()) {
        long[] count = counts.computeIfAbsent(block.kind(), kind -> new long[2]);
        count[0] += group.count() * block.parameterCount();
        count[1] += group.count() * block.activeParameterCount();
        bytes.merge(
            block.kind(),
            group.count() * block.weightBytesPerDevice(Sharding.single()),
            Double::sum);
        precisions
            .computeIfAbsent(block.kind(), kind -> new TreeSet<>())
            .add(block.weightPrecision().id());
      }
    }
    Map<String, Object> components = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> entry : counts.entrySet()) {
      Map<String, Object> component = new LinkedHashMap<>();
      component.put("parameters", entry.getValue()[0]);
      component.put("activeParameters", entry.getValue()[1]);
      component.put("weightBytes", bytes.get(entry.getKey()));
      component.put("weightPrecisions", List.copyOf(precisions.get(entry.getKey())));
      components.put(entry.getKey(), component);
    }
    return components;
  }

  private static List<Object> groups(List<LayerGroup> groups) {
    List<Object> result = new ArrayList<>();
    for (LayerGroup group : groups) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", group.name());
      entry.put("count", group.count());
      List<Object> blocks = new ArrayList<>();
      for (Block block : group.blocks()) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("kind", block.kind());
        described.put("role", block.role().name());
        described.put("parameters", block.parameterCount());
        described.put("activeParameters", block.activeParameterCount());
        described.put("weightPrecision", block.weightPrecision().id());
        described.put("kvBytesPerToken", block.kvBytesPerToken());
        Precision kv = kvPrecision(block);
        if (kv != null) {
          described.put("kvCachePrecision", kv.id());
        }
        blocks.add(described);
      }
      entry.put("blocks", blocks);
      result.add(entry);
    }
    return result;
  }

  private static @org.jspecify.annotations.Nullable Precision kvPrecision(Block block) {
    if (block instanceof GqaAttentionBlock gqa) {
      return gqa.kvCachePrecision();
    }
    if (block instanceof MlaAttentionBlock mla) {
      return mla.kvCachePrecision();
    }
    if (block instanceof DsaAttentionBlock dsa) {
      return dsa.attention().kvCachePrecision();
    }
    return null;
  }
}
