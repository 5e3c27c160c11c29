# The widget's WebAssembly module (wasm/widget_bindings.cpp): calculators only,
# optimised for size, no filesystem, no embind, and no Emscripten JS loader
# (STANDALONE_WASM: web/widget/core.js instantiates it with a few lines).
# Output: web/gen/widget/kpikit_widget_core.wasm; scripts/build-widget.mjs
# inlines it into the one-file widget web/gen/kpikit-widget.js.

# The calculators, compiled a second time for size (-Oz instead of the app's
# -O3: about a quarter smaller here). Only the folders the calculators live in
# (src/calc, src/core, api/calc_ops.cpp). kpikit::core, linked after it, only
# fills in what a calculator may call elsewhere (the linker takes each symbol
# from the first library that defines it); add such a folder here to get it
# at -Oz too.
get_target_property(kpikit_widget_sources kpikit_core SOURCES)
list(FILTER kpikit_widget_sources INCLUDE REGEX "/src/(calc|core)/[^/]+\\.cpp$|/src/api/calc_ops\\.cpp$")
add_library(kpikit_widget_calc STATIC EXCLUDE_FROM_ALL ${kpikit_widget_sources})
target_compile_features(kpikit_widget_calc PUBLIC cxx_std_17)
target_include_directories(kpikit_widget_calc PUBLIC ${PROJECT_SOURCE_DIR}/src)
target_compile_options(kpikit_widget_calc PUBLIC -fwasm-exceptions PRIVATE -Oz)
target_link_libraries(kpikit_widget_calc PUBLIC kpikit_json)

add_executable(kpikit_widget_wasm widget_bindings.cpp)
target_link_libraries(kpikit_widget_wasm PRIVATE kpikit_widget_calc kpikit::core)
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
