# Live candles, the fake WebSocket server and the recorder (issue 3).
candlewick_add_test(tst_klineeventparser SOURCES tst_klineeventparser.cpp LIBS Candlewick::Providers)
candlewick_add_test(tst_websocketprovider SOURCES tst_websocketprovider.cpp
    LIBS Candlewick::Providers candlewick_fakews candlewick_fakerest)
candlewick_add_test(tst_recorder SOURCES tst_recorder.cpp
    LIBS Candlewick::Providers candlewick_fakews candlewick_fakerest)
# `candlewick-cli record` as a process against the fakes, incl. SIGTERM and kill -9.
candlewick_add_test(tst_cli_record SOURCES tst_cli_record.cpp
    LIBS Candlewick::Models candlewick_fakews candlewick_fakerest Candlewick::CliTest SQLite::SQLite3)
target_compile_definitions(tst_cli_record PRIVATE CANDLEWICK_CLI_PATH="$<TARGET_FILE:candlewick-cli>")
add_dependencies(tst_cli_record candlewick-cli)
