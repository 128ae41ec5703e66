# Replay benchmarks (issue 4): replay_bench prints BENCH lines.
set(CANDLEWICK_BENCH_PLUGIN_DIR "${CMAKE_CURRENT_BINARY_DIR}/plugins")
candlewick_add_strategy_plugin(benchplugin_noop NO_INSTALL OUTPUT_DIRECTORY ${CANDLEWICK_BENCH_PLUGIN_DIR}
    SOURCES ${PROJECT_SOURCE_DIR}/tests/plugins/noopplugin.h ${PROJECT_SOURCE_DIR}/tests/plugins/noopplugin.cpp
            ${PROJECT_SOURCE_DIR}/tests/plugins/noop.json)
qt_add_executable(replay_bench replay_bench.cpp)
target_link_libraries(replay_bench PRIVATE Candlewick::Strategies Candlewick::Providers Candlewick::Models Qt6::Core)
target_compile_definitions(replay_bench PRIVATE CANDLEWICK_BENCH_PLUGIN_DIR="${CANDLEWICK_BENCH_PLUGIN_DIR}")
add_dependencies(replay_bench benchplugin_noop)
