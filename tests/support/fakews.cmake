# The fake Binance WebSocket server (issue 3). Loopback only.
qt_add_library(candlewick_fakews STATIC
    ${CMAKE_CURRENT_LIST_DIR}/fakebinancews.h ${CMAKE_CURRENT_LIST_DIR}/fakebinancews.cpp
)
target_include_directories(candlewick_fakews PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(candlewick_fakews PUBLIC Candlewick::Models Qt6::Core Qt6::Network Qt6::WebSockets)
