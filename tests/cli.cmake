candlewick_add_test(tst_cli SOURCES tst_cli.cpp LIBS Candlewick::Models Candlewick::FakeRest Candlewick::CliTest)
target_compile_definitions(tst_cli PRIVATE CANDLEWICK_CLI_PATH="$<TARGET_FILE:candlewick-cli>")
add_dependencies(tst_cli candlewick-cli)
