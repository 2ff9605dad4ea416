package dev.afd.engine.internal;

/** A provider instance with its origin. */
public record LoadedProvider<T>(T provider, String id, ProviderOrigin origin) {}
