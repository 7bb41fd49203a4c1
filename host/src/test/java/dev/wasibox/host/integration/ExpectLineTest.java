package dev.wasibox.host.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matching rule of {@code fs_attack --expect} lines, as guests/README.md states it. */
class ExpectLineTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "A01 errno=63 expect=errno=63; true",
        "A01 errno=44 expect=errno=63; false",
        "A01 errno=630 expect=errno=63; false",
        "C04.3 errno=69 expect=errno=75|errno=69; true",
        "B31.1 ok filetype=7 size=2 expect=ok filetype=7 size=2; true",
        "E07.2 ok filetype=7 size=5 expect=ok filetype=7; true",
        "E07.2 ok filetype=70 expect=ok filetype=7; false",
        "D14.1 errno=33 opened=1017 expect=errno=33; true",
        "Z01.3 errno=63 expect=errno=*; true",
        "Z01.3 LEAK read=\"HOST-SECRET\" expect=errno=*; false",
        "Z01.3 read=\"x\" expect=errno=*; false",
        "B30.2 skip expect=*; true",
        "E06.5 names= expect=names=; true",
        "E06.5 names=x expect=names=; false",
        "A20.7 read=\"a expect=b\" expect=read=\"dots\"; false",
        "END leaks=0 expect=leaks=0; true",
        "END leaks=1 expect=leaks=0; false",
      })
  void passes_resultAgainstAlternatives_followsTheReadmeRule(String line, boolean passes) {
    assertEquals(passes, ExpectLine.parse(line).passes());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"A01 errno=63", "A01", "expect=ok"})
  void parse_lineWithoutIdResultOrExpect_throws(String line) {
    assertThrows(IllegalArgumentException.class, () -> ExpectLine.parse(line));
  }

  @org.junit.jupiter.api.Test
  void parse_resultWithSpaces_keepsThemInTheResult() {
    ExpectLine l = ExpectLine.parse("B31.1 ok filetype=7 size=2 expect=ok filetype=7 size=2|errno=63");
    assertEquals("B31.1", l.id());
    assertEquals("ok filetype=7 size=2", l.result());
    assertEquals(List.of("ok filetype=7 size=2", "errno=63"), l.alternatives());
  }
}
