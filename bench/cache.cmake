# History benchmarks (issue 2). Needs the fake server from tests/support.
if(TARGET Candlewick::FakeRest)
    qt_add_executable(candlewick-bench-history ${CMAKE_CURRENT_LIST_DIR}/history_bench.cpp)
    target_link_libraries(candlewick-bench-history PRIVATE Candlewick::Providers Candlewick::FakeRest)
endif()
