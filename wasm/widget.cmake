# The widget's WebAssembly module (wasm/widget_bindings.cpp): calculators only,
# optimised for size, no filesystem, no embind, and no Emscripten JS loader
# (STANDALONE_WASM: web/widget/core.js instantiates it with a few lines).
# Output: web/gen/widget/kpikit_widget_core.wasm; scripts/build-widget.mjs
# inlines it into the one-file widget web/gen/kpikit-widget.js.
add_executable(kpikit_widget_wasm widget_bindings.cpp)
target_link_libraries(kpikit_widget_wasm PRIVATE kpikit::core)
target_compile_options(kpikit_widget_wasm PRIVATE -Oz)
set_target_properties(kpikit_widget_wasm PROPERTIES
  OUTPUT_NAME kpikit_widget_core
  SUFFIX ".wasm"
  RUNTIME_OUTPUT_DIRECTORY ${PROJECT_SOURCE_DIR}/web/gen/widget)
target_link_options(kpikit_widget_wasm PRIVATE
  -Oz
  -fwasm-exceptions
  -sSTANDALONE_WASM=1
  --no-entry
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=1MB
  -sTOTAL_STACK=256KB
  -sFILESYSTEM=0
  -sABORTING_MALLOC=0
  -sSUPPORT_LONGJMP=0
  -sMALLOC=emmalloc
  -sEXPORTED_FUNCTIONS=_kpikit_widget_calculators,_kpikit_widget_calc,_malloc,_free)
