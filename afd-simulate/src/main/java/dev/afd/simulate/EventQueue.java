package dev.afd.simulate;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A binary min-heap of events by time, ties broken by the order they were scheduled in, so that a
 * run is the same whatever the heap's internal layout.
 */
final class EventQueue {
  private Event[] heap = new Event[64];
  private int size;
  private long scheduled;

  void add(Event event) {
    event.order = scheduled++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int index = size++;
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (!before(event, heap[parent])) {
        break;
      }
      heap[index] = heap[parent];
      index = parent;
    }
    heap[index] = event;
  }

  /** {@return the time of the next event, infinite when there is none} */
  double nextTime() {
    return size == 0 ? Double.POSITIVE_INFINITY : heap[0].time;
  }

  @Nullable Event poll() {
    if (size == 0) {
      return null;
    }
    Event top = heap[0];
    Event last = heap[--size];
    heap[size] = null;
    if (size > 0) {
      int index = 0;
      while (true) {
        int child = 2 * index + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && before(heap[child + 1], heap[child])) {
          child++;
        }
        if (!before(heap[child], last)) {
          break;
        }
        heap[index] = heap[child];
        index = child;
      }
      heap[index] = last;
    }
    return top;
  }

  private static boolean before(Event a, Event b) {
    return a.time < b.time || (a.time == b.time && a.order < b.order);
  }
}
