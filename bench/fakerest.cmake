# Throughput of the fake Binance REST server. Needs the test support library (tests enabled).
if(TARGET Candlewick::FakeRest)
    qt_add_executable(bench_fakerest ${CMAKE_CURRENT_LIST_DIR}/bench_fakerest.cpp)
    target_link_libraries(bench_fakerest PRIVATE Candlewick::FakeRest Candlewick::Models Qt6::Network)
endif()
