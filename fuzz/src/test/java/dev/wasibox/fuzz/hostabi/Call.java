package dev.wasibox.fuzz.hostabi;

import java.util.Arrays;

/**
 * One generated host call: which function (an index into the sorted registered functions, taken
 * modulo their count) and its raw arguments.
 */
record Call(int function, long[] args) {
  @Override
  public String toString() {
    return "#" + function + Arrays.toString(args);
  }
}
