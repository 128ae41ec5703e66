# Running candlewick-cli as a separate process from a test.
qt_add_library(candlewick_clitest STATIC
    ${CMAKE_CURRENT_LIST_DIR}/cliprocess.h ${CMAKE_CURRENT_LIST_DIR}/cliprocess.cpp
)
add_library(Candlewick::CliTest ALIAS candlewick_clitest)
target_include_directories(candlewick_clitest PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(candlewick_clitest PUBLIC Qt6::Core Qt6::Test)
