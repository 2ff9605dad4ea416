package dev.afd.engine.discovery;

/** Registered as a hardware provider by mistake: implements no SPI. */
public final class NotAHardwareProvider {}
