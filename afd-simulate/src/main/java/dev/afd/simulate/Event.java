package dev.afd.simulate;

/** Something that happens at a time: the queue orders by time, then by scheduling order. */
abstract class Event {
  double time;
  long order;
}
