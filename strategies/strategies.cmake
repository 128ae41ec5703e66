# Strategy plugin API, StrategyHost and the example plugins (issue 4).

# The header-only plugin API: Qt6::Core only, no Candlewick library.
add_library(candlewick_strategy_api INTERFACE)
add_library(Candlewick::StrategyApi ALIAS candlewick_strategy_api)
target_include_directories(candlewick_strategy_api INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/api)
target_link_libraries(candlewick_strategy_api INTERFACE Qt6::Core)

# The host side: loads plugins, wires them to providers, collects signals.
qt_add_library(candlewick_strategies STATIC
    runsummary.h runsummary.cpp
    strategyhost.h strategyhost.cpp
    strategyinfo.h strategyinfo.cpp
    strategyparameter.h strategyparameter.cpp
    strategyrun.h strategyrun.cpp
    strategysignal.h strategysignal.cpp
)
add_library(Candlewick::Strategies ALIAS candlewick_strategies)
target_include_directories(candlewick_strategies PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(candlewick_strategies
    PUBLIC Candlewick::StrategyApi Candlewick::Providers Candlewick::Models Qt6::Core
)
target_compile_definitions(candlewick_strategies PRIVATE
    CANDLEWICK_PLUGIN_BUILD_DIR="${CANDLEWICK_PLUGIN_BUILD_DIR}"
)

# candlewick_add_strategy_plugin(<target> [OUTPUT_DIRECTORY dir] [NO_INSTALL] SOURCES ...)
# A strategy plugin built like a third-party one: a shared Qt plugin that links Qt6::Core and
# the header-only API only (never our static libraries). Lands in CANDLEWICK_PLUGIN_BUILD_DIR.
function(candlewick_add_strategy_plugin target)
    cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
    if(NOT ARG_OUTPUT_DIRECTORY)
        set(ARG_OUTPUT_DIRECTORY "${CANDLEWICK_PLUGIN_BUILD_DIR}")
    endif()
    # Qt 6.4's qt_add_plugin() takes no sources: add them afterwards.
    qt_add_plugin(${target} SHARED)
    target_sources(${target} PRIVATE ${ARG_SOURCES})
    target_link_libraries(${target} PRIVATE Qt6::Core Candlewick::StrategyApi)
    set_target_properties(${target} PROPERTIES
        LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}"
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
    )
    if(NOT ARG_NO_INSTALL)
        install(TARGETS ${target} LIBRARY DESTINATION lib/candlewick/plugins)
    endif()
endfunction()

candlewick_add_strategy_plugin(sma_cross SOURCES
    examples/sma_cross/smacrossplugin.h examples/sma_cross/smacrossplugin.cpp
    examples/sma_cross/smacrossstrategy.h examples/sma_cross/smacrossstrategy.cpp
    examples/sma_cross/sma_cross.json
)
candlewick_add_strategy_plugin(rsi_threshold SOURCES
    examples/rsi_threshold/rsithresholdplugin.h examples/rsi_threshold/rsithresholdplugin.cpp
    examples/rsi_threshold/rsithresholdstrategy.h examples/rsi_threshold/rsithresholdstrategy.cpp
    examples/rsi_threshold/rsi_threshold.json
)
# The host finds the example plugins in the build tree only once they are built.
add_custom_target(candlewick_example_plugins DEPENDS sma_cross rsi_threshold)
