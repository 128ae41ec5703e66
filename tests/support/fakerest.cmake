# The Binance-compatible fake REST server (loopback only), for tests and benches.
# Included from tests/support/CMakeLists.txt.
qt_add_library(candlewick_fakerest STATIC
    ${CMAKE_CURRENT_LIST_DIR}/fakebinancerest.h ${CMAKE_CURRENT_LIST_DIR}/fakebinancerest.cpp
    ${CMAKE_CURRENT_LIST_DIR}/httprequest.h
    ${CMAKE_CURRENT_LIST_DIR}/httprequestparser.h ${CMAKE_CURRENT_LIST_DIR}/httprequestparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/syntheticmarket.h ${CMAKE_CURRENT_LIST_DIR}/syntheticmarket.cpp
    ${CMAKE_CURRENT_LIST_DIR}/serverweightlimiter.h ${CMAKE_CURRENT_LIST_DIR}/serverweightlimiter.cpp
)
add_library(Candlewick::FakeRest ALIAS candlewick_fakerest)
target_include_directories(candlewick_fakerest PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(candlewick_fakerest PUBLIC Candlewick::Models Qt6::Network)
