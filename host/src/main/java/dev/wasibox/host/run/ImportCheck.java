package dev.wasibox.host.run;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import dev.wasibox.host.WasiConfig;
import dev.wasibox.host.WasiModule;
import java.util.HashMap;
import java.util.Map;

/**
 * Refuses, at load time, a module that imports anything wasibox does not provide (another module's
 * functions, a memory, a table, a global) or a WASI function with the wrong type, with a message
 * naming the import.
 */
final class ImportCheck {
  private static final Map<String, FunctionType> PROVIDED = provided();

  private ImportCheck() {}

  private static Map<String, FunctionType> provided() {
    Map<String, FunctionType> out = new HashMap<>();
    WasiModule module = new WasiModule(WasiConfig.builder().build().newContext(), false);
    for (HostFunction f : module.functions()) {
      out.put(f.module() + "::" + f.name(), f.functionType());
    }
    return out;
  }

  static void requireSupported(WasmModule module) {
    var imports = module.importSection();
    for (int i = 0; i < imports.importCount(); i++) {
      Import imp = imports.getImport(i);
      String name = imp.module() + "::" + imp.name();
      if (imp.importType() != ExternalType.FUNCTION) {
        throw new ModuleException("unsupported import " + name + " (" + imp.importType() + ")");
      }
      FunctionType wanted = module.typeSection().getType(((FunctionImport) imp).typeIndex());
      FunctionType have = PROVIDED.get(name);
      if (have == null) {
        throw new ModuleException("unknown import " + name + ": wasibox provides only WASI preview1");
      }
      if (!have.equals(wanted)) {
        throw new ModuleException("import " + name + " has type " + wanted + ", expected " + have);
      }
    }
  }
}
