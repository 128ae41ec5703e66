# Binance REST provider benchmark (helper "rest"): needs the fake server from tests/support.
if(TARGET Candlewick::FakeRest)
    qt_add_executable(candlewick-bench-fetch ${CMAKE_CURRENT_LIST_DIR}/fetch_bench.cpp)
    target_link_libraries(candlewick-bench-fetch PRIVATE Candlewick::Providers Candlewick::FakeRest)
endif()
