/**
 * The fuzzing harness of wasibox: jqwik properties against the resolver ({@code resolver}), the
 * VFS under random operation sequences ({@code vfsops}) and the module loader and runner ({@code
 * module}), the reference model they compare with ({@code model}), the shared generators ({@code
 * gen}), and {@link dev.wasibox.fuzz.FuzzBudget}, which sizes every property for CI or for a long
 * campaign. How to run it: {@code fuzz/README.md}.
 */
package dev.wasibox.fuzz;
