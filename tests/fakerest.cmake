# Tests of the fake Binance REST server (tests/support/fakebinancerest.*).
candlewick_add_test(tst_fakebinancerest
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_fakebinancerest.cpp
    LIBS Candlewick::FakeRest Candlewick::Models Qt6::Network
)
