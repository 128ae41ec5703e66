# Binance REST provider suites (helper "rest"). Included from tests/CMakeLists.txt.
candlewick_add_test(tst_klinesparser SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_klinesparser.cpp LIBS Candlewick::Providers)
candlewick_add_test(tst_weightlimiter SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_weightlimiter.cpp LIBS Candlewick::Providers)
candlewick_add_test(tst_retrypolicy SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_retrypolicy.cpp LIBS Candlewick::Providers)
candlewick_add_test(tst_endpoints SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_endpoints.cpp LIBS Candlewick::Providers)
if(TARGET Candlewick::FakeRest)
    candlewick_add_test(tst_binancerestprovider SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_binancerestprovider.cpp
        LIBS Candlewick::Providers Candlewick::FakeRest)
endif()
