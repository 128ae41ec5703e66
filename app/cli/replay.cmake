# replay and strategies commands (issue 4). CommandRegistry registers ReplayCommand and
# StrategiesCommand (replaycommand.h, strategiescommand.h).
target_sources(candlewick-cli PRIVATE
    pluginoptions.h pluginoptions.cpp
    replaycommand.h replaycommand.cpp
    strategiescommand.h strategiescommand.cpp
)
target_link_libraries(candlewick-cli PRIVATE Candlewick::Strategies)
add_dependencies(candlewick-cli candlewick_example_plugins)
