package dev.wasibox.host.run;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;

/**
 * Refuses, at load time, a module whose {@code _start} or {@code _initialize} is not a function
 * of type {@code () -> ()}: WASI calls them with no arguments and expects no results (Chicory's
 * compiled code would index past its argument array).
 */
final class EntryPoints {
  private EntryPoints() {}

  static void requireNoArguments(WasmModule module) {
    var exports = module.exportSection();
    for (int i = 0; i < exports.exportCount(); i++) {
      Export e = exports.getExport(i);
      if (!e.name().equals("_start") && !e.name().equals("_initialize")) {
        continue;
      }
      if (e.exportType() != ExternalType.FUNCTION) {
        throw new ModuleException(e.name() + " is exported but is not a function");
      }
      FunctionType type = functionType(module, e.index());
      if (!type.params().isEmpty() || !type.returns().isEmpty()) {
        throw new ModuleException(e.name() + " must take no arguments and return nothing, it is " + type);
      }
    }
  }

  private static FunctionType functionType(WasmModule module, int functionIndex) {
    int imported = module.importSection().count(ExternalType.FUNCTION);
    int typeIndex =
        functionIndex < imported
            ? ((com.dylibso.chicory.wasm.types.FunctionImport) importedFunction(module, functionIndex)).typeIndex()
            : module.functionSection().getFunctionType(functionIndex - imported);
    return module.typeSection().getType(typeIndex);
  }

  private static com.dylibso.chicory.wasm.types.Import importedFunction(WasmModule module, int index) {
    var imports = module.importSection();
    int seen = 0;
    for (int i = 0; i < imports.importCount(); i++) {
      var imp = imports.getImport(i);
      if (imp.importType() == ExternalType.FUNCTION && seen++ == index) {
        return imp;
      }
    }
    throw new IndexOutOfBoundsException("function " + index);
  }
}
