# Replay, mock provider and strategy tests (issue 4).

# Test plugins, built like third-party ones. "extra" holds working ones (noop, throwing),
# "broken" the ones the host must reject (wrong IID, bad metadata).
set(CANDLEWICK_TEST_PLUGIN_DIR "${CMAKE_CURRENT_BINARY_DIR}/plugins/extra")
set(CANDLEWICK_BROKEN_PLUGIN_DIR "${CMAKE_CURRENT_BINARY_DIR}/plugins/broken")
candlewick_add_strategy_plugin(tstplugin_noop NO_INSTALL OUTPUT_DIRECTORY ${CANDLEWICK_TEST_PLUGIN_DIR}
    SOURCES plugins/noopplugin.h plugins/noopplugin.cpp plugins/noop.json)
candlewick_add_strategy_plugin(tstplugin_throwing NO_INSTALL OUTPUT_DIRECTORY ${CANDLEWICK_TEST_PLUGIN_DIR}
    SOURCES plugins/throwingplugin.h plugins/throwingplugin.cpp plugins/throwing.json)
candlewick_add_strategy_plugin(tstplugin_badmeta NO_INSTALL OUTPUT_DIRECTORY ${CANDLEWICK_BROKEN_PLUGIN_DIR}
    SOURCES plugins/badmetaplugin.h plugins/badmetaplugin.cpp plugins/badmeta.json)
qt_add_plugin(tstplugin_wrongiid SHARED)
target_sources(tstplugin_wrongiid PRIVATE plugins/wrongiidplugin.h plugins/wrongiidplugin.cpp plugins/wrongiid.json)
target_link_libraries(tstplugin_wrongiid PRIVATE Qt6::Core)
set_target_properties(tstplugin_wrongiid PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${CANDLEWICK_BROKEN_PLUGIN_DIR})

candlewick_add_test(tst_mockprovider SOURCES tst_mockprovider.cpp LIBS Candlewick::Providers)

candlewick_add_test(tst_replayprovider SOURCES tst_replayprovider.cpp LIBS Candlewick::Providers)

candlewick_add_test(tst_strategies SOURCES tst_strategies.cpp LIBS Candlewick::Strategies)
add_dependencies(tst_strategies sma_cross rsi_threshold tstplugin_noop tstplugin_throwing
    tstplugin_badmeta tstplugin_wrongiid)
target_compile_definitions(tst_strategies PRIVATE
    CANDLEWICK_PLUGIN_BUILD_DIR="${CANDLEWICK_PLUGIN_BUILD_DIR}"
    CANDLEWICK_TEST_PLUGIN_DIR="${CANDLEWICK_TEST_PLUGIN_DIR}"
    CANDLEWICK_BROKEN_PLUGIN_DIR="${CANDLEWICK_BROKEN_PLUGIN_DIR}"
)

# candlewick-cli replay / strategies as a process, against a temporary store.
candlewick_add_test(tst_cli_replay SOURCES tst_cli_replay.cpp LIBS Candlewick::Models Candlewick::CliTest)
target_compile_definitions(tst_cli_replay PRIVATE CANDLEWICK_CLI_PATH="$<TARGET_FILE:candlewick-cli>"
    CANDLEWICK_TEST_PLUGIN_DIR="${CANDLEWICK_TEST_PLUGIN_DIR}")
add_dependencies(tst_cli_replay candlewick-cli sma_cross rsi_threshold tstplugin_throwing)
