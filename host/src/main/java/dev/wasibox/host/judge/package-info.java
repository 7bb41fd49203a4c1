/**
 * The judge: one compiled submission run against every test case of a directory, each output
 * compared by a checker, with per-case and overall verdicts (AC, WA, TLE, MLE, OLE, RE).
 */
package dev.wasibox.host.judge;
